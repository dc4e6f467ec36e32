/**
 * Reads which records an incoming Yjs update would change in a perimeter document, before it is
 * applied, without copying the document.
 *
 * An item in Yjs's update encoding carries its map and key only when it has no origin (the first
 * value ever set under a key). An overwrite carries only its origin, the ID of the value it
 * replaces; a delete carries only an ID range. Both are resolved against the live document (the
 * server's own copy) or against earlier items of the same update. The cost is a decode of the
 * update plus one binary search per origin and per deleted struct: nothing proportional to the
 * size of the document.
 *
 * Besides the records it writes, the inspection says which records would be left without a value
 * (see last-value.ts) and under which client ids the update adds structs.
 *
 * What must stay true: whatever Yjs would integrate is reported. Anything this reader cannot place
 * (nested types, list items, garbage-collected structs, gaps, references to changes the server
 * does not have) makes the whole update unreadable, and the caller refuses it. In particular an
 * update that would leave *pending* state (structs or deletes waiting for changes the server never
 * received) is unreadable: Yjs would keep it and hand it to every future client.
 */
import * as Y from 'yjs';
import { DeletedClocks, keepsValue } from './last-value';

export interface Place {
  map: string;
  key: string;
}

/** A record the update writes: the values it sets there, or null when it only deletes. */
export interface Touch extends Place {
  values: readonly unknown[] | null;
}

export type Inspection =
  | {
      ok: true;
      touches: Touch[];
      /** Records that have a value now and would have none once the update is applied. */
      removed: Place[];
      /** The client ids under which the update adds structs. */
      writers: number[];
    }
  | { ok: false; problem: string };

type Struct = Y.Item | Y.GC | Y.Skip;

export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, problem: 'undecodable update' };
  }
  const store = doc.store;
  const own = UpdateStructs.group(decoded.structs);
  if (typeof own === 'string') return { ok: false, problem: own };
  for (const [client, structs] of own.byClient) {
    // Structs must continue what the server has, or Yjs keeps them pending.
    const first = structs[0]?.id.clock ?? 0;
    const known = Y.getState(store, client);
    if (first > known)
      return {
        ok: false,
        problem: `missing changes: client ${client} from clock ${first}, server at ${known}`,
      };
  }

  const locator = new Locator(store, own);
  const touches: Touch[] = [];
  const added = new PerRecord<Y.Item[]>();
  for (const struct of decoded.structs) {
    // Already integrated: Yjs skips it, so it changes nothing.
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
    if (!(struct instanceof Y.Item)) return { ok: false, problem: 'garbage-collected struct' };
    const values = valuesOf(struct.content);
    if (values === undefined) return { ok: false, problem: 'not a plain value' };
    // Y.Map never sets a right origin (typeMapSet); last-value.ts relies on it.
    if (struct.rightOrigin !== null) return { ok: false, problem: 'right origin in a map entry' };
    const place = locator.locate(struct);
    if ('problem' in place) return { ok: false, problem: place.problem };
    touches.push({ ...place, values });
    const structs = added.get(place);
    if (structs) structs.push(struct);
    else added.set(place, [struct]);
  }

  for (const [client, deletes] of decoded.ds.clients) {
    const known = Y.getState(store, client);
    const reach = Math.max(known, own.end(client));
    const structs = store.clients.get(client) ?? [];
    for (const { clock, len } of deletes) {
      // A delete of something neither here nor in the update stays pending.
      if (clock + len > reach)
        return {
          ok: false,
          problem: `deletes unknown changes: client ${client} up to clock ${clock + len}, known ${reach}`,
        };
      const end = Math.min(clock + len, known);
      // Deleted structs of the update itself were placed above, as structs.
      for (let i = clock < end ? Y.findIndexSS(structs, clock) : structs.length; i < structs.length; i++) {
        const struct = structs[i];
        if (!struct || struct.id.clock >= end) break;
        // Deleting what is already deleted changes nothing; clients resend their whole delete set.
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const place = placeOfIntegrated(struct);
        if ('problem' in place) return { ok: false, problem: place.problem };
        touches.push({ ...place, values: null });
      }
    }
  }

  const removed: Place[] = [];
  const deleted = new DeletedClocks(decoded.ds.clients);
  const checked = new PerRecord<true>();
  for (const place of touches) {
    if (checked.get(place)) continue;
    checked.set(place, true);
    const current = currentValue(doc, place);
    if (!current) continue;
    const kept = keepsValue(store, current, added.get(place) ?? [], deleted);
    if (typeof kept === 'object') return { ok: false, problem: kept.problem };
    if (!kept) removed.push({ map: place.map, key: place.key });
  }
  const writers = [...own.byClient.keys()].filter((client) => own.end(client) > Y.getState(store, client));
  return { ok: true, touches, removed, writers };
}

