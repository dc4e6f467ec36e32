/**
 * The dashboard's and the impact report's period (issue 13): the one place where two typed or
 * addressed dates become a period, or the reasons they cannot. The dashboard's form and the
 * report's address (`#/rapport/<from>/<to>`) both go through `parsePeriod`, so a period the form
 * refuses is refused in an address too, for the same reason.
 *
 * A bound is an ISO 8601 calendar date, 'YYYY-MM-DD' exactly (ISO 8601-1:2019 §5.2.2.1, extended
 * format; the value of an HTML date input, WHATWG HTML §2.3.5.1 "valid date string"), in the
 * proleptic Gregorian calendar. It is a day of the perimeter's calendar (Europe/Paris), as the
 * facilitator reads it; both bounds are included. dashboard.ts `inPeriod` compares records with it:
 * a timestamp by its day in Paris (perimeter-day.ts `perimeterDay`), a café by its own date.
 *
 * Pure: no clock (what counts as "the future" is given), no text for people (reasons are codes the
 * screens put in words).
 */
import type { DashboardFigures } from './dashboard';

/** A period both of whose bounds are known days, `from` ≤ `to`: dashboard.ts `DashboardPeriod`. */
export interface ReportPeriod {
  /** First day, 'YYYY-MM-DD', included. */
  from: string;
  /** Last day, 'YYYY-MM-DD', included. */
  to: string;
}

/** A calendar date as numbers: month 1–12, day 1–31. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The years a bound may fall in. Tissage's perimeters began in 2026; the margin either side lets
 * an association look back at its paper records or ahead, and keeps a mistyped year (0001, 9999,
 * what a date input lets through) from making a chart of thousands of months.
 */
export const PERIOD_YEARS = { first: 2000, last: 2099 } as const;

/** The longest period, in calendar months counted inclusively (the links' chart has one point each). */
export const PERIOD_MAX_MONTHS = 120;

/**
 * Why one bound is refused:
 * - `missing`: empty (a date input also reads empty while its date is incomplete or impossible);
 * - `malformed`: not 'YYYY-MM-DD';
 * - `impossible`: no such day (2026-02-30, a 13th month, 29 February of a common year);
 * - `out-of-range`: a year outside `PERIOD_YEARS`.
 */
export type DayProblem = 'missing' | 'malformed' | 'impossible' | 'out-of-range';

/**
 * Why a period is refused: one bound's problem, or, both bounds being days, the whole's:
 * `reversed` (the end before the start) or `too-long` (over `PERIOD_MAX_MONTHS`).
 */
export type PeriodProblem =
  { bound: 'from' | 'to'; problem: DayProblem } | { bound: 'both'; problem: 'reversed' | 'too-long' };

export type ParsedPeriod = { ok: true; period: ReportPeriod } | { ok: false; problems: PeriodProblem[] };

const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month (1–12) of a year, Gregorian rules. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** One bound: its numbers, or why it is refused (see `DayProblem`). */
export function parseDay(text: string): CalendarDay | DayProblem {
  if (text === '') return 'missing';
  const match = DAY_FORMAT.exec(text);
  if (!match) return 'malformed';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'impossible';
  if (year < PERIOD_YEARS.first || year > PERIOD_YEARS.last) return 'out-of-range';
  return { year, month, day };
}

/** A calendar date as 'YYYY-MM-DD' (years 0–9999; `parseDay` reads it back). */
export const formatDay = ({ year, month, day }: CalendarDay): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * Two bounds as typed in the dashboard's form or read from the report's address, as a period, or
 * every reason it is refused: each bound's own problem first; only when both are days, whether
 * they are reversed or too far apart. Never throws.
 */
export function parsePeriod(from: string, to: string): ParsedPeriod {
  const first = parseDay(from);
  const last = parseDay(to);
  const problems: PeriodProblem[] = [];
  if (typeof first === 'string') problems.push({ bound: 'from', problem: first });
  if (typeof last === 'string') problems.push({ bound: 'to', problem: last });
  if (typeof first === 'string' || typeof last === 'string') return { ok: false, problems };
  // Both strictly 'YYYY-MM-DD': their text sorts as their dates do.
  if (to < from) return { ok: false, problems: [{ bound: 'both', problem: 'reversed' }] };
  const months = (last.year - first.year) * 12 + (last.month - first.month) + 1;
  if (months > PERIOD_MAX_MONTHS) return { ok: false, problems: [{ bound: 'both', problem: 'too-long' }] };
  return { ok: true, period: { from, to } };
}

/**
 * What a period's figures can honestly say:
 * - `future`: it starts after `today` ('YYYY-MM-DD', the perimeter's calendar day): nothing happened
 *   yet, and the standing figures (coverage, offers and wants) would be today's, not its own;
 * - `before`: no household had signed up by its end (before the perimeter's first sign-up);
 * - `quiet`: no sign-up, link event, café held nor micro-project created within it;
 * - `active`: something happened within it.
 */
export type PeriodActivity = 'future' | 'before' | 'quiet' | 'active';

/** See `PeriodActivity`. */
export function periodActivity(
  period: ReportPeriod,
  figures: DashboardFigures,
  today: string,
): PeriodActivity {
  if (period.from > today) return 'future';
  if (figures.coverage.households === 0) return 'before';
  const { asked, agreed, met } = figures.links.totals;
  const happened =
    figures.coverage.signedUpInPeriod > 0 ||
    asked + agreed + met > 0 ||
    figures.cafes.held.length > 0 ||
    figures.projects.list.some((project) => project.createdInPeriod);
  return happened ? 'active' : 'quiet';
}
