/**
 * The neighbours' meeting codes this device already read (domain/meeting-code.ts): a code read a
 * second time, from a screenshot or by typing what was already filmed, is a replay and records
 * nothing. Device-local: another device of the same household keeps its own, and the shared
 * document never learns which codes were read.
 */
import type { DeviceDb } from './device-db';

/** The `seenKey`s this device recorded in `perimeterId`, for `MeetingContext.seen`. */
export async function seenMeetings(db: DeviceDb, perimeterId: string): Promise<Set<string>> {
  const rows = await db.meetingsSeen.where('perimeterId').equals(perimeterId).toArray();
  return new Set(rows.map((row) => row.key));
}

/** Records a meeting as read, durable (strict) before it resolves. */
export async function recordSeenMeeting(
  db: DeviceDb,
  perimeterId: string,
  key: string,
  at: string,
): Promise<void> {
  await db.meetingsSeen.put({ perimeterId, key, at });
}
