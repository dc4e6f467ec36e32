/**
 * A café's state as people see it (issue 12 tester faults): derived from its recorded state, its
 * date and times, and a moment `now` that the caller passes (the device's clock; never read here).
 *
 * The record keeps three states (constants.ts CAFE_STATES): 'planned' until the facilitator marks
 * it 'held' or 'cancelled'. Facilitators often forget to mark it, so a planned café reads, by the
 * clock: 'planned' before its start, 'in-progress' from its start minute until its end minute,
 * then 'to-close' (it is over, nobody marked it: the tablet offers to mark it held or cancelled).
 * The record is never changed by time passing: two devices with different clocks may show a café
 * differently for a moment, they never write different things.
 *
 * Times: a café's `date`, `start` and `end` are the perimeter's wall-clock time, and the
 * perimeter is in France, so they are read in `PERIMETER_TIME_ZONE` (IANA tz database
 * "Europe/Paris", through the platform's Intl), whatever time zone the device is set to. On the
 * days the clocks change, a wall time that does not exist (02:30 in late March) is read as the
 * moment the clocks show it after the change (03:30 summer time), and a wall time that happens
 * twice (02:30 in late October) as its first occurrence, as Temporal's 'compatible'
 * disambiguation (TC39 Temporal, ToTemporalZonedDateTime) and RFC 5545 §3.3.5 do. So a café's
 * start and end are instants, and its state only moves forward as time passes.
 */
import type { Cafe } from './schemas';

/** The time zone of the perimeters' wall-clock times (IANA tz database name). */
export const PERIMETER_TIME_ZONE = 'Europe/Paris';

/**
 * A café's state as shown: the recorded 'held' and 'cancelled' as they are; a planned café by the
 * clock ('planned' before its start, 'in-progress' during it, 'to-close' after its end).
 */
export type CafeStatus = 'planned' | 'in-progress' | 'to-close' | 'held' | 'cancelled';

/** Every CafeStatus, in the order a café goes through them (for words and tests). */
export const CAFE_STATUSES = ['planned', 'in-progress', 'to-close', 'held', 'cancelled'] as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time at instant `at` (ms since the epoch) in `timeZone`, read as if it were UTC. */
function wallAsUtc(at: number, timeZone: string): number {
  const part: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(at)) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

/** The offset of `timeZone` from UTC at instant `at`, in ms (Paris: 1 h in winter, 2 h in summer). */
const offsetAt = (at: number, timeZone: string) => wallAsUtc(at - (at % 1000), timeZone) - (at - (at % 1000));

/**
 * The instant (ms since the epoch) at which the wall clock of `timeZone` shows `date`
 * ('YYYY-MM-DD') and `time` ('HH:MM'); a time skipped or repeated by a clock change is read as
 * the header says. Throws RangeError for an unknown time zone (Intl's).
 */
export function zonedInstant(date: string, time: string, timeZone: string = PERIMETER_TIME_ZONE): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // The offsets a day either side cover any clock change of that day.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const fits = [before, after]
    .map((offset) => wall - offset)
    .filter((at) => offsetAt(at, timeZone) === wall - at);
  if (fits.length > 0) return Math.min(...fits);
  // Skipped by the change: the offset before it still applies, which lands after the change.
  return wall - before;
}

/** 'YYYY-MM-DDTHH:MM': the wall-clock time of instant `now` (ms since the epoch) in `timeZone`. */
export function wallTime(now: number, timeZone: string = PERIMETER_TIME_ZONE): string {
  return new Date(wallAsUtc(now, timeZone)).toISOString().slice(0, 16);
}

/** When a café starts and ends, as instants (ms since the epoch); end is its first minute over. */
export function cafeInstants(
  cafe: Pick<Cafe, 'date' | 'start' | 'end'>,
  timeZone: string = PERIMETER_TIME_ZONE,
): { start: number; end: number } {
  return {
    start: zonedInstant(cafe.date, cafe.start, timeZone),
    end: zonedInstant(cafe.date, cafe.end, timeZone),
  };
}

/**
 * The café's state as shown at instant `now` (ms since the epoch, the device's clock): see
 * CafeStatus. The start minute is in progress (15:00:00 for a café "de 15 h à 17 h"), the end
 * minute is over (17:00:00).
 */
export function cafeStatus(
  cafe: Pick<Cafe, 'state' | 'date' | 'start' | 'end'>,
  now: number,
  timeZone: string = PERIMETER_TIME_ZONE,
): CafeStatus {
  if (cafe.state !== 'planned') return cafe.state;
  const { start, end } = cafeInstants(cafe, timeZone);
  if (now < start) return 'planned';
  return now < end ? 'in-progress' : 'to-close';
}

/**
 * How long before a café's start a household may say "Je suis là" itself, in minutes: people come
 * early to help set up, or to be sure of a seat.
 */
export const CHECK_IN_EARLY_MINUTES = 60;

/**
 * Whether a household's own check-in (the poster's code, filmed or typed) is taken at instant
 * `now` (ms since the epoch, the phone's clock): 'early' before CHECK_IN_EARLY_MINUTES before the
 * start (the poster goes up days before: a code typed at home must not say "at the café"), 'open'
 * from then until the end minute excluded, 'over' from the end minute. The facilitator's tick is
 * not bound by it (they see who is there). Times as cafeInstants, in `timeZone`.
 */
export function householdCheckInWindow(
  cafe: Pick<Cafe, 'date' | 'start' | 'end'>,
  now: number,
  timeZone: string = PERIMETER_TIME_ZONE,
): 'early' | 'open' | 'over' {
  const { start, end } = cafeInstants(cafe, timeZone);
  if (now < start - CHECK_IN_EARLY_MINUTES * MINUTE) return 'early';
  return now < end ? 'open' : 'over';
}

/**
 * Whether a café counts as held in the association's figures (dashboard.ts, the impact report):
 * marked held, or not cancelled and with at least one household present (`present`: active
 * households whose latest attendance says present). Attendance is the proof the café took place:
 * a check-in is taken only at a planned café (cafe-commands.ts checkIn), people check in on the
 * day, and facilitators forget to mark it held. A cancelled café counts never, even with
 * check-ins (the facilitator's decision wins, e.g. called off for rain after the first arrivals);
 * a planned café with nobody present counts not yet. No clock: the figures of one document are
 * the same on every device.
 */
export function countsAsHeld(cafe: Pick<Cafe, 'state'>, present: number): boolean {
  return cafe.state === 'held' || (cafe.state === 'planned' && present > 0);
}
