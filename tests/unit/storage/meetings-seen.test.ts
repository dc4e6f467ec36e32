/**
 * The meeting codes a device read (storage/meetings-seen.ts, device table meetingsSeen, Dexie v6):
 * kept per perimeter on fake-indexeddb, and the v5 → v6 step keeps what v5 held.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../src/storage/device-db';
import { recordSeenMeeting, seenMeetings } from '../../../src/storage/meetings-seen';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { releasedDeviceDb } from './released-schemas';

beforeEach(() => {
  freshIndexedDb();
});

describe('meeting codes read on this device', () => {
  it('are kept per perimeter, across a reopening', async () => {
    const db = openDeviceDb();
    await recordSeenMeeting(db, 'p001', 'hh-lea/ABCD', '2026-11-30T10:00:00.000Z');
    await recordSeenMeeting(db, 'p001', 'hh-omar/EFGH', '2026-11-30T10:05:00.000Z');
    await recordSeenMeeting(db, 'p002', 'hh-lea/ABCD', '2026-11-30T10:06:00.000Z');
    db.close();
    const again = openDeviceDb();
    expect(await seenMeetings(again, 'p001')).toEqual(new Set(['hh-lea/ABCD', 'hh-omar/EFGH']));
    expect(await seenMeetings(again, 'p003')).toEqual(new Set());
    again.close();
  });

  it('device v5 → v6 keeps neighbour contacts and drafts and adds an empty meetingsSeen', async () => {
    const v5 = releasedDeviceDb(5);
    const neighbour = {
      perimeterId: 'p001',
      householdId: 'hh-omar',
      neighbourId: 'hh-lea',
      phone: '06 12 34 56 78',
      fetchedAt: '2026-11-30T09:00:00.000Z',
    };
    await v5.table('neighbourContacts').put(neighbour);
    v5.close();

    const v6 = openDeviceDb();
    expect(await v6.neighbourContacts.toArray()).toEqual([neighbour]);
    expect(await v6.meetingsSeen.count()).toBe(0);
    v6.close();
  });
});
