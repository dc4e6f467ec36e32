/**
 * A sign-up session's state as people see it (issue 13 tester faults: a tablet three years later
 * still showed an old session as « Séance en cours »), from its record and a moment `now` that the
 * caller passes (the device's clock; never read here).
 *
 * A sign-up session is one gathering: a coffee, a snack or an aperitif, a few hours of one day.
 * Facilitators forget to close it, and the record stays open (`closedAt: null`) until someone
 * does. So an open session reads, by the clock:
 * - 'open' on its day, and while it has been open less than `SESSION_OLD_AFTER_HOURS` (an evening
 *   aperitif opened at 19 h that runs past midnight stays current until 7 h the next morning);
 * - 'old' once both are over: the perimeter's calendar day now is later than the session's date
 *   and than the day it was opened, and it was opened at least `SESSION_OLD_AFTER_HOURS` ago. The
 *   screens then show it as « ancienne séance, à clore » and offer to close it, not to resume it.
 * Days are the perimeter's wall-clock days (cafe-status.ts `PERIMETER_TIME_ZONE`), whatever time
 * zone the device is set to. The record is never changed by time passing: closing stays a person's
 * act (commands.ts closeSession), so two devices with different clocks never write different
 * things. A device whose clock is behind the opening shows the session open.
 */
import { PERIMETER_TIME_ZONE, wallTime } from './cafe-status';
import type { Session } from './schemas';

/** 'open': current; 'old': open but from a past day, to close; 'closed': closed by someone. */
export type SessionStatus = 'open' | 'old' | 'closed';

/** Hours a session stays current after its opening even once its day is over (see the header). */
export const SESSION_OLD_AFTER_HOURS = 12;

const HOUR = 3_600_000;

/**
 * The session's state at instant `now` (ms since the epoch, the device's clock): see the header.
 * `session.date` is 'YYYY-MM-DD', `openedAt` and `closedAt` ISO 8601 (schemas.ts sessionSchema).
 */
export function sessionStatus(
  session: Pick<Session, 'date' | 'openedAt' | 'closedAt'>,
  now: number,
  timeZone: string = PERIMETER_TIME_ZONE,
): SessionStatus {
  if (session.closedAt !== null) return 'closed';
  const opened = Date.parse(session.openedAt);
  if (Number.isNaN(opened) || now - opened < SESSION_OLD_AFTER_HOURS * HOUR) return 'open';
  const today = wallTime(now, timeZone).slice(0, 10);
  const openedDay = wallTime(opened, timeZone).slice(0, 10);
  const lastDay = session.date > openedDay ? session.date : openedDay;
  return today > lastDay ? 'old' : 'open';
}
