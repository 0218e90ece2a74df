const DAY_MS = 86_400_000;

function utc(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
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
  const sign = utc(to) >= utc(from) ? 1 : -1;
  const [start, end] = sign > 0 ? [utc(from), utc(to)] : [utc(to), utc(from)];
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
