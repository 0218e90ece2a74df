import type { Issue } from '../errors.js';
import type { RenderData } from './types.js';

/*
 * Checks on money that a JSON schema cannot express: decimals the currency does not
 * have, and amounts below zero. The library, the bundle runtime and the money filter
 * share it, so it imports nothing heavy (no ajv).
 */

const minorUnits = new Map<string, number>();

/** Decimals the currency has (JPY 0, USD 2, BHD 3), as Intl formats it. */
export function currencyDigits(currency: string): number {
  let digits = minorUnits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnits.set(currency, digits);
  }
  return digits;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Why an amount cannot be shown in this currency as it is, or undefined when it can.
 * Trailing zeros beyond the currency's decimals are fine ("1250.00" JPY is ¥1,250);
 * any other digit there would be rounded away.
 */
export function amountProblem(amount: string, currency: string, allowNegative: boolean): string | undefined {
  const match = DECIMAL.exec(amount);
  if (!match) return `"${amount}" is not a decimal amount such as "1250.00"`;
  const [, sign, whole = '', fraction = ''] = match;
  const zero = /^0+$/.test(whole) && /^0*$/.test(fraction);
  if (sign && zero) return `"${amount}" is a negative zero: write "0" or the real amount`;
  if (sign && !allowNegative) {
    return `"${amount}" is negative: only a credit note (invoice.kind "credit-note") may have amounts below zero`;
  }
  const digits = currencyDigits(currency);
  if (/[1-9]/.test(fraction.slice(digits))) {
    const unit = digits === 0 ? 'no decimals' : digits === 1 ? '1 decimal' : `${digits} decimals`;
    return `"${amount}" has more decimals than ${currency} has (${unit}): it would be shown rounded; round it to what the customer owes`;
  }
  return undefined;
}

/** Every amount of the data that breaks the currency's decimals or the sign rule, at its JSON pointer. */
export function amountIssues(data: RenderData): Issue[] {
  const { currency } = data.invoice;
  const allowNegative = data.invoice.kind === 'credit-note';
  const amounts: [string, string | undefined][] = [['/invoice/amount', data.invoice.amount]];
  data.invoice.lineItems?.forEach((item, i) => {
    amounts.push([`/invoice/lineItems/${i}/unitPrice`, item.unitPrice], [`/invoice/lineItems/${i}/total`, item.total]);
  });
  amounts.push(['/lateFee/amount', data.lateFee?.amount]);
  const issues: Issue[] = [];
  for (const [path, amount] of amounts) {
    if (amount === undefined) continue;
    const problem = amountProblem(amount, currency, allowNegative);
    if (problem) issues.push({ path, message: problem });
  }
  // A statement's invoices each have their own currency, and are never credit notes.
  data.invoices?.forEach((item, i) => {
    const problem = amountProblem(item.amount, item.currency, false);
    if (problem) issues.push({ path: `/invoices/${i}/amount`, message: problem });
  });
  return issues;
}
