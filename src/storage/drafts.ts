/**
 * Sign-up drafts: a form in progress on a shared tablet, kept durably (it survives the tablet
 * being switched off) and for the household that started it only. Listed by name, opened only
 * when chosen, deleted once the household is signed up or the draft is thrown away.
 */
import { liveQuery } from 'dexie';
import type { DeviceDb, DraftRow } from './device-db';

/** What the form gives to keep: everything but where it belongs and when. */
export type DraftFields = Pick<DraftRow, 'name' | 'place' | 'languages' | 'witnesses' | 'contact'>;

/** A draft as listed for choosing: no field beyond its name, so nothing else shows to the next person. */
export interface DraftEntry {
  id: string;
  name: string;
  startedAt: string;
}

export function draftStore(device: DeviceDb, perimeterId: string, now: () => string) {
  return {
    /** The drafts of one session, oldest first. */
    list: (sessionId: string) =>
      liveQuery(async (): Promise<DraftEntry[]> => {
        const rows = await device.drafts
          .where('[perimeterId+sessionId]')
          .equals([perimeterId, sessionId])
          .toArray();
        return rows
          .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
          .map(({ id, name, startedAt }) => ({ id, name, startedAt }));
      }),
    get: (id: string): Promise<DraftRow | undefined> =>
      device.drafts.get(id).then((row) => (row?.perimeterId === perimeterId ? row : undefined)),
    /** Durable when it resolves (the device database writes strictly). */
    async save(id: string, sessionId: string, fields: DraftFields): Promise<void> {
      await device.transaction('rw', device.drafts, async () => {
        const known = await device.drafts.get(id);
        const at = now();
        await device.drafts.put({
          ...fields,
          id,
          perimeterId,
          sessionId,
          startedAt: known?.startedAt ?? at,
          updatedAt: at,
        });
      });
    },
    discard: (id: string): Promise<void> => device.drafts.delete(id),
  };
}
