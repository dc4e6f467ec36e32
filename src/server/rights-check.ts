/**
 * Decides whether an update from a connection may be applied: every record it touches must be
 * writable by the connection's actor, every value it sets must be a valid record, no record may
 * be left without a value (records are only ever set), and the Yjs client ids it writes under must
 * belong to the connection's credential or to no one yet (see client-ids.ts).
 */
import type * as Y from 'yjs';
import { type Actor, canReplace, canWrite, validRecord } from '../domain';
import { inspectUpdate } from './update-inspector';

/** Why an update was refused, as told to the client. */
export type Refusal = 'forbidden' | 'invalid' | 'revoked';

export interface Writer {
  actor: Actor;
  /** Its credential, as client ids are bound to it (client-ids.ts `ownerOf`). */
  owner: string;
}

/** The owner of a client id: undefined while unbound, null when nobody may extend it. */
export type ClientOwner = (clientId: number) => string | null | undefined;

/** An accepted update names the unbound client ids it writes under, for the caller to bind. */
export type Checked = { refusal: Refusal } | { refusal: null; newClientIds: number[] };

export function checkUpdate(writer: Writer, ownerOf: ClientOwner, doc: Y.Doc, update: Uint8Array): Checked {
  const inspection = inspectUpdate(doc, update);
  if (!inspection.ok) return { refusal: 'invalid' };
  const { actor } = writer;
  const newClientIds: number[] = [];
  // Forbidden wins over invalid: it is the answer that tells the client what to drop.
  for (const clientId of inspection.writers) {
    const owner = ownerOf(clientId);
    if (owner === undefined) newClientIds.push(clientId);
    else if (owner !== writer.owner) return { refusal: 'forbidden' };
  }
  let invalid = inspection.removed.length > 0;
  for (const { map, key, values } of inspection.touches) {
    if (!canWrite(actor, map, key)) return { refusal: 'forbidden' };
    if (values === null) continue;
    // canWrite passed: `map` is a shared map, which getMap may create on the server's document.
    const current = () => doc.getMap(map).get(key);
    if (values.some((value) => !canReplace(actor, map, current, value))) return { refusal: 'forbidden' };
    if (values.some((value) => !validRecord(map, key, value))) invalid = true;
  }
  return invalid ? { refusal: 'invalid' } : { refusal: null, newClientIds };
}
