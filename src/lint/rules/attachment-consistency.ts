import { findPhrases, type PhraseMatch } from '../phrases.js';
import { defineRule, type LintDocument } from '../types.js';
import { dataGuard } from '../checks/data-guard.js';

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
    const guard = dataGuard(options.field);
    for (const match of distinct(findPhrases(document, lexicon('attachment')))) {
      const { region, start, end, text } = match;
      if (document.kind === 'template') {
        // A loop over the attachments runs only with a file, so it guards the claim too.
        if (guard.guards(document.tags, region.sourceOffset(start), { loops: true })) continue;
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
  const links = options.invoiceLinks.map((field) => dataGuard(field).reference);
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

