/**
 * Formatting filters for templates. Each reads the template's locale from the render
 * context, so `{{ invoice.amount | money(invoice.currency) }}` follows the language.
 */

import { amountProblem } from '../data/amounts.js';
import { plural } from './statement.js';

interface FilterThis {
  ctx: { locale?: string; invoice?: { kind?: string } };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

// A run of reminders repeats the same dates and often the same amounts: each formatted
// string is kept, up to a bound, so Intl runs once per distinct value.
const formatted = new Map<string, string>();
const MAX_FORMATTED = 5000;

function memo(key: string, format: () => string): string {
  let value = formatted.get(key);
  if (value === undefined) {
    if (formatted.size >= MAX_FORMATTED) formatted.clear();
    value = format();
    formatted.set(key, value);
  }
  return value;
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * Formats a decimal string in a currency. Intl formats the string exactly
 * (no float rounding): "0.10" + "0.20" never becomes 0.30000000000000004.
 * An amount Intl would round (2.5 JPY, or a sum a template computed as
 * 0.30000000000000004) is an error, as is a negative one outside a credit note:
 * the email must state what is owed.
 */
export function money(this: FilterThis | undefined, amount: string | number, currency: string): string {
  const locale = this?.ctx.locale ?? 'en';
  const creditNote = this?.ctx.invoice?.kind === 'credit-note';
  // String(-0) is "0": keep the sign so a negative zero is refused, not shown as "-$0.00".
  const decimal = typeof amount === 'number' ? (Object.is(amount, -0) ? '-0' : String(amount)) : amount;
  return memo(`m|${locale}|${currency}|${creditNote}|${String(decimal)}`, () => {
    const problem = typeof decimal === 'string' ? amountProblem(decimal, currency, creditNote) : `${String(amount)} is not an amount`;
    if (problem) throw new Error(`money: ${problem}`);
    const format = cached(numberFormats, `${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
    // Intl accepts decimal strings exactly; the types only know numbers.
    return format.format(decimal as unknown as number);
  });
}

export type DateStyle = 'full' | 'long' | 'medium' | 'short';

/** Formats an ISO date (YYYY-MM-DD) as the locale writes it, read in UTC so the day never shifts. */
export function date(this: FilterThis | undefined, isoDate: string, style: DateStyle = 'long'): string {
  const locale = this?.ctx.locale ?? 'en';
  return memo(`d|${locale}|${style}|${isoDate}`, () => {
    const format = cached(dateFormats, `${locale}|${style}`, () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }));
    return format.format(new Date(`${isoDate}T00:00:00Z`));
  });
}

/**
 * A value in the plain-text part, as html-to-text reads the same value in the HTML:
 * whitespace runs collapse to one space. A missing value is an error, as elsewhere.
 */
export function textValue(value: unknown): string {
  if (value === undefined || value === null) throw new Error('attempted to output null or undefined value');
  const text = String(value);
  // html-to-text collapses HTML whitespace only: the no-break spaces Intl writes stay.
  // Most values hold single spaces only, which the collapse would rewrite as themselves.
  return COLLAPSIBLE.test(text) ? text.replace(/[ \t\n\r\f]+/g, ' ') : text;
}

/** What `[ \t\n\r\f]+` would change: a run of two, or any of them but a space. */
const COLLAPSIBLE = /[\t\n\r\f]| [ \t\n\r\f]/;

type Filter = (this: unknown, ...args: unknown[]) => unknown;

/**
 * nunjucks' `trim` with String.prototype.trim for a string: its `/^\s*|\s*$/g` removes the
 * same characters, in a tenth of the time. Anything else (a SafeString) goes to nunjucks'
 * own, which keeps its safeness with the runtime's own class.
 */
export function stringTrim(builtin: Filter): Filter {
  return function trim(this: unknown, value: unknown, ...rest: unknown[]) {
    return typeof value === 'string' ? value.trim() : builtin.call(this, value, ...rest);
  };
}

export const filters = { money, date, textValue, plural } as const;

/** dunmail's filters, and its `trim`, added to a nunjucks environment (the full one or the runtime's). */
export function addRenderFilters(env: { addFilter(name: string, filter: Filter): unknown; getFilter(name: string): Filter }): void {
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter as Filter);
  env.addFilter('trim', stringTrim(env.getFilter('trim')));
}
