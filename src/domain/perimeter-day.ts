/**
 * The perimeter's calendar day of a record's timestamp, as the dashboard's period compares it
 * (dashboard.ts `inPeriod`, report-period.ts). Pure: the time zone's rules come from the
 * platform's Intl (IANA tz database) through cafe-status.ts `wallTime`.
 */
import { wallTime } from './cafe-status';

/** UTC hour ('YYYY-MM-DDTHH', 22 or 23 h) → the perimeter's day; see `perimeterDay`. */
const dayOfLateHour = new Map<string, string>();

/**
 * The perimeter's calendar day ('YYYY-MM-DD') of an ISO 8601 timestamp: its date on the wall
 * clocks of cafe-status.ts `PERIMETER_TIME_ZONE` (Europe/Paris), so that a sign-up at 00:30 on
 * 1 January in Paris (23:30 UTC the day before) falls in January, as the facilitator saw it. A
 * bare date (a café's) is that day already.
 *
 * Cost: Paris is UTC+1 or UTC+2 (CET, CEST), so a UTC time before 22:00 is on its own UTC date in
 * Paris too; only 22:00–23:59 UTC asks the time zone, once per such hour seen (a year of records
 * holds at most 730), so a year's figures on a fresh page do not pay a tz lookup per record.
 */
export function perimeterDay(at: string): string {
  // Hot: called for every dated record. "HH" below 22 read from its two digits, no string made.
  const tens = at.charCodeAt(11);
  if (tens < CHAR_2 || (tens === CHAR_2 && at.charCodeAt(12) < CHAR_2)) {
    if (at.charCodeAt(at.length - 1) === CHAR_Z) return at.slice(0, 10);
  }
  return lateOrOther(at);
}

const CHAR_2 = '2'.charCodeAt(0);
const CHAR_Z = 'Z'.charCodeAt(0);

/** perimeterDay's other cases: a bare date, another offset than Z, 22:00–23:59 UTC. */
function lateOrOther(at: string): string {
  if (at.length === 10) return at;
  if (!at.endsWith('Z')) {
    const instant = Date.parse(at);
    // Not a timestamp Date reads: its own date, as before any time zone was taken into account.
    return Number.isNaN(instant) ? at.slice(0, 10) : wallTime(instant).slice(0, 10);
  }
  const hour = at.slice(0, 13);
  let day = dayOfLateHour.get(hour);
  if (day === undefined) {
    // Bounds memory however many years a device looks at.
    if (dayOfLateHour.size > 10_000) dayOfLateHour.clear();
    day = wallTime(Date.parse(`${hour}:00:00Z`)).slice(0, 10);
    dayOfLateHour.set(hour, day);
  }
  return day;
}
