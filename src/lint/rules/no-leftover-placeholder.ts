import { regionsOf } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';

interface Options {
  /** Extra regular expressions for leftovers (case-insensitive). */
  patterns: string[];
}

interface Leftover {
  pattern: RegExp;
  reason: (text: string) => string;
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
  { pattern: /\[object Object\]/gu, reason: (t) => `\`${t}\` is a value the template could not print`, renderedOnly: true },
  { pattern: /\{\{[^}]*\}\}|\{%[^%]*%\}/gu, reason: (t) => `\`${t}\` is a template tag that was never filled`, renderedOnly: true },
  // [Your name], [Company], [#ref], [date]: but not the link targets of a text part.
  // A markdown link [text](url) is a link, not a placeholder.
  { pattern: /\[[^\]\n]*\p{L}[^\]\n]*\](?!\()/gu, reason: (t) => `\`${t}\` looks like a placeholder left in the copy`, skip: (t) => LINK_TARGET.test(t.slice(1, -1)) },
  { pattern: /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME)(?![\p{L}\p{N}])/gu, reason: (t) => `\`${t}\` is a note to the writer, not copy` },
  { pattern: /\blorem ipsum\b/giu, reason: (t) => `\`${t}\` is filler text` },
  { pattern: /(?<![\p{L}\p{N}])(?:undefined|NaN|null)(?![\p{L}\p{N}])/gu, reason: (t) => `\`${t}\` is a missing value printed as text`, renderedOnly: true },
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
    defaultOptions: { patterns: [] },
  },
  check(document, { options, report }) {
    const extra: Leftover[] = options.patterns.map((source) => ({
      pattern: new RegExp(source, 'giu'),
      reason: (t) => `\`${t}\` matches a leftover pattern`,
    }));
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
          report({ region, start, end, actual: match[0], reason: leftover.reason(match[0]) });
        }
      }
    }
  },
});

function overlapsPlaceholder(region: TextRegion, start: number, end: number): boolean {
  return region.placeholders.some((p) => start < p.end && end > p.start);
}