/** The key's value in the server's document, if it has one. */
function currentValue(doc: Y.Doc, { map, key }: Place): Y.Item | undefined {
  // `share`, not getMap: a map name read from an update must not create a type on the server.
  const item = doc.share.get(map)?._map.get(key);
  return item && !item.deleted ? item : undefined;
}

/** Something per record: by map, then by key (both any strings an update carries). */
class PerRecord<T> {
  private readonly byMap = new Map<string, Map<string, T>>();

  get({ map, key }: Place): T | undefined {
    return this.byMap.get(map)?.get(key);
  }

  set({ map, key }: Place, value: T): void {
    const byKey = this.byMap.get(map);
    if (byKey) byKey.set(key, value);
    else this.byMap.set(map, new Map([[key, value]]));
  }
}

/** Map values are ContentAny; an overwritten value is ContentDeleted. Anything else is not ours. */
function valuesOf(content: Y.Item['content']): readonly unknown[] | null | undefined {
  if (content instanceof Y.ContentAny) return content.arr;
  if (content instanceof Y.ContentDeleted) return null;
  return undefined;
}

/** The structs of the update, per client, in clock order, to resolve origins that point into it. */
class UpdateStructs {
  private constructor(readonly byClient: Map<number, Struct[]>) {}

  static group(structs: readonly Struct[]): UpdateStructs | string {
    const byClient = new Map<number, Struct[]>();
    let current: Struct[] | undefined;
    for (const struct of structs) {
      // A gap in the update means what follows it waits for changes the server never received.
      if (struct instanceof Y.Skip) return 'gap in update';
      const client = struct.id.client;
      if (current === undefined || current[0]?.id.client !== client) {
        if (byClient.has(client)) return 'client listed twice';
        current = [];
        byClient.set(client, current);
      }
      current.push(struct);
    }
    return new UpdateStructs(byClient);
  }

  /** The clock after the update's last struct of `client` (0 when it has none). */
  end(client: number): number {
    const last = this.byClient.get(client)?.at(-1);
    return last ? last.id.clock + last.length : 0;
  }

  find(id: Y.ID): Struct | undefined {
    const structs = this.byClient.get(id.client);
    if (!structs) return undefined;
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = structs[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

type Located = Place | { problem: string };

/** Finds the map and key of items of an update, following origins through the update and the store. */
class Locator {
  private readonly places = new Map<Y.Item, Located>();

  constructor(
    private readonly store: Y.Doc['store'],
    private readonly update: UpdateStructs,
  ) {}

  /**
   * Follows the chain of origins iteratively: a device that changed one answer many times offline
   * sends a long chain, which recursion could not walk without running out of stack.
   */
  locate(item: Y.Item): Located {
    const chain = new Set<Y.Item>();
    let current = item;
    let place = this.places.get(current);
    while (place === undefined) {
      chain.add(current);
      const next = this.step(current);
      if (!(next instanceof Y.Item)) place = next;
      else if (chain.has(next)) place = { problem: 'cyclic origins' };
      else place = this.places.get((current = next));
    }
    for (const visited of chain) this.places.set(visited, place);
    return place;
  }

  /** The item's place, or the item of this update whose place it shares. */
  private step(item: Y.Item): Located | Y.Item {
    // Map entries have no right origin (refused above): the left origin decides the parent.
    const origin = item.origin;
    if (origin === null) {
      if (typeof item.parent !== 'string') return { problem: 'nested type' };
      if (item.parentSub === null) return { problem: 'not a map entry' };
      return { map: item.parent, key: item.parentSub };
    }
    // A client's own earlier items come first; Yjs would fail on an origin ahead of the item.
    if (origin.client === item.id.client && origin.clock >= item.id.clock) return { problem: 'origin ahead' };
    if (origin.clock < Y.getState(this.store, origin.client)) {
      const struct: Y.Item | Y.GC = Y.getItem(this.store, origin);
      return struct instanceof Y.Item ? placeOfIntegrated(struct) : { problem: 'garbage-collected origin' };
    }
    const inUpdate = this.update.find(origin);
    if (inUpdate === undefined) return { problem: 'unknown origin' };
    return inUpdate instanceof Y.Item ? inUpdate : { problem: 'garbage-collected origin' };
  }
}

/** Map and key of an item already in the document: its parent must be a top-level map. */
function placeOfIntegrated(item: Y.Item): Located {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return { problem: 'nested type' };
  if (item.parentSub === null) return { problem: 'not a map entry' };
  return { map: Y.findRootTypeKey(parent), key: item.parentSub };
}
