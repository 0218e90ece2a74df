import { describe, expect, it } from 'vitest';
import { businessDaysBetween, daysBetween, todayIso } from '../../src/render/dates.js';

// 2026-11-27 is a Friday; 2026-11-28/29 the weekend.
const cases: [from: string, to: string, days: number, businessDays: number][] = [
  ['2026-11-27', '2026-11-27', 0, 0],
  ['2026-11-27', '2026-11-28', 1, 0], // Fri -> Sat
  ['2026-11-27', '2026-11-29', 2, 0], // Fri -> Sun
  ['2026-11-27', '2026-11-30', 3, 1], // Fri -> Mon
  ['2026-11-26', '2026-11-27', 1, 1], // Thu -> Fri
  ['2026-11-28', '2026-11-30', 2, 1], // Sat -> Mon
  ['2026-11-27', '2026-12-04', 7, 5], // one week
  ['2026-11-27', '2026-12-09', 12, 8], // the overdue-late fixture
  ['2026-11-27', '2027-01-04', 38, 26], // the final-notice fixture, over the new year
  ['2026-11-27', '2026-11-25', -2, -2], // before-due: Wed, two days early
  ['2026-11-30', '2026-11-27', -3, -1], // Mon back to Fri
  ['2026-11-29', '2026-11-28', -1, 0], // Sun back to Sat
  // Across a DST change (US: 2026-03-08, EU: 2026-03-29): still whole days.
  ['2026-03-06', '2026-03-09', 3, 1],
  ['2026-03-27', '2026-03-30', 3, 1],
  ['2028-02-28', '2028-03-01', 2, 2], // leap day (Tue, Wed)
];

// -0 and 0 print alike in a template; compare them as equal.
const plain = (n: number): number => n + 0;

describe('daysBetween and businessDaysBetween', () => {
  it.each(cases)('%s to %s: %i days, %i business days', (from, to, days, businessDays) => {
    expect(plain(daysBetween(from, to))).toBe(days);
    expect(plain(businessDaysBetween(from, to))).toBe(businessDays);
  });

  it('are antisymmetric', () => {
    for (const [from, to] of cases) {
      expect(plain(daysBetween(to, from))).toBe(plain(-daysBetween(from, to)));
      expect(plain(businessDaysBetween(to, from))).toBe(plain(-businessDaysBetween(from, to)));
    }
  });
});

describe('todayIso', () => {
  it('is the UTC date as YYYY-MM-DD', () => {
    const before = new Date().toISOString().slice(0, 10);
    const today = todayIso();
    const after = new Date().toISOString().slice(0, 10);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([before, after]).toContain(today);
  });
});
