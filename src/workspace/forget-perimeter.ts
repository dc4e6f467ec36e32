/**
 * Forgetting a perimeter on this device (issue 13): what the erased household's own phone does
 * after its erasure (workspace/erasure.ts `requestErasure`).
 */
import type { DeviceDb } from '../storage/device-db';
import { openReadModelDb } from '../storage/read-model';
import { LocalDocStore } from '../sync/local-doc-store';
import { docName } from './perimeter-workspace';

/**
 * What the erased household's own phone does once the server answered its erasure: its credential
 * is revoked, so it will never sync the erasure back; it forgets the perimeter instead. Deletes the
 * perimeter's stored document (every generation of it, LocalDocStore.clear) and read model databases, and every device row about
 * the perimeter (access, sync state, contacts, scans, drafts, linked neighbours' details, meetings
 * seen, settings that name it, and the perimeter itself). The caller closes the perimeter's
 * runtime first (open databases would block the deletion). `profile`: as WorkspaceDeps.profile.
 */
export async function forgetPerimeterOnDevice(
  device: DeviceDb,
  perimeterId: string,
  profile = 'tissage',
): Promise<void> {
  await Promise.all([
    LocalDocStore.clear(docName(perimeterId, profile)),
    openReadModelDb(perimeterId, profile).delete(),
  ]);
  await device.transaction(
    'rw',
    [
      device.perimeters,
      device.settings,
      device.contacts,
      device.scans,
      device.access,
      device.syncState,
      device.drafts,
      device.neighbourContacts,
      device.meetingsSeen,
    ],
    async () => {
      await device.perimeters.delete(perimeterId);
      await device.access.delete(perimeterId);
      await device.syncState.delete(perimeterId);
      await device.contacts.where('perimeterId').equals(perimeterId).delete();
      await device.scans.where('perimeterId').equals(perimeterId).delete();
      await device.drafts.filter((row) => row.perimeterId === perimeterId).delete();
      await device.neighbourContacts.filter((row) => row.perimeterId === perimeterId).delete();
      await device.meetingsSeen.where('perimeterId').equals(perimeterId).delete();
      await device.settings
        .filter(
          (row) =>
            (row.key === 'currentPerimeter' && row.value === perimeterId) ||
            row.key.includes(`/${perimeterId}/`),
        )
        .delete();
    },
  );
}
