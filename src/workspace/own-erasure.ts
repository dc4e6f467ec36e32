/**
 * How a household's own phone learns that its household was erased (issue 13, must-have 4; GDPR
 * art. 17), whoever erased it and whenever: itself (even when the server's answer was lost), a
 * facilitator's tablet "for it", or retention, while the phone was open or closed. Any of these
 * tells it:
 * - the document: the household's profile became an erased marker (domain/erasure.ts, `erasedAt`),
 *   synced before the server closed the connection, or already in the stored copy;
 * - the sync server: it refuses the phone's credential, or closes its connection, with the reason
 *   'erased' (server/auth.ts `AuthFailure`; the sync status's problem 'erased');
 * - an HTTP answer: 403 `{ error: 'erased' }` to an erasure asked again, or to the own-data request
 *   that finds out an erasure whose answer was lost (workspace/erasure.ts, reason 'erased').
 * The phone then forgets the perimeter (forget-perimeter.ts) and shows the goodbye screen: its
 * credential no longer counts, so it would never sync again and would only show stale data.
 */
import type { SyncStatus } from '../sync/sync-status';
import type { DeviceDb } from '../storage/device-db';
import type { Live } from './doc-live';

export interface OwnErasureDeps {
  device: DeviceDb;
  perimeterId: string;
  /** The perimeter's sync status on this device (perimeter-runtime.ts). */
  status: Live<SyncStatus>;
  /** Whether the document on this device holds `householdId`'s profile as an erased marker, live. */
  erasedInDoc(householdId: string): Live<boolean>;
  /** Called once, when this device's own household is known to be erased. */
  onErased(): void;
}

/**
 * Follows, on a household's own phone, what tells it that its household is erased (see the file's
 * header), and calls `onErased` once the first of them does. Does nothing on a facilitator's
 * device or one not joined (its `access` row). Resolves with the function that stops following.
 */
export async function followOwnErasure(deps: OwnErasureDeps): Promise<() => void> {
  const access = await deps.device.access.get(deps.perimeterId);
  if (access?.role !== 'household' || !access.householdId) return () => {};
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    deps.onErased();
  };
  const subscriptions = [
    deps.status.subscribe((status) => {
      if (status.problem === 'erased') tell();
    }),
    deps.erasedInDoc(access.householdId).subscribe((erased) => {
      if (erased) tell();
    }),
  ];
  return () => {
    for (const subscription of subscriptions) subscription.unsubscribe();
  };
}
