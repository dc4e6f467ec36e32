/**
 * The dashboard's and the report's period on this device: its default, and each refusal of
 * domain/report-period.ts `parsePeriod` (the one parser of a period) in the facilitators' words.
 */
import {
  type PeriodProblem,
  PERIOD_MAX_MONTHS,
  PERIOD_YEARS,
  formatDay,
} from '../../../domain/report-period';
import { td } from '../../../i18n/dashboard';

/** The impact report's default period: the last 12 months, to today (local calendar dates). */
export function lastTwelveMonths(today: Date): { from: string; to: string } {
  const from = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
  return { from: localDay(from), to: localDay(today) };
}

/** A local calendar date as 'YYYY-MM-DD' (a date input's value). */
export const localDay = (date: Date) =>
  formatDay({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });

/** One refusal of a period as a sentence (the bound it concerns is said by where it is shown). */
export function periodProblemText({ problem }: PeriodProblem): string {
  switch (problem) {
    case 'missing':
      return td('period.missing');
    case 'malformed':
      return td('period.malformed');
    case 'impossible':
      return td('period.impossible');
    case 'out-of-range':
      return td('period.out-of-range', {
        // Years are written whole, not grouped by thousands as other numbers are.
        first: String(PERIOD_YEARS.first),
        last: String(PERIOD_YEARS.last),
      });
    case 'reversed':
      return td('period.reversed');
    case 'too-long':
      return td('period.too-long', { years: PERIOD_MAX_MONTHS / 12 });
  }
}
