/**
 * Decides whether a Yjs update from a writer may be applied to a perimeter's document: every
 * record it touches must be writable by the writer's actor, every value it sets must be a valid
 * record within the domain's bounds (an answer only to an idea that exists), no record may be left
 * without a value (records are only ever set), the perimeter record names the document's own
 * perimeter and no other (what ties a document to its perimeter, see server/import.ts), and the
 * Yjs client ids it writes under must belong to the writer or to no one yet (see
 * server/client-ids.ts).
 *
 * Shared by the sync server (server/rights-check.ts, for every incoming sync message) and the
 * devices (qr-relay.ts: a facilitator's tablet checks a phone's update read from its screen as
 * the server would), so both apply one rule. Pure over the document: reads it, never changes it.
 */
import type * as Y from 'yjs';
import {
  type Actor,
  type KnownRecords,
  PERIMETER_KEY,
  canReplace,
  canWrite,
  parseProjectKey,
  parseProposalKey,
  validRecord,
  withinBounds,
} from '../domain';
import { type Touch, inspectUpdate } from './update-inspector';

/** Why an update was refused, as told to the client. */
export type Refusal = 'forbidden' | 'invalid' | 'revoked';

export interface Writer {
  actor: Actor;
  /** Its credential, as client ids are bound to it (server/client-ids.ts `ownerOf`). */
  owner: string;
  /** The perimeter whose document it writes: the only one the perimeter record may name. */
  perimeterId: string;
}

/** The owner of a client id: undefined while unbound, null when nobody may extend it. */
export type ClientOwner = (clientId: number) => string | null | undefined;

/**
 * An accepted update names the unbound client ids it writes under, for the caller to bind. A
 * refusal says which check failed (`problem`, for a debug log only: never told to the client,
 * whose recovery needs only the refusal).
 */
export type Checked = { refusal: Refusal; problem: string } | { refusal: null; newClientIds: number[] };

/**
 * Checks `update` against `doc` (the receiver's current copy) for `writer`. `catalogueIdeas` are
 * the ideas of the shipped catalogue (the same file every device bundles): answers and choices may
 * name those, or ideas of the document or of the update itself.
 */
export function checkWrites(
  writer: Writer,
  ownerOf: ClientOwner,
  doc: Y.Doc,
  update: Uint8Array,
  catalogueIdeas: ReadonlySet<string>,
): Checked {
  const inspection = inspectUpdate(doc, update);
  if (!inspection.ok) return { refusal: 'invalid', problem: inspection.problem };
  const { actor } = writer;
  const newClientIds: number[] = [];
  // Forbidden wins over invalid: it is the answer that tells the client what to drop.
  for (const clientId of inspection.writers) {
    const owner = ownerOf(clientId);
    if (owner === undefined) newClientIds.push(clientId);
    else if (owner !== writer.owner)
      return { refusal: 'forbidden', problem: `client id ${clientId} bound to another` };
  }
  let invalid: string | undefined = inspection.removed.map(({ map, key }) => `removes ${map}/${key}`).at(0);
  const known = knownRecords(doc, inspection.touches, catalogueIdeas);
  for (const { map, key, values } of inspection.touches) {
    if (!canWrite(actor, map, key)) return { refusal: 'forbidden', problem: `writes ${map}/${key}` };
    if (values === null) continue;
    // canWrite passed: `map` is a shared map, which getMap may create on the receiver's document.
    const current = () => doc.getMap(map).get(key);
    if (values.some((value) => !canReplace(actor, map, current, value)))
      return { refusal: 'forbidden', problem: `replaces ${map}/${key}` };
    // Once invalid, only a forbidden write could change the answer: the schemas are not run again,
    // so a flood of invalid records costs a decode, not a validation of each record.
    if (invalid) continue;
    if (!withinBounds(map, key, known)) invalid = `out of bounds ${map}/${key}`;
    else if (values.some((value) => !validRecord(map, key, value))) invalid = `invalid record ${map}/${key}`;
    else if (
      map === 'meta' &&
      key === PERIMETER_KEY &&
      values.some((value) => !names(value, writer.perimeterId))
    )
      invalid = `another perimeter in ${map}/${key}`;
  }
  return invalid ? { refusal: 'invalid', problem: invalid } : { refusal: null, newClientIds };
}

/**
 * The ideas of the shipped catalogue, and the ideas, households, cafés, proposals and projects of
 * the document and of the update itself: a tablet that adds a local idea, signs a household up or
 * plans a café offline syncs it together with the records that refer to it. Read lazily, so an
 * update without such references costs nothing here.
 */
function knownRecords(
  doc: Y.Doc,
  touches: readonly Touch[],
  catalogueIdeas: ReadonlySet<string>,
): KnownRecords {
  const added = new Map<string, Set<string>>();
  const addedIn = (map: string) => {
    let keys = added.get(map);
    if (!keys) {
      keys = new Set(touches.filter((t) => t.map === map && t.values !== null).map((t) => t.key));
      added.set(map, keys);
    }
    return keys;
  };
  // `share`, not getMap: reading must not create a type on the receiver's document.
  const inDoc = (map: string, key: string) => doc.share.get(map)?._map.get(key)?.deleted === false;
  const inDocOrUpdate = (map: string, key: string) => inDoc(map, key) || addedIn(map).has(key);
  const owned = new Map<string, number>();
  return {
    hasIdea: (ideaId) => catalogueIdeas.has(ideaId) || inDocOrUpdate('ideas', ideaId),
    // An erased household (domain/erasure.ts) counts as gone: nothing new may refer to it.
    hasHousehold: (householdId) => {
      const item = doc.share.get('profiles')?._map.get(householdId);
      if (item && !item.deleted) return !erased(item.content.getContent()[item.length - 1]);
      return addedIn('profiles').has(householdId);
    },
    hasCafe: (cafeId) => inDocOrUpdate('cafes', cafeId),
    hasProposal: (key) => inDocOrUpdate('proposals', key),
    hasProject: (key) => inDocOrUpdate('projects', key),
    ownedBy(map, householdId) {
      const memo = `${map}/${householdId}`;
      let count = owned.get(memo);
      if (count === undefined) {
        // One pass over the map per owner and update, a prefix test per key: at most
        // MAX_*_PER_HOUSEHOLD (domain) per household, 10,000 proposals for 500 households.
        const prefix = householdId + '/';
        count = 0;
        for (const [key, item] of doc.share.get(map)?._map ?? []) {
          if (key.startsWith(prefix) && !item.deleted && ownerInKey(map, key) === householdId) count++;
        }
        for (const key of addedIn(map)) if (!inDoc(map, key) && ownerInKey(map, key) === householdId) count++;
        owned.set(memo, count);
      }
      return count;
    },
  };
}

/** The household that owns a proposal or a project by its key (a facilitator's project: null). */
function ownerInKey(map: 'proposals' | 'projects', key: string): string | null | undefined {
  return map === 'proposals' ? parseProposalKey(key)?.householdId : parseProjectKey(key)?.ownerId;
}

/** Whether a perimeter record names `perimeterId` (its shape is validRecord's to check). */
function names(record: unknown, perimeterId: string): boolean {
  return typeof record === 'object' && record !== null && (record as { id?: unknown }).id === perimeterId;
}

function erased(profile: unknown): boolean {
  return (
    typeof profile === 'object' && profile !== null && 'erasedAt' in profile && profile.erasedAt !== undefined
  );
}
