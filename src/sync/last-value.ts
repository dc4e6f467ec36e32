/**
 * Whether a map key that has a value still has one once an update is integrated, found without
 * integrating it. Records are only ever set, so an update that would leave a key empty is refused,
 * whether it deletes the value outright or hides the deletion behind a new value that ends up
 * deleted too.
 *
 * Yjs keeps every value ever set under a key in one list, and the key's value is the last item of
 * that list (Item.integrate deletes any item that is not last). Map entries are set with a left
 * origin and never a right one (typeMapSet), and for such items YATA orders the list as a tree
 * walked depth first: an item's parent is its left origin (the root for a first set), it comes
 * right after its parent, and siblings come by ascending client id; of two siblings from one client
 * the one integrated first comes last (Item.integrate, "case 1", breaks on an equal client id).
 * The last item is therefore reached from the root by stepping each time to the last child.
 *
 * In the server's list the current value is last, so among the existing items the last child at
 * each step is the path from the root to the current value; the update can only add children. A
 * node is one clock: a struct of length n (deleted values of one client, merged) is a chain in
 * which each clock is the parent of the next. Chains are walked by jumping from one place where
 * the update attaches something to the next, never clock by clock: a deleted struct's length costs
 * a few bytes in an update and may be huge.
 */
import * as Y from 'yjs';

interface Node {
  client: number;
  clock: number;
}

/** Consecutive clocks of one client, each the parent of the next. */
interface Segment {
  client: number;
  from: number;
  to: number;
  /** For the update's segments: whether their values survive (not deleted content). */
  content: boolean;
}

/**
 * An update's delete set, for "is this clock deleted" in logarithmic time. A client's ranges are
 * sorted and merged the first time that client is asked about: a crafted delete set need not be
 * sorted (Yjs applies every range anyway) and may be long, and a tablet's holds every client's.
 */
export class DeletedClocks {
  private readonly merged = new Map<number, { from: number; to: number }[]>();

  constructor(private readonly deletes: ReadonlyMap<number, readonly { clock: number; len: number }[]>) {}

  has({ client, clock }: Node): boolean {
    const ranges = this.rangesOf(client);
    const index = firstAtLeast(ranges, (range) => range.to > clock);
    return index < ranges.length && ranges[index]!.from <= clock;
  }

  private rangesOf(client: number): { from: number; to: number }[] {
    let merged = this.merged.get(client);
    if (merged) return merged;
    merged = [];
    for (const { clock, len } of [...(this.deletes.get(client) ?? [])].sort((a, b) => a.clock - b.clock)) {
      const last = merged.at(-1);
      if (last && clock <= last.to) last.to = Math.max(last.to, clock + len);
      else merged.push({ from: clock, to: clock + len });
    }
    this.merged.set(client, merged);
    return merged;
  }
}

const ROOT = 'root';

function keyOf(node: Node | null): string {
  return node === null ? ROOT : `${node.client}:${node.clock}`;
}

/** Of two siblings, the one that comes last. */
function later(a: Node, b: Node): boolean {
  return a.client !== b.client ? a.client > b.client : a.clock < b.clock;
}

/**
 * `current` is the key's value on the server (alive, last of its list); `added` are the update's
 * structs under the same key, not yet integrated, with right origins already refused.
 */
export function keepsValue(
  store: Y.Doc['store'],
  current: Y.Item,
  added: readonly Y.Item[],
  deleted: DeletedClocks,
): boolean | { problem: string } {
  const attached = attachments(store, added);
  const end = keyOf({ client: current.id.client, clock: current.id.clock + current.length - 1 });
  // Usually the update only hangs new values below the current one: then nothing can overtake the
  // path to it, and the walk may start at the current value without reading its ancestors.
  const above = attached.parents.some(
    (parent) => parent === null || (keyOf(parent) !== end && isIn(store, parent)),
  );
  const path = above ? pathTo(store, current) : { segments: [segmentOf(current)] };
  if ('problem' in path) return path;

  // Where the walk is: a node of `track[index]`, or the root before the first step.
  let track = path.segments;
  let index = 0;
  let at: Node | null = null;
  for (;;) {
    const segment = track[index]!;
    let nextIndex = index;
    let next: Node | undefined;
    if (at === null) next = { client: segment.client, clock: segment.from };
    else if (at.clock < segment.to) next = { client: at.client, clock: at.clock + 1 };
    else if (index + 1 < track.length) {
      nextIndex = index + 1;
      next = { client: track[nextIndex]!.client, clock: track[nextIndex]!.from };
    }
    for (const branch of attached.byParent.get(keyOf(at)) ?? []) {
      const first = { client: branch.client, clock: branch.from };
      if (next === undefined || later(first, next)) {
        next = first;
        track = [branch];
        nextIndex = 0;
      }
    }
    if (next === undefined) break;
    index = nextIndex;
    // Nothing hangs between `next` and the segment's next attachment point: jump there.
    const on = track[index]!;
    const clocks = attached.clocksByClient.get(on.client) ?? [];
    const stop: number | undefined = clocks[firstAtLeast(clocks, (clock) => clock >= next.clock)];
    at = { client: on.client, clock: stop !== undefined && stop <= on.to ? stop : on.to };
  }

  // The first step always exists (the path is never empty), so the walk ended on a node. On the
  // path, that node is the current value: alive on the server unless this update deletes it.
  return (track === path.segments || track[index]!.content) && !deleted.has(at!);
}

/** The path from the root to the current value, as segments from the root down. */
function pathTo(store: Y.Doc['store'], current: Y.Item): { segments: Segment[] } | { problem: string } {
  const segments: Segment[] = [];
  let struct = current;
  let to = current.id.clock + current.length - 1;
  for (;;) {
    if (struct.rightOrigin !== null) return { problem: 'right origin in a map entry' };
    segments.push({ ...segmentOf(struct), to });
    const origin = struct.origin;
    if (origin === null) break;
    const parent: Y.Item | Y.GC = Y.getItem(store, origin);
    if (!(parent instanceof Y.Item)) return { problem: 'garbage-collected origin' };
    struct = parent;
    to = origin.clock;
  }
  return { segments: segments.reverse() };
}

function segmentOf(item: Y.Item): Segment {
  const { client, clock } = item.id;
  return {
    client,
    from: clock,
    to: clock + item.length - 1,
    content: !(item.content instanceof Y.ContentDeleted),
  };
}

/** Whether the node is in the server's document, rather than new in the update. */
function isIn(store: Y.Doc['store'], node: Node): boolean {
  return node.clock < Y.getState(store, node.client);
}

/**
 * The update's segments by the node they hang from (key), those nodes, and the clocks where
 * something hangs, by client.
 */
function attachments(store: Y.Doc['store'], added: readonly Y.Item[]) {
  const byParent = new Map<string, Segment[]>();
  const parents: (Node | null)[] = [];
  const clocksByClient = new Map<number, number[]>();
  for (const item of added) {
    const { client, clock } = item.id;
    const from = Math.max(clock, Y.getState(store, client));
    const parent = from > clock ? { client, clock: from - 1 } : item.origin;
    push(byParent, keyOf(parent), { ...segmentOf(item), from });
    parents.push(parent);
    if (parent) push(clocksByClient, parent.client, parent.clock);
  }
  for (const clocks of clocksByClient.values()) clocks.sort((a, b) => a - b);
  return { byParent, parents, clocksByClient };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

/** The index of the first element of sorted `items` for which `atLeast` holds (binary search). */
function firstAtLeast<T>(items: readonly T[], atLeast: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (atLeast(items[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}
