import { requiredPlace } from '../checks/requires.js';
import { defineRule, type LintDocument } from '../types.js';
import { refersTo } from '../places.js';
import type { LocaleProfile } from '../locale/profile.js';
import type { Stage } from '../../project/stages.js';

interface Options {
  /** The data path a template prints the amount from. */
  placeholder: string;
  /** Extra regular expressions for an amount of money in a plain message (case-insensitive). */
  patterns: string[];
}

// A currency symbol ($ € £ ¥ ₹ ₽ ฿ …) or an ISO 4217 code (USD, EUR, RON) beside a number:
// $1,250.00, 1.250,00 €, EUR 400, £400, 400 USD, 1 250,50 ₽; and the currency words of
// the locale's profile, as people write them after an amount (lei, рублей, บาท).
const NUMBER = String.raw`(?:\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+|\d+)(?:[.,]\d{1,2})?(?!\d)`;
const moneyByLocale = new WeakMap<LocaleProfile, RegExp>();

function money(locale: LocaleProfile): RegExp {
  let pattern = moneyByLocale.get(locale);
  if (!pattern) {
    const names = [...Intl.supportedValuesOf('currency'), ...locale.currencyWords].join('|');
    const currency = `(?:\\p{Sc}|(?<![\\p{L}])(?:${names})(?![\\p{L}]))`;
    pattern = new RegExp(`${currency}\\s?${NUMBER}|(?<![\\d.,])${NUMBER}\\s?${currency}`, 'u');
    moneyByLocale.set(locale, pattern);
  }
  return pattern;
}

export default defineRule<Options>({
  meta: {
    id: 'amount-due',
    description: 'From the day the invoice is due, the body states the amount owed.',
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
    messages: {
      missing: 'Body does not state the amount due; add the amount owed (for example `{{example}}`)',
      'missing-template': 'Body does not state the amount due; add `{{placeholder}}`',
    },
  },
  check(document, { options, report, locale }) {
    if (!asksForPayment(document.stage) || statesAmount(document, options, locale)) return;
    const example = locale.examples?.amount ?? `${new Intl.NumberFormat(document.locale, { minimumFractionDigits: 2 }).format(1250)} and its currency`;
    report({
      ...requiredPlace({ at: 'start' }, document),
      ...(document.kind === 'template'
        ? { messageId: 'missing-template', data: { placeholder: `{{ ${options.placeholder} | money(invoice.currency) }}` } }
        : { messageId: 'missing', data: { example } }),
    });
  },
});

/**
 * Where the client is asked to pay now and needs the figure: a late stage, or the stage
 * of the due date itself (its window, in stages.json, holds day 0: `due-today`). Before
 * the due date the amount is a courtesy; without a stage the rule does not judge.
 */
function asksForPayment(stage: Stage | undefined): boolean {
  if (!stage) return false;
  if (stage.late) return true;
  const { start, end } = stage.window;
  return start <= 0 && (end ?? Number.POSITIVE_INFINITY) >= 0;
}

function statesAmount(document: LintDocument, options: Options, locale: LocaleProfile): boolean {
  if (document.kind === 'template') {
    const path = refersTo(options.placeholder);
    return [...document.body, ...(document.layout?.regions ?? [])].some((region) => region.placeholders.some((p) => path.test(p.expression)));
  }
  const patterns = [money(locale), ...options.patterns.map((source) => new RegExp(source, 'iu'))];
  return document.body.some((region) => patterns.some((pattern) => pattern.test(region.text)));
}
