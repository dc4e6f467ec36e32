/** The impact report's default period: the last 12 months, to today (local calendar dates). */
export function lastTwelveMonths(today: Date): { from: string; to: string } {
  const from = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
  return { from: localDay(from), to: localDay(today) };
}

/** A local calendar date as 'YYYY-MM-DD' (a date input's value). */
export const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
