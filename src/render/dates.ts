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
  let count = 0;
  for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count === 0 ? 0 : sign * count;
}
