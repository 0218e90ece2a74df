import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planReminders, resolveLocale } from '../../src/plan/plan.js';
import { addDays, businessDaysBetween, createCalendar, daysBetween, isBusinessDay, zonedParts } from '../../src/util/calendar.js';
import { loadStages } from '../../src/project/stages.js';
import type { InvoiceRecord, PlanEntry } from '../../src/plan/types.js';
import { ROOT } from '../helpers.js';

// The guarantees of issue #15, each a property over random invoices, days and histories.
const stages = loadStages(path.join(ROOT, 'templates'));
const calendar = createCalendar();
const ids = stages.stages.map((s) => s.id);
const PLACES = [
  ['US', 'America/New_York'],
  ['ES', 'Europe/Madrid'],
  ['MX', 'America/Mexico_City'],
  ['RO', 'Europe/Bucharest'],
  ['RU', 'Europe/Moscow'],
  ['TH', 'Asia/Bangkok'],
  ['NZ', 'Pacific/Auckland'],
] as const;
const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-06-01', n));
const invoice = fc.record({
  n: fc.integer({ min: 0, max: 1_000_000 }),
  place: fc.constantFrom(...PLACES),
  due: day,
  status: fc.constantFrom('open', 'open', 'open', 'paid', 'void'),
});
const options = { numRuns: 60 };

function make(i: { n: number; place: readonly [string, string]; due: string; status: string }, extra: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return { id: `INV-${i.n}`, dueDate: i.due, status: i.status as InvoiceRecord['status'], balance: '100.00', currency: 'USD', customer: { id: 'c', locale: 'en', timeZone: i.place[1], country: i.place[0] }, ...extra };
}
const plan = (invoice: InvoiceRecord, today: string): PlanEntry[] => planReminders([invoice], { today, stages, calendar }).entries;

