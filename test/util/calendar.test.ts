import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, createCalendar, isIsoDate, nextBusinessDay, offsetAt, zonedDateTime, type Calendar } from '../../src/util/calendar.js';
import { planReminders } from '../../src/plan/plan.js';
import { sendTimeOf, resolvePolicy } from '../../src/plan/policy.js';
import { loadStages } from '../../src/project/stages.js';
import type { InvoiceRecord } from '../../src/plan/types.js';
import { dunmailError, ROOT } from '../helpers.js';

const stages = loadStages(path.join(ROOT, 'templates'));
const invoice: InvoiceRecord = { id: 'INV-1', dueDate: '2026-12-09', status: 'open', balance: '10.00', currency: 'USD', customer: { id: 'c', locale: 'en', timeZone: 'Europe/Madrid', country: 'ES' } };

describe('time zones, from Intl', () => {
  it('gives the offset of the day, daylight saving included', () => {
    expect(zonedDateTime('2026-12-08', '09:17', 'Europe/Madrid').iso).toBe('2026-12-08T09:17:00+01:00');
    expect(zonedDateTime('2026-07-08', '09:17', 'Europe/Madrid').iso).toBe('2026-07-08T09:17:00+02:00');
    expect(zonedDateTime('2026-12-08', '08:17', 'Pacific/Auckland')).toEqual({ iso: '2026-12-08T08:17:00+13:00', instant: Date.parse('2026-12-07T19:17:00Z') });
    expect(zonedDateTime('2026-12-08', '08:17', 'America/St_Johns').iso).toBe('2026-12-08T08:17:00-03:30');
    // 02:30 does not exist in Madrid on 29 March 2026: clocks jump to 03:30.
    expect(zonedDateTime('2026-03-29', '02:30', 'Europe/Madrid').iso).toBe('2026-03-29T03:30:00+02:00');
    expect(offsetAt(Date.parse('2026-12-08T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });
});

describe('the calendar', () => {
  const calendar = createCalendar();
  it('names public holidays, by country and region, and knows which countries it has', () => {
    expect(calendar.holiday('2026-12-08', 'ES')).toBe('La inmaculada concepción');
    expect(calendar.holiday('2026-12-10', 'TH')).toBe('Constitution Day');
    expect(calendar.holiday('2026-12-09', 'ES')).toBeUndefined();
    expect([calendar.knows('ES'), calendar.knows('ES', 'MD'), calendar.knows('ES', 'ZZ'), calendar.knows('XX')]).toEqual([true, true, false, false]);
    expect(nextBusinessDay(calendar, '2026-12-24', 'GB')).toBe('2026-12-24');
    expect(nextBusinessDay(calendar, '2026-12-25', 'GB')).toBe('2026-12-29'); // Christmas, the weekend, Boxing Day's substitute
    expect([isIsoDate('2026-02-29'), isIsoDate('2028-02-29'), isIsoDate('2026-1-01'), addDays('2026-12-31', 1)]).toEqual([false, true, false, '2027-01-01']);
  });

  it('an injected calendar (company holidays) is used as given', () => {
    const closed: Calendar = { holiday: (date) => (date === '2026-12-10' ? 'company day off' : undefined), knows: () => true };
    const { entries } = planReminders([invoice], { today: '2026-12-10', stages, calendar: closed });
    expect(entries[0]?.plannedDay).toBe('2026-12-15');
  });
});

describe('planReminders refuses what it cannot plan', () => {
  it('an invalid invoice is INVOICE_INVALID with every issue at its path', () => {
    const bad = { ...invoice, dueDate: '2026-13-01', customer: { ...invoice.customer, timeZone: 'Mars/Olympus' } };
    const error = dunmailError(() => planReminders([invoice, bad as InvoiceRecord], { today: '2026-12-10', stages }));
    expect([error.code, error.issues.map((i) => i.path)]).toEqual(['INVOICE_INVALID', ['/1/dueDate', '/1/customer/timeZone']]);
    expect(dunmailError(() => planReminders([invoice, invoice], { today: '2026-12-10', stages })).message).toBe('invoice "INV-1" is listed twice');
    expect(dunmailError(() => planReminders([invoice], { today: '10/12/2026', stages })).code).toBe('INVALID_OPTION');
  });

  it('an unknown country plans with weekends only, and says so', () => {
    const { entries, warnings } = planReminders([{ ...invoice, customer: { ...invoice.customer, country: 'XX' } }], { today: '2026-12-10', stages });
    expect(entries[0]?.action).toBe('send');
    expect(warnings).toEqual([{ invoiceId: 'INV-1', message: 'no public holidays known for XX: only weekends are skipped' }]);
  });
});

describe('the send minute (N6)', () => {
  it('is the same for an invoice, differs between invoices, and is never a multiple of five', () => {
    const policy = resolvePolicy(stages.policy);
    const times = Array.from({ length: 500 }, (_, i) => sendTimeOf(`INV-${i}`, policy));
    expect(sendTimeOf('INV-7', policy)).toBe(times[7]);
    // 5-6 am holds 48 minutes that are not a multiple of five.
    expect(new Set(times).size).toBeGreaterThan(40);
    expect(times.filter((t) => Number(t.slice(3)) % 5 === 0 || t < '05:00' || t >= '06:00')).toEqual([]);
  });
});
