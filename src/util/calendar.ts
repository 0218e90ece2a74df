import type HolidaysClass from 'date-holidays';
import { lazyModule } from './lazy-module.js';

// The planner and the renderer's businessDaysOverdue share this calendar, so a template and the plan count the same days.
// Dates here are ISO calendar days (`YYYY-MM-DD`) with no time zone: a day in the customer's zone.
// Time zones come from Intl (the ICU data Node ships), public holidays from date-holidays:
// no hand-written table of either.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The days people do not work, by country (and region): `dunmail plan` never sends on one. */
export interface Calendar {
  /** The name of the public holiday on this day, or undefined on an ordinary day. */
  holiday(date: string, country: string, region?: string): string | undefined;
  /** Whether the calendar knows this country (and region); an unknown one has weekends only. */
  knows(country: string, region?: string): boolean;
}

/** Whether a string is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === value;
}

function utcOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The day `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`: 1 the day after, -1 the day before. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(utcOf(date)).getUTCDay();
}

/** Day names as stages.json's policy writes them (the same union as project/stages.ts's Weekday). */
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Saturday and Sunday: the weekend in every country dunmail ships templates for (US, GB, ES, MX, RO, RU, TH). */
export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** A working day in the customer's country: not a weekend, not a public holiday. */
export function isBusinessDay(calendar: Calendar, date: string, country: string, region?: string): boolean {
  return !isWeekend(date) && calendar.holiday(date, country, region) === undefined;
}

/**
 * Business days from `from` to `to`, signed like daysBetween: the business days in
 * (from, to] when `to` is later, minus those in (to, from] when it is earlier. The day
 * after a Friday due date is Saturday, so on the Monday after it the invoice is 1 business
 * day late (N1, H2: the first late reminder from the next business day).
 */
export function businessDaysBetween(calendar: Calendar, from: string, to: string, country: string, region?: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const [low, high] = a <= b ? [a, b] : [b, a];
  let business = weekdaysIn(low + 1, high);
  for (let year = yearOf(low + 1); year <= yearOf(high); year++) business -= countIn(weekdayHolidays(calendar, year, country, region), low + 1, high);
  return business === 0 ? 0 : a <= b ? business : -business;
}

const dayNumber = (date: string): number => Math.round(utcOf(date) / DAY_MS);
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

