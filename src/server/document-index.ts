/**
 * What tissage.sqlite derives from a perimeter's document: the household credential index, and
 * the owners of its Yjs client ids. Run on every document the server loads or imports, and for
 * credentials whenever the `credentials` map changes.
 */
import type * as Y from 'yjs';
import { CREDENTIALS_MAP } from '../domain';
import { householdCredential } from './auth';
import { log } from './logger';
import type { PrivateStore } from './ports';

/** Indexes everything tissage.sqlite derives from `doc`, the document of `perimeterId`. */
export function indexDocument(store: PrivateStore, perimeterId: string, doc: Y.Doc): void {
  indexCredentials(store, perimeterId, doc, doc.getMap(CREDENTIALS_MAP).keys());
  // Client ids that reached the document without an accepted update (stored before client ids
  // were bound, or imported) belong to nobody: no device continues them, so no one may.
  store.clientIds.bind(perimeterId, doc.store.clients.keys(), null);
}

/**
 * Copies the named credentials of the perimeter's document into the index. A credential id that
 * another perimeter claimed first stays that perimeter's (see CredentialIndex): the later claim is
 * logged, one line each, so an administrator can find the facilitator who copied it.
 */
export function indexCredentials(
  store: PrivateStore,
  perimeterId: string,
  doc: Y.Doc,
  credentialIds: Iterable<string>,
): void {
  const ignored = store.householdCredentials.record(
    perimeterId,
    Array.from(credentialIds, (id) => [id, householdCredential(doc, id)] as const),
  );
  for (const claim of ignored)
    log.warn({ ...claim, reason: 'claimed first by another perimeter' }, 'credential claim ignored');
}
