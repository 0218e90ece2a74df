/**
 * Statement reminders: several invoices of one customer in one email. Totals are summed
 * per currency in integer minor units (BigInt), never in floats, so 0.10 + 0.20 is 0.30
 * and JPY keeps no decimals; the plural filter picks the noun's form by Intl.PluralRules.
 */

import { amountProblem, currencyDigits } from '../data/amounts.js';
import type { RenderData } from '../data/types.js';

/** One currency's sum, as a decimal string with the currency's own decimals ("1250.30", JPY "4200"). */
export interface CurrencyTotal {
  currency: string;
  amount: string;
}

/** What render() adds for a statement: how many invoices it names, and what they add up to. */
export interface Statement {
  count: number;
  /** One sum per currency, in the order the currencies first appear. */
  totals: CurrencyTotal[];
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** An amount in the currency's minor units: "12.34" USD is 1234n, "1250" JPY is 1250n. */
function minorUnits(amount: string, currency: string): bigint {
  const problem = amountProblem(amount, currency, true);
  const match = DECIMAL.exec(amount);
  if (problem || !match) throw new Error(`statement: ${problem ?? `"${amount}" is not a decimal amount`}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = currencyDigits(currency);
  const units = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  return sign ? -units : units;
}

function decimal(units: bigint, digits: number): string {
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Exact sums per currency of amounts given as decimal strings. */
export function totalsByCurrency(items: readonly { amount: string; currency: string }[]): CurrencyTotal[] {
  const sums = new Map<string, bigint>();
  for (const { amount, currency } of items) sums.set(currency, (sums.get(currency) ?? 0n) + minorUnits(amount, currency));
  return [...sums].map(([currency, units]) => ({ currency, amount: decimal(units, currencyDigits(currency)) }));
}

/** The statement of the data: its `invoices`, or the one `invoice` when it lists none. */
export function statementOf(data: RenderData): Statement {
  const items = data.invoices ?? [data.invoice];
  return { count: items.length, totals: totalsByCurrency(items) };
}

/** A noun's forms by Intl.PluralRules category; `other` is the fallback every locale has. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The form of a noun that agrees with a count in the locale: `plural("invoice", "invoices")`
 * (one and other), or `plural({ one: "# factură", few: "# facturi", other: "# de facturi" })`
 * with a form per category. `#` in the form is the count as the locale writes it.
 */
export function plural(this: { ctx: { locale?: string } } | undefined, count: unknown, forms: unknown, otherForm?: unknown): string {
  const locale = this?.ctx.locale ?? 'en';
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new Error(`plural: ${String(count)} is not a number to agree with`);
  const table: Record<string, unknown> =
    typeof forms === 'string' ? { one: forms, other: otherForm } : forms && typeof forms === 'object' ? (forms as Record<string, unknown>) : {};
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const category = rules.select(count);
  const form = Object.hasOwn(table, category) ? table[category] : table['other'];
  if (typeof form !== 'string') {
    throw new Error(`plural: no "${category}" or "other" form for ${count} in ${locale}: give plural("invoice", "invoices") or plural({ one: "…", other: "…" })`);
  }
  if (!form.includes('#')) return form;
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return form.replaceAll('#', format.format(count));
}