/** Monday to Friday in the days [first, last] (1970-01-01, day 0, was a Thursday). */
function weekdaysIn(first: number, last: number): number {
  if (last < first) return 0;
  const days = last - first + 1;
  let count = Math.floor(days / 7) * 5;
  for (let d = first + Math.floor(days / 7) * 7; d <= last; d++) {
    const w = (((d + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6) count++;
  }
  return count;
}

// The holidays of a year that fall on a weekday, as sorted day numbers, asked of the calendar once per year.
const holidayCache = new WeakMap<Calendar, Map<string, number[]>>();

function weekdayHolidays(calendar: Calendar, year: number, country: string, region: string | undefined): number[] {
  let byKey = holidayCache.get(calendar);
  if (!byKey) holidayCache.set(calendar, (byKey = new Map()));
  const key = `${country}/${region ?? ''}/${year}`;
  let days = byKey.get(key);
  if (!days) {
    days = [];
    for (let d = dayNumber(`${year}-01-01`), end = dayNumber(`${year}-12-31`); d <= end; d++) {
      const date = new Date(d * DAY_MS).toISOString().slice(0, 10);
      if (!isWeekend(date) && calendar.holiday(date, country, region) !== undefined) days.push(d);
    }
    byKey.set(key, days);
  }
  return days;
}

/** How many of the sorted days fall in [first, last]. */
function countIn(days: readonly number[], first: number, last: number): number {
  const lowerBound = (value: number): number => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lowerBound(last + 1) - lowerBound(first);
}

/** Business days an invoice due on `dueDate` is overdue on `date` (0 on or before the due date). */
export function businessDaysOverdue(calendar: Calendar, dueDate: string, date: string, country: string, region?: string): number {
  return Math.max(0, businessDaysBetween(calendar, dueDate, date, country, region));
}

/** The first business day on or after `date`. */
export function nextBusinessDay(calendar: Calendar, date: string, country: string, region?: string): string {
  let day = date;
  // A country has never closed for a year: the bound only stops a broken calendar from looping.
  for (let i = 0; i < 366 && !isBusinessDay(calendar, day, country, region); i++) day = addDays(day, 1);
  return day;
}

const loadHolidays = lazyModule<typeof HolidaysClass>('date-holidays');

export interface CalendarOptions {
  /** date-holidays' holiday types that close offices; default `["public"]` (bank, school and optional days stay working days). */
  types?: ('public' | 'bank' | 'school' | 'optional' | 'observance')[];
}

/**
 * The public holidays of date-holidays (maintained, ~200 countries and their regions). One
 * `Holidays` per country and region, made on first use, and one set of days per year.
 * `region` is date-holidays' state code, e.g. `ES` + `MD` (Madrid), `US` + `CA`.
 */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  const types = options.types ?? ['public'];
  const engines = new Map<string, HolidaysClass | null>();
  const years = new Map<string, Map<string, string>>();

  const engine = (country: string, region: string | undefined): HolidaysClass | null => {
    const key = `${country}/${region ?? ''}`;
    let found = engines.get(key);
    if (found === undefined) {
      const Holidays = loadHolidays();
      const made = region === undefined ? new Holidays(country, { types }) : new Holidays(country, region, { types });
      // date-holidays answers an unknown country with an empty calendar; getCountries tells them apart.
      const known = made.getCountries()[country] !== undefined && (region === undefined || made.getStates(country)?.[region] !== undefined);
      found = known ? made : null;
      engines.set(key, found);
    }
    return found;
  };

  const daysOf = (year: number, country: string, region: string | undefined): Map<string, string> => {
    const key = `${country}/${region ?? ''}/${year}`;
    let days = years.get(key);
    if (!days) {
      days = new Map();
      for (const holiday of engine(country, region)?.getHolidays(year) ?? []) {
        if (!types.includes(holiday.type as never)) continue;
        // `date` is the holiday's local start, "2026-12-08 00:00:00"; days off of several days are listed day by day.
        const day = holiday.date.slice(0, 10);
        if (!days.has(day)) days.set(day, holiday.name);
      }
      years.set(key, days);
    }
    return days;
  };

  return {
    holiday(date, country, region) {
      return daysOf(Number(date.slice(0, 4)), country, region).get(date);
    },
    knows(country, region) {
      return engine(country, region) !== null;
    },
  };
}

// ---- time zones, from Intl ----

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether Intl knows this IANA time zone (`Europe/Madrid`, `Pacific/Auckland`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date, time and UTC offset (minutes east of UTC) of an instant in a zone. */
export function zonedParts(instant: number, timeZone: string): { date: string; time: string; offsetMinutes: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const zone = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(parts.timeZoneName ?? 'GMT');
  const offsetMinutes = zone?.[1] ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, offsetMinutes };
}

/** The zone's offset from UTC at an instant, in minutes east of UTC (Auckland in December: 780). */
export function offsetAt(instant: number, timeZone: string): number {
  return zonedParts(instant, timeZone).offsetMinutes;
}

/** The local calendar day of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  return zonedParts(instant, timeZone).date;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A local wall-clock time in a zone as ISO 8601 with that zone's offset, e.g.
 * `2026-12-08T09:17:00+13:00`, and the instant it names. A time skipped by a daylight-saving
 * jump is moved forward by the jump, as clocks are.
 */
export function zonedDateTime(date: string, time: string, timeZone: string): { iso: string; instant: number } {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = utcOf(date) + (hour * 60 + minute) * 60_000;
  // Two passes settle the offset even when the guess lands on the other side of a change.
  let offset = offsetAt(wall, timeZone);
  offset = offsetAt(wall - offset * 60_000, timeZone);
  const instant = wall - offset * 60_000;
  const local = zonedParts(instant, timeZone);
  return { iso: `${local.date}T${local.time}:00${formatOffset(local.offsetMinutes)}`, instant };
}
