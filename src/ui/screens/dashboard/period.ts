/**
 * The dashboard's and the report's period on this device: its default, and each refusal of
 * domain/report-period.ts `parsePeriod` (the one parser of a period) in the facilitators' words.
 */
import { wallTime } from '../../../domain/cafe-status';
import {
  PERIOD_MAX_MONTHS,
  PERIOD_YEARS,
  type PeriodProblem,
  type ReportPeriod,
  daysInMonth,
} from '../../../domain/report-period';
import { td } from '../../../i18n/dashboard';

/**
 * Today on the perimeter's calendar ('YYYY-MM-DD', Europe/Paris: cafe-status.ts `wallTime`), the
 * calendar the figures' days are read in (perimeter-day.ts), whatever the device's time zone.
 */
export const perimeterToday = (now: number): string => wallTime(now).slice(0, 10);

/** The impact report's default period: the last 12 months, to today (`perimeterToday`). */
export function lastTwelveMonths(now: number): ReportPeriod {
  const to = perimeterToday(now);
  const [year, month, day] = to.split('-').map(Number) as [number, number, number];
  // The day after the same date a year before, or after that month's end (29 February 2028 gives
  // 1 March 2027); Date.UTC carries the 29th or 32nd into the next month.
  const lastYears = Math.min(day, daysInMonth(year - 1, month));
  const from = new Date(Date.UTC(year - 1, month - 1, lastYears + 1)).toISOString().slice(0, 10);
  return { from, to };
}

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
