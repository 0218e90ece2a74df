import { findPhrases, type PhraseMatch } from '../phrases.js';
import { defineRule, type LintDocument } from '../types.js';
import type { TemplateTag } from '../../template/tags.js';

interface Options {
  /** The data path a template tests before it says a file is attached. */
  field: string;
  /** Data paths whose links give the customer the invoice (C3): `<a href="{{ invoice.url }}">`. */
  invoiceLinks: string[];
}

const DATA_PATH = '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$';

export default defineRule<Options>({
  meta: {
    id: 'attachment-consistency',
    description: 'Copy says the invoice is attached only when the email carries an attachment; an email gives the invoice as an attachment or a link.',
    sources: ['C3', 'N10'],
    defaultSeverity: 'error',
    lexicons: { attachment: ['attached'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        field: { type: 'string', minLength: 1, pattern: DATA_PATH, default: 'attachments' },
        invoiceLinks: { type: 'array', items: { type: 'string', minLength: 1, pattern: DATA_PATH }, uniqueItems: true, default: ['invoice.url'] },
      },
    },
    messages: {
      unguarded: '`{{text}}` says a file is attached, outside `{% if {{field}} %}`: data without attachments would send the claim without the file',
      'not-attached': '`{{text}}` says a file is attached, but the message has no attachment',
      'no-invoice': 'The email neither attaches the invoice (no fixture has `{{field}}`) nor links it (`{{link}}`): give the customer a copy of the invoice',
      'no-invoice-message': 'The message has neither an attachment nor a link: give the customer a copy of the invoice',
    },
  },
  check(document, { options, report, lexicon }) {
    const guarded = guardTest(options.field);
    for (const match of distinct(findPhrases(document, lexicon('attachment')))) {
      const { region, start, end, text } = match;
      if (document.kind === 'template') {
        if (guarded(document.tags, region.sourceOffset(start))) continue;
        report({
          region,
          start,
          end,
          actual: text,
          messageId: 'unguarded',
          data: { text, field: options.field },
          note: `Wrap the sentence in {% if ${options.field} %}…{% endif %}, and give the data the invoice in ${options.field} (a PDF as base64 content, or a path).`,
        });
      } else if (document.attachments?.length === 0) {
        report({
          region,
          start,
          end,
          actual: text,
          messageId: 'not-attached',
          data: { text },
          note: 'Attach a copy of the invoice (C3), or say where to find it: "You can download a copy of the invoice here."',
        });
      }
    }
    if (!givesInvoice(document, options)) {
      report(
        document.kind === 'template'
          ? { start: document.bodyOffset, messageId: 'no-invoice', data: { field: options.field, link: `{{ ${options.invoiceLinks[0] ?? 'invoice.url'} }}` }, severity: 'warn' }
          : { start: document.bodyOffset, messageId: 'no-invoice-message', severity: 'warn' },
      );
    }
  },
});

/**
 * Whether the customer gets the invoice: an attachment, or a link. Unknown counts as yes
 * (a text message, a template linted without its folder), so the rule only says what it knows.
 */
function givesInvoice(document: LintDocument, options: Options): boolean {
  if (document.kind === 'message') return document.attachments === undefined || document.attachments.length > 0 || document.links.length > 0;
  if (document.kind !== 'template' || !document.email?.renders) return true;
  if (document.email.renders.some((render) => render.fixture && (render.attachments?.length ?? 0) > 0)) return true;
  const links = options.invoiceLinks.map(reference);
  return document.links.some((link) => links.some((pattern) => pattern.test(link.href)));
}

/** Overlapping claims in one sentence (`please find the invoice attached`) are one claim. */
function distinct(matches: PhraseMatch[]): PhraseMatch[] {
  const kept: PhraseMatch[] = [];
  for (const match of [...matches].sort((a, b) => a.region.sourceOffset(a.start) - b.region.sourceOffset(b.start))) {
    const last = kept.at(-1);
    if (last && last.region === match.region && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/** `attachments`, `attachments.length`, not `my_attachments` or `attachmentsUrl`. */
function reference(field: string): RegExp {
  return new RegExp(`(?<![\\w.$])${field.replace(/[.$]/g, '\\$&')}(?![\\w$])`);
}

/**
 * Whether a file offset sits in an `{% if %}` branch that runs only when the data has the
 * field: the branch's own test requires it (every `or` alternative names it, not negated),
 * or an earlier test of the chain was `not field`. A loop over the field (`{% for a in
 * attachments %}`) runs only when it has items, so it counts too.
 */
function guardTest(field: string): (tags: TemplateTag[], offset: number) => boolean {
  const named = reference(field);
  const negated = new RegExp(`^not\\s+\\(?\\s*${field.replace(/[.$]/g, '\\$&')}(\\.[\\w$]+)*\\s*\\)?$`);
  const requires = (condition: string): boolean =>
    condition.split(/\bor\b/).every((alternative) => alternative.split(/\band\b/).some((term) => named.test(term) && !/\bnot\b/.test(term)));
  return (tags, offset) => {
    const stack: { conditions: string[]; inElse: boolean; loop: boolean; over: boolean }[] = [];
    for (const tag of tags) {
      if (tag.start >= offset) break;
      if (tag.kind !== 'block') continue;
      const condition = tag.text.replace(/^\{%-?\s*/, '').replace(/\s*-?%\}$/, '').slice(tag.keyword.length).trim();
      const top = stack.at(-1);
      switch (tag.keyword) {
        case 'if':
          stack.push({ conditions: [condition], inElse: false, loop: false, over: false });
          break;
        case 'for':
        case 'asyncEach':
        case 'asyncAll':
          stack.push({ conditions: [], inElse: false, loop: true, over: named.test(condition.split(/\bin\b/).slice(1).join(' in ')) });
          break;
        case 'elif':
        case 'elseif':
          top?.conditions.push(condition);
          break;
        case 'else':
          if (top) top.inElse = true;
          break;
        case 'endif':
        case 'endfor':
        case 'endeach':
        case 'endall':
          stack.pop();
          break;
        default:
          break;
      }
    }
    return stack.some((frame) => {
      if (frame.loop) return frame.over && !frame.inElse;
      const current = frame.inElse ? undefined : frame.conditions.at(-1);
      const earlier = frame.inElse ? frame.conditions : frame.conditions.slice(0, -1);
      return (current !== undefined && requires(current)) || earlier.some((c) => negated.test(c));
    });
  };
}
