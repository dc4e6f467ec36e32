import * as Y from 'yjs';

/**
 * How many changes this document holds that the server has not stored yet. Every record write is
 * one map entry, which advances its client's clock by one, so the gap between the document's
 * state vector and the stored one counts changes, at the cost of encoding a few bytes per device.
 */
export function changesWaiting(doc: Y.Doc, stored: Map<number, number>): number {
  let waiting = 0;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    waiting += Math.max(0, clock - (stored.get(client) ?? 0));
  }
  return waiting;
}
