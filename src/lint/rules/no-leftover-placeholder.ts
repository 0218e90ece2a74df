import { regionsOf } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';

interface Options {
  /** Extra regular expressions for leftovers (case-insensitive). */
  patterns: string[];
}

const MESSAGES = {
  unprintable: '`{{text}}` is a value the template could not print',
  'unfilled-tag': '`{{text}}` is a template tag that was never filled',
  bracketed: '`{{text}}` looks like a placeholder left in the copy',
  'writer-note': '`{{text}}` is a note to the writer, not copy',
  filler: '`{{text}}` is filler text',
  'missing-value': '`{{text}}` is a missing value printed as text',
  'custom-pattern': '`{{text}}` matches a leftover pattern',
} as const;

interface Leftover {
  pattern: RegExp;
  /** Its message, with the leftover as `{{text}}`. */
  messageId: keyof typeof MESSAGES;
  /** Only in rendered text: a template legitimately holds `{{ }}`. */
  renderedOnly?: boolean;
  /** Matches that are not leftovers after all. */
  skip?: (text: string) => boolean;
}

/**
 * What a text part puts in brackets after a link's text: `[https://…]`, `[tel:+44…]`,
 * `[ar@example.com]` (a mailto: link), `[www.example.com]`, `[/account/invoices]`.
 */
const LINK_TARGET = /^(?:[a-z][a-z0-9+.-]*:[^\s\]]+|[^\s@\]]+@[^\s@\]]+\.[^\s\]]+|www\.[^\s\]]+|\/[^\s\]]*)$/iu;

// The more specific leftovers come first: a match overlapping an earlier one is not reported again.
const LEFTOVERS: Leftover[] = [
  { pattern: /\[object Object\]/gu, messageId: 'unprintable', renderedOnly: true },
  { pattern: /\{\{[^}]*\}\}|\{%[^%]*%\}/gu, messageId: 'unfilled-tag', renderedOnly: true },
  // [Your name], [Company], [#ref], [date]: but not the link targets of a text part.
  // A markdown link [text](url) is a link, not a placeholder.
  { pattern: /\[[^\]\n]*\p{L}[^\]\n]*\](?!\()/gu, messageId: 'bracketed', skip: (t) => LINK_TARGET.test(t.slice(1, -1)) },
  { pattern: /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME)(?![\p{L}\p{N}])/gu, messageId: 'writer-note' },
  { pattern: /\blorem ipsum\b/giu, messageId: 'filler' },
  { pattern: /(?<![\p{L}\p{N}])(?:undefined|NaN|null)(?![\p{L}\p{N}])/gu, messageId: 'missing-value', renderedOnly: true },
];

export default defineRule<Options>({
  meta: {
    id: 'no-leftover-placeholder',
    description: 'No [Your name]-style brackets, TODO, lorem ipsum, or undefined/NaN/null in rendered output.',
    sources: ['C2', 'N12'],
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { patterns: { type: 'array', items: { type: 'string' }, default: [] } },
    },
    messages: MESSAGES,
  },
  check(document, { options, report }) {
    const extra: Leftover[] = options.patterns.map((source) => ({ pattern: new RegExp(source, 'giu'), messageId: 'custom-pattern' }));
    for (const region of regionsOf(document)) {
      const reported: { start: number; end: number }[] = [];
      for (const leftover of [...LEFTOVERS, ...extra]) {
        if (leftover.renderedOnly && document.kind === 'template') continue;
        for (const match of region.text.matchAll(leftover.pattern)) {
          const start = match.index;
          const end = start + match[0].length;
          if (end === start || leftover.skip?.(match[0])) continue;
          if (overlapsPlaceholder(region, start, end) || reported.some((r) => start < r.end && end > r.start)) continue;
          reported.push({ start, end });
          report({ region, start, end, actual: match[0], messageId: leftover.messageId, data: { text: match[0] } });
        }
      }
    }
  },
});

function overlapsPlaceholder(region: TextRegion, start: number, end: number): boolean {
  return region.placeholders.some((p) => start < p.end && end > p.start);
}