describe('planReminders: properties', () => {
  it('nothing is planned outside the window, on a weekend or on a holiday, and the minute is never round', () => {
    fc.assert(
      fc.property(invoice, day, (i, today) => {
        for (const e of plan(make({ ...i, status: 'open' }), today).filter((x) => x.action === 'send')) {
          const local = zonedParts(Date.parse(e.sendAt as string), i.place[1]);
          expect(local.date).toBe(e.plannedDay);
          expect(['tue', 'wed', 'thu']).toContain(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${local.date}T00:00:00Z`).getUTCDay()]);
          expect(isBusinessDay(calendar, local.date, i.place[0])).toBe(true);
          expect(local.time >= '05:00' && local.time < '06:00').toBe(true);
          expect(Number(local.time.slice(3)) % 5).not.toBe(0);
          expect(e.plannedDay! >= today).toBe(true);
        }
      }),
      options,
    );
  });

  it('paid, void, opted-out and disputed invoices stop', () => {
    fc.assert(
      fc.property(invoice, day, fc.constantFrom('paid', 'void', 'optOut', 'disputed'), (i, today, why) => {
        const record = make({ ...i, status: why === 'paid' || why === 'void' ? why : 'open' }, why === 'disputed' ? { disputed: true } : {});
        if (why === 'optOut') record.customer.optOut = true;
        expect(plan(record, today).map((e) => e.action)).toEqual(['stop']);
      }),
      options,
    );
  });

  it('paused invoices and kept promises wait; a broken promise resumes', () => {
    fc.assert(
      fc.property(invoice, day, fc.integer({ min: 0, max: 30 }), (i, today, ahead) => {
        const open = make({ ...i, status: 'open' });
        expect(plan({ ...open, pausedUntil: addDays(today, ahead) }, today).map((e) => e.action)).toEqual(['wait']);
        expect(plan({ ...open, promiseToPay: { date: addDays(today, ahead - 3) } }, today).map((e) => e.action)).toEqual(['wait']);
        // Broken long ago: the plan is the plan without a promise, its reason saying so.
        const broken = plan({ ...open, promiseToPay: { date: addDays(today, -20) } }, today);
        const without = plan(open, today);
        expect(broken.map((e) => [e.action, e.stage])).toEqual(without.map((e) => [e.action, e.stage]));
        const first = broken[0] as PlanEntry;
        if (first.action === 'send' || !first.reason.startsWith('nothing')) expect(first.reason).toMatch(/^promise to pay on .* broken/);
      }),
      options,
    );
  });

  it('a stage is never planned twice nor one older than the last sent; repeats are capped and spaced (a month of daily runs)', () => {
    fc.assert(
      fc.property(invoice, fc.integer({ min: -10, max: 40 }), fc.integer({ min: 0, max: 6 }), (i, startOffset, skipEvery) => {
        let record = make({ ...i, status: 'open' });
        const sent: { stage: string; day: string }[] = [];
        for (let d = 0; d < 60; d++) {
          const today = addDays(i.due, startOffset + d);
          // Some runs are missed (cron down): every skipEvery-th day.
          if (skipEvery > 1 && d % skipEvery === 0) continue;
          for (const e of plan(record, today)) {
            if (e.action !== 'send' || e.plannedDay !== today) continue;
            sent.push({ stage: e.stage as string, day: today });
            record = { ...record, lastSent: { stage: e.stage as string, at: `${today}T09:00:00Z` } };
          }
        }
        const order = sent.map((s) => ids.indexOf(s.stage));
        expect([...order].sort((a, b) => a - b)).toEqual(order);
        for (const stage of stages.stages) {
          const times = sent.filter((s) => s.stage === stage.id);
          expect(times.length).toBeLessThanOrEqual(stage.repeat ? 1 + 3 : 1);
          for (let k = 1; k < times.length; k++) expect(Math.round((Date.parse(times[k]!.day) - Date.parse(times[k - 1]!.day)) / 86_400_000)).toBeGreaterThanOrEqual(stage.repeat!.everyDays);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a missed day catches up with the latest stage due, not every stage skipped', () => {
    fc.assert(
      fc.property(invoice, fc.integer({ min: -3, max: 60 }), fc.integer({ min: -1, max: 4 }), (i, late, lastIndex) => {
        const last = ids[lastIndex];
        const record = make({ ...i, status: 'open' }, last ? { lastSent: { stage: last, at: `${addDays(i.due, -30)}T09:00:00Z` } } : {});
        const sends = plan(record, addDays(i.due, late)).filter((e) => e.action === 'send');
        expect(sends.length).toBeLessThanOrEqual(1);
        const sendDay = sends[0]?.plannedDay;
        if (!sendDay) return;
        // Independently: the latest stage whose window has started on the send day.
        let expected = -1;
        stages.stages.forEach((s, index) => {
          const offset = s.window.unit === 'days' ? daysBetween(i.due, sendDay) : businessDaysBetween(calendar, i.due, sendDay, i.place[0]);
          if (offset >= s.window.start) expected = index;
        });
        expect(sends[0]?.stage).toBe(ids[expected]);
        expect(expected).toBeGreaterThanOrEqual(lastIndex);
      }),
      options,
    );
  });

  it('business days count weekdays that are not public holidays, day by day', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom(...PLACES), (from, to, place) => {
        const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
        let count = 0;
        for (let d = addDays(low, 1); d <= high; d = addDays(d, 1)) if (isBusinessDay(calendar, d, place[0])) count++;
        expect(businessDaysBetween(calendar, from, to, place[0])).toBe(count === 0 ? 0 : sign * count);
      }),
      options,
    );
  });

  it('the locale falls back from es-MX to es to the default, with a warning', () => {
    fc.assert(
      fc.property(fc.constantFrom('es-MX', 'es', 'pt-BR', 'ro-RO', 'th'), (locale) => {
        const locales = ['en', 'es', 'ro', 'th'];
        const expected = { 'es-MX': 'es', es: 'es', 'pt-BR': 'en', 'ro-RO': 'ro', th: 'th' }[locale];
        expect(resolveLocale(locale, locales, 'en').locale).toBe(expected);
        const record = make({ n: 1, place: PLACES[0], due: '2026-12-09', status: 'open' });
        record.customer.locale = locale;
        const { entries, warnings } = planReminders([record], { today: '2026-12-10', stages, calendar, locales });
        expect(entries[0]?.locale).toBe(expected);
        expect(warnings.length).toBe(locale.includes('-') || !locales.includes(locale) ? 1 : 0);
      }),
    );
  });
});
