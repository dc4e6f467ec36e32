/**
 * The Dexie schemas as each past version was released, for the migration tests: a test fills a
 * database opened at an old version, closes it, then opens it with today's code
 * (storage/device-db.ts, storage/read-model.ts) and checks what the step kept. Copied here on
 * purpose rather than imported: an edit of a past step in the source (which must never happen,
 * steps are append-only) would otherwise change what the tests start from and go unnoticed.
 */
import { Dexie } from 'dexie';

/** storage/device-db.ts's steps 1 to 5, in order. */
const DEVICE_STEPS: Record<string, string | null>[] = [
  {
    perimeters: 'id',
    settings: 'key',
    contacts: 'householdId, perimeterId',
    scans: 'householdId, perimeterId',
  },
  { access: 'perimeterId', syncState: 'perimeterId' },
  { errors: '++id' },
  { drafts: 'id, [perimeterId+sessionId]' },
  { neighbourContacts: '[perimeterId+householdId+neighbourId], [perimeterId+householdId]' },
];

/** storage/read-model.ts's steps 1 to 3, in order. */
const READ_MODEL_STEPS: Record<string, string | null>[] = [
  {
    meta: 'key',
    households: 'id, sessionId, place',
    answers: '[householdId+ideaId], householdId, ideaId, theme, [ideaId+value]',
    sessions: 'id, openedAt',
    ideas: 'id, theme',
    retired: 'ideaId',
  },
  { answers: '[householdId+ideaId], householdId, ideaId, theme' },
  { answers: null, householdAnswers: 'householdId' },
];

function released(name: string, steps: Record<string, string | null>[], version: number): Dexie {
  if (!Number.isInteger(version) || version < 1 || version > steps.length)
    throw new RangeError(`${name}: no released version ${version} (1 to ${steps.length})`);
  const db = new Dexie(name);
  steps.slice(0, version).forEach((stores, i) => db.version(i + 1).stores(stores));
  return db;
}

/** The device database (`tissage-device`) as version `version` (1 to 5) declared it. */
export function releasedDeviceDb(version: number): Dexie {
  return released('tissage-device', DEVICE_STEPS, version);
}

/** Perimeter `perimeterId`'s read model (`tissage-read-<id>`) as version `version` (1 to 3) declared it. */
export function releasedReadModelDb(perimeterId: string, version: number): Dexie {
  return released(`tissage-read-${perimeterId}`, READ_MODEL_STEPS, version);
}
