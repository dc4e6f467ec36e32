/**
 * After the server refused a change, this device rebuilds its document from the server's copy and
 * then writes again what it had that the server lacks and that it may still write. Only records
 * missing on the server, or older there (by their own timestamp), are written again: a neighbour's
 * newer change is never overwritten by a stale local copy.
 */
import {
  type Actor,
  type Change,
  type RecordTypes,
  type SharedMapName,
  SHARED_MAP_NAMES,
  canReplace,
  canWrite,
  validRecord,
} from '../domain';
import type { PerimeterDoc } from './perimeter-doc';

export interface Recovered {
  changes: Change[];
  /** Records this device had that it may not write: lost with the refusal. */
  dropped: { map: SharedMapName; key: string }[];
}

export function ownChangesToReplay(previous: PerimeterDoc, server: PerimeterDoc, actor: Actor): Recovered {
  const recovered: Recovered = { changes: [], dropped: [] };
  for (const map of SHARED_MAP_NAMES) {
    for (const [key, value] of previous.map(map).entries()) {
      const current = server.map(map).get(key);
      if (current !== undefined && !newer(value, current)) continue;
      const allowed =
        canWrite(actor, map, key) &&
        validRecord(map, key, value) &&
        canReplace(actor, map, () => current, value);
      if (allowed) {
        recovered.changes.push({ map, key, value } as Change);
      } else {
        recovered.dropped.push({ map, key });
      }
    }
  }
  return recovered;
}

/** Whether the local record is a later version than the server's; equal records are not. */
function newer(local: RecordTypes[SharedMapName], server: RecordTypes[SharedMapName]): boolean {
  if (JSON.stringify(local) === JSON.stringify(server)) return false;
  const localAt = changedAt(local);
  const serverAt = changedAt(server);
  return typeof localAt === 'string' && typeof serverAt === 'string' && localAt > serverAt;
}

/** When a record last changed: its `at`, or `updatedAt` for cafés and micro-projects (issue 12). */
function changedAt(record: RecordTypes[SharedMapName]): unknown {
  const { at, updatedAt } = record as { at?: unknown; updatedAt?: unknown };
  return at ?? updatedAt;
}
