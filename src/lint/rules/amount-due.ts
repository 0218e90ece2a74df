import { defineRule, type LintDocument } from '../types.js';
import { refersTo } from '../places.js';

interface Options {
  /** The data path a template prints the amount from. */
  placeholder: string;
  /** Extra regular expressions for an amount of money in a plain message (case-insensitive). */
  patterns: string[];
}

// A currency symbol ($ € £ ¥ ₹ ₽ ฿ …) or an ISO 4217 code (USD, EUR, RON) beside a number:
// $1,250.00, 1.250,00 €, EUR 400, £400, 400 USD, 1 250,50 ₽.
// Currency words as people write them after an amount: lei, рублей, руб., р., euros, บาท.
const CURRENCY_WORDS = String.raw`lei|leu|рубл\p{L}*|руб\.?|р\.|euros?|dólar\p{L}*|pesos?|dollars?|บาท`;
const CURRENCY = `(?:\\p{Sc}|(?<![\\p{L}])(?:${Intl.supportedValuesOf('currency').join('|')}|${CURRENCY_WORDS})(?![\\p{L}]))`;
const NUMBER = String.raw`(?:\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+|\d+)(?:[.,]\d{1,2})?(?!\d)`;
const MONEY = new RegExp(`${CURRENCY}\\s?${NUMBER}|(?<![\\d.,])${NUMBER}\\s?${CURRENCY}`, 'u');

export default defineRule<Options>({
  meta: {
    id: 'amount-due',
    description: 'Once the invoice is late, the body states the amount owed.',
    sources: ['N12.2', 'N12.3'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        placeholder: { type: 'string', minLength: 1, default: 'invoice.amount' },
        patterns: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
      },
    },
    defaultOptions: { placeholder: 'invoice.amount', patterns: [] },
    appliesTo: { late: true },
  },
  check(document, { options, report }) {
    if (statesAmount(document, options)) return;
    const first = document.body[0];
    const lead = first ? first.text.length - first.text.trimStart().length : 0;
    const example = document.locale.split('-')[0] === 'en' ? '$1,250.00' : `${new Intl.NumberFormat(document.locale, { minimumFractionDigits: 2 }).format(1250)} and its currency`;
    const what = document.kind === 'template' ? `\`{{ ${options.placeholder} | money(invoice.currency) }}\`` : `the amount owed (for example \`${example}\`)`;
    report({
      ...(first ? { region: first, start: lead, end: lead } : { start: document.bodyOffset }),
      reason: `Body does not state the amount due; add ${what}`,
    });
  },
});

function statesAmount(document: LintDocument, options: Options): boolean {
  if (document.kind === 'template') {
    const path = refersTo(options.placeholder);
    return [...document.body, ...(document.layout?.regions ?? [])].some((region) => region.placeholders.some((p) => path.test(p.expression)));
  }
  const patterns = [MONEY, ...options.patterns.map((source) => new RegExp(source, 'iu'))];
  return document.body.some((region) => patterns.some((pattern) => pattern.test(region.text)));
}
