const DAY_MS = 86_400_000;

// A run of reminders repeats a few due and send dates: each is parsed once (bounded).
const parsed = new Map<string, number>();
const MAX_PARSED = 10_000;

function utc(isoDate: string): number {
  let time = parsed.get(isoDate);
  if (time === undefined) {
    time = Date.parse(`${isoDate}T00:00:00Z`);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(isoDate, time);
  }
  return time;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`: 1 the day after. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** Business days (Monday to Friday) from `from` to `to`, signed like daysBetween. */
export function businessDaysBetween(from: string, to: string): number {
  const a = utc(from);
  const b = utc(to);
  const sign = b >= a ? 1 : -1;
  const [start, end] = sign > 0 ? [a, b] : [b, a];
  const days = Math.round((end - start) / DAY_MS);
  // Whole weeks hold five business days; the days left over are counted one by one.
  let count = Math.floor(days / 7) * 5;
  const startDay = new Date(start).getUTCDay();
  for (let d = 1; d <= days % 7; d++) {
    const weekday = (startDay + d) % 7;
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count === 0 ? 0 : sign * count;
}

/** About ten years: a send date further from the due date is a typo in a year, not a reminder. */
export const MAX_DAYS_FROM_DUE = 3660;
