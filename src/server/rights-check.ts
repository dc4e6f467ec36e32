/**
 * Decides whether an update from a connection may be applied: every record it touches must be
 * writable by the connection's actor, and every value it sets must be a valid record.
 */
import type * as Y from 'yjs';
import { type Actor, canWrite, validRecord } from '../domain';
import { inspectUpdate } from './update-inspector';

/** Why an update was refused, as told to the client. */
export type Refusal = 'forbidden' | 'invalid' | 'revoked';

export function checkUpdate(actor: Actor, doc: Y.Doc, update: Uint8Array): Refusal | null {
  const inspection = inspectUpdate(doc, update);
  if (!inspection.ok) return 'invalid';
  let invalid = false;
  for (const { map, key, values } of inspection.touches) {
    // Forbidden wins over invalid: it is the answer that tells the client what to drop.
    if (!canWrite(actor, map, key)) return 'forbidden';
    if (values?.some((value) => !validRecord(map, key, value))) invalid = true;
  }
  return invalid ? 'invalid' : null;
}
