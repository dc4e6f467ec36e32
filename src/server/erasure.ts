/**
 * A household's erasure on the server (GDPR art. 17; domain/erasure.ts says what is written and
 * why): written into the perimeter's live document as the server's own change, durable before it
 * is applied and forwarded (persistence.ts `logServerUpdate`), so every device receives it at its
 * next sync; then the private store forgets the household's contact details and refuses its
 * credentials, and both databases are rewritten so that no stored byte keeps the erased values.
 *
 * Why the old bytes go: the server's Y.Doc garbage-collects deleted content (Hocuspocus documents
 * keep Yjs's default `gc: true`), so once the erasure is applied the document's encoding holds the
 * erased marker and no trace of the old name; the compaction stores that encoding and drops every
 * log entry it holds (among them the updates that carried the name), and `purge` rewrites the
 * database files so the freed pages and the WAL are gone too.
 */
import * as Y from 'yjs';
import { type ErasureWrite, type RecordSource, credentialIdsOf, erasureWrites } from '../domain/erasure';
import { indexDocument } from './document-index';
import type { PrivateStore } from './ports';

/** The document's maps as domain/erasure.ts reads them. */
export function yRecordSource(doc: Y.Doc): RecordSource {
  return {
    entries: (map) => doc.getMap(map).entries(),
    get: (map, key) => doc.getMap(map).get(key),
  };
}

/** What erasing did: the households erased now (already erased or unknown ones are not). */
export interface Erased {
  erased: string[];
  erasedAt: string;
}

/** The part of a Hocuspocus direct connection an erasure uses. */
export interface DocumentConnection {
  document: Y.Doc | null;
  transact(change: (document: Y.Doc) => void): Promise<void>;
}

export interface ErasureSteps {
  /** Makes the update durable (logServerUpdate); resolves once it is. */
  log(update: Uint8Array): Promise<void>;
  /** Compacts the document now and rewrites the databases' files (after the change is applied). */
  compactAndPurge(doc: Y.Doc): Promise<void>;
  /** Ends the live connections of a revoked credential. */
  disconnect(credentialId: string): void;
}

/**
 * Erases `householdIds` from the perimeter's document held by `connection`, and from the private
 * store. The update is built on a copy of the document (so nothing enters the live one before it
 * is durable: about 300 ms for a 500-household perimeter, acceptable for a rare act), under a
 * fresh client id bound to nobody, so no device can ever extend it.
 */
export async function eraseHouseholds(
  store: PrivateStore,
  perimeterId: string,
  connection: DocumentConnection,
  householdIds: readonly string[],
  erasedAt: string,
  steps: ErasureSteps,
): Promise<Erased> {
  const doc = connection.document!;
  const source = yRecordSource(doc);
  const writes = erasureWrites(source, householdIds, erasedAt);
  const erased = writes.filter((write) => write.map === 'profiles').map((write) => write.key);
  if (erased.length === 0) return { erased, erasedAt };
  const credentials = new Map(erased.map((id) => [id, credentialIdsOf(source, id)]));
  const update = updateOf(doc, writes, (clientId) => store.clientIds.bind(perimeterId, [clientId], null));
  await steps.log(update);
  await connection.transact((document) => Y.applyUpdate(document, update));
  indexDocument(store, perimeterId, doc);
  for (const householdId of erased) {
    const ids = credentials.get(householdId) ?? [];
    store.eraseHousehold(perimeterId, householdId, ids);
    for (const id of ids) steps.disconnect(id);
  }
  await steps.compactAndPurge(doc);
  return { erased, erasedAt };
}

/** The Yjs update that makes `writes` on `doc`, built on a copy of it. */
function updateOf(doc: Y.Doc, writes: readonly ErasureWrite[], bind: (clientId: number) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  bind(copy.clientID);
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  copy.transact(() => {
    for (const write of writes) {
      const map = copy.getMap(write.map);
      if (write.op === 'delete') map.delete(write.key);
      else map.set(write.key, write.value);
    }
  });
  copy.destroy();
  return Y.mergeUpdates(updates);
}
