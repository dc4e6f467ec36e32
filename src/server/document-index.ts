/**
 * What tissage.sqlite derives from a perimeter's document: the household credential index, and
 * the owners of its Yjs client ids. Run on every document the server loads or imports, and for
 * credentials whenever the `credentials` map changes.
 */
import type * as Y from 'yjs';
import { CREDENTIALS_MAP } from '../domain';
import { householdCredential } from './auth';
import type { ServerStore } from './store';

export function indexDocument(store: ServerStore, perimeterId: string, doc: Y.Doc): void {
  indexCredentials(store, perimeterId, doc, doc.getMap(CREDENTIALS_MAP).keys());
  // Client ids that reached the document without an accepted update (stored before client ids
  // were bound, or imported) belong to nobody: no device continues them, so no one may.
  store.clientIds.bind(perimeterId, doc.store.clients.keys(), null);
}

export function indexCredentials(
  store: ServerStore,
  perimeterId: string,
  doc: Y.Doc,
  credentialIds: Iterable<string>,
): void {
  store.householdCredentials.record(
    perimeterId,
    Array.from(credentialIds, (id) => [id, householdCredential(doc, id)] as const),
  );
}
