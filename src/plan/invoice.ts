import type { Issue } from '../errors.js';
import { isIsoDate, isTimeZone } from '../util/calendar.js';
import type { InvoiceRecord } from './types.js';

const AMOUNT = /^-?\d{1,15}(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const STATUSES = ['open', 'paid', 'void'];
const FIELDS = new Set(['id', 'dueDate', 'status', 'balance', 'currency', 'customer', 'lastSent', 'pausedUntil', 'promiseToPay', 'disputed', 'data']);
const CUSTOMER_FIELDS = new Set(['id', 'locale', 'timeZone', 'country', 'region', 'optOut', 'email']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A decimal amount as a number, or undefined when it is not one. */
export function amountValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && AMOUNT.test(value) ? Number(value) : undefined;
}

/**
 * Every problem with one invoice record, as `{ path, message }` with JSON pointers
 * (`/customer/timeZone`). An empty list: the record is an InvoiceRecord.
 */
export function invoiceIssues(record: unknown): Issue[] {
  const issues: Issue[] = [];
  const issue = (path: string, message: string): void => void issues.push({ path, message });
  if (!isObject(record)) return [{ path: '', message: 'an invoice is an object' }];
  for (const key of Object.keys(record)) if (!FIELDS.has(key)) issue(`/${key}`, `unknown field "${key}"`);
  const text = (path: string, value: unknown, required = true): value is string => {
    if (value === undefined && !required) return false;
    if (typeof value !== 'string' || value === '') {
      issue(path, 'must be a non-empty string');
      return false;
    }
    return true;
  };
  const date = (path: string, value: unknown, required = true): void => {
    if (text(path, value, required) && !isIsoDate(value)) issue(path, `"${value}" is not a day written YYYY-MM-DD`);
  };
  const flag = (path: string, value: unknown): void => {
    if (value !== undefined && typeof value !== 'boolean') issue(path, 'must be true or false');
  };
  text('/id', record.id);
  date('/dueDate', record.dueDate);
  if (!STATUSES.includes(record.status as string)) issue('/status', `must be one of ${STATUSES.join(', ')}`);
  if (amountValue(record.balance) === undefined) issue('/balance', 'must be an amount such as "1250.00"');
  if (text('/currency', record.currency) && !CURRENCY.test(record.currency)) issue('/currency', `"${record.currency}" is not an ISO 4217 code such as EUR`);
  const customer = record.customer;
  if (!isObject(customer)) issue('/customer', 'must be an object with id, locale, timeZone and country');
  else {
    for (const key of Object.keys(customer)) if (!CUSTOMER_FIELDS.has(key)) issue(`/customer/${key}`, `unknown field "${key}"`);
    text('/customer/id', customer.id);
    if (text('/customer/locale', customer.locale) && !LOCALE.test(customer.locale)) issue('/customer/locale', `"${customer.locale}" is not a locale such as es-MX`);
    if (text('/customer/timeZone', customer.timeZone) && !isTimeZone(customer.timeZone)) issue('/customer/timeZone', `"${customer.timeZone}" is not an IANA time zone such as Europe/Madrid`);
    if (text('/customer/country', customer.country) && !COUNTRY.test(customer.country)) issue('/customer/country', `"${customer.country}" is not an ISO 3166 country code such as ES`);
    text('/customer/region', customer.region, false);
    flag('/customer/optOut', customer.optOut);
    text('/customer/email', customer.email, false);
  }
  if (record.lastSent !== undefined) {
    const last = record.lastSent;
    if (!isObject(last)) issue('/lastSent', 'must be an object with stage and at');
    else {
      text('/lastSent/stage', last.stage);
      if (text('/lastSent/at', last.at) && !(/^\d{4}-\d{2}-\d{2}T/.test(last.at) && Number.isFinite(Date.parse(last.at)))) {
        issue('/lastSent/at', `"${last.at}" is not an ISO 8601 date and time such as 2026-12-01T09:17:00Z`);
      }
    }
  }
  date('/pausedUntil', record.pausedUntil, false);
  if (record.promiseToPay !== undefined) {
    if (!isObject(record.promiseToPay)) issue('/promiseToPay', 'must be an object with a date');
    else date('/promiseToPay/date', record.promiseToPay.date);
  }
  flag('/disputed', record.disputed);
  if (record.data !== undefined && !isObject(record.data)) issue('/data', 'must be an object: the render data for the template');
  return issues;
}

/** The record, checked: its issues or the typed invoice. */
export function checkInvoice(record: unknown): { invoice: InvoiceRecord; issues: [] } | { invoice?: undefined; issues: Issue[] } {
  const issues = invoiceIssues(record);
  return issues.length === 0 ? { invoice: record as InvoiceRecord, issues: [] } : { issues };
}
