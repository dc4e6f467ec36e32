import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { inspectUpdate } from '../../src/sync/update-inspector';

const answer = { value: 'offer', at: '2026-11-21T14:00:00.000Z' };

/** Everything `from` has that `to` lacks, as a sync step 2 would carry it. */
function diff(from: Y.Doc, to: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, diff(from, to));
}

/** The update of one transaction on `doc`. */
function change(doc: Y.Doc, run: () => void): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.transact(run);
  doc.off('update', capture);
  if (!update) throw new Error('no change');
  return update;
}

function touches(server: Y.Doc, update: Uint8Array) {
  const inspection = inspectUpdate(server, update);
  if (!inspection.ok) throw new Error(inspection.problem);
  return inspection.touches.map(({ map, key, values }) => ({ map, key, values }));
}

describe('inspectUpdate', () => {
  it('reads the map and key of a first set from the update itself', () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    const update = change(phone, () => phone.getMap('answers').set('fatima01/idea-a', answer));
    expect(touches(server, update)).toEqual([{ map: 'answers', key: 'fatima01/idea-a', values: [answer] }]);
  });

  it("resolves an overwrite through its origin in the server's document, and the delete it implies", () => {
    const server = new Y.Doc();
    const tablet = new Y.Doc();
    tablet.getMap('answers').set('jean0001/idea-a', answer);
    sync(tablet, server);
    const phone = new Y.Doc();
    sync(server, phone);
    const update = change(phone, () =>
      phone.getMap('answers').set('jean0001/idea-a', { ...answer, value: 'no' }),
    );
    expect(touches(server, update)).toEqual([
      { map: 'answers', key: 'jean0001/idea-a', values: [{ ...answer, value: 'no' }] },
      { map: 'answers', key: 'jean0001/idea-a', values: null },
    ]);
  });

  it('resolves origins that point earlier into the same update, across clients', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getMap('profiles').set('fatima01', { v: 1 });
    sync(a, b);
    b.getMap('profiles').set('fatima01', { v: 2 });
    b.getMap('profiles').set('fatima01', { v: 3 });
    const keys = touches(server, diff(b, server)).map(({ map, key }) => `${map}:${key}`);
    expect(new Set(keys)).toEqual(new Set(['profiles:fatima01']));
  });

  it('reports a delete, and ignores deletes the server already has', () => {
    const server = new Y.Doc();
    const tablet = new Y.Doc();
    tablet.getMap('answers').set('fatima01/idea-a', answer);
    tablet.getMap('answers').set('fatima01/idea-a', answer);
    tablet.getMap('answers').set('jean0001/idea-a', answer);
    sync(tablet, server);
    const phone = new Y.Doc();
    sync(server, phone);
    // A whole-state update repeats every delete ever made: none of them changes anything here.
    expect(touches(server, Y.encodeStateAsUpdate(phone))).toEqual([]);
    const update = change(phone, () => phone.getMap('answers').delete('jean0001/idea-a'));
    expect(touches(server, update)).toEqual([{ map: 'answers', key: 'jean0001/idea-a', values: null }]);
  });

  it('refuses what would stay pending: missing earlier changes, unknown origins, unknown deletes', () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    change(phone, () => phone.getMap('answers').set('fatima01/idea-a', answer));
    const second = change(phone, () => phone.getMap('answers').set('fatima01/idea-b', answer));
    expect(inspectUpdate(server, second)).toEqual({
      ok: false,
      problem: expect.stringMatching(/^missing changes: client \d+ from clock 1, server at 0$/),
    });

    const tablet = new Y.Doc();
    tablet.getMap('answers').set('fatima01/idea-a', answer);
    const other = new Y.Doc();
    sync(tablet, other);
    const overwrite = change(other, () => other.getMap('answers').set('fatima01/idea-a', answer));
    expect(inspectUpdate(server, overwrite)).toEqual({ ok: false, problem: 'unknown origin' });

    const deletion = change(other, () => other.getMap('answers').delete('fatima01/idea-a'));
    expect(inspectUpdate(server, deletion)).toMatchObject({ ok: false });
  });

  it('refuses nested types, list items and text', () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    const nested = change(phone, () => phone.getMap('answers').set('fatima01/idea-a', new Y.Map()));
    expect(inspectUpdate(server, nested)).toEqual({ ok: false, problem: 'not a plain value' });
    Y.applyUpdate(server, nested);
    const field = change(phone, () =>
      (phone.getMap('answers').get('fatima01/idea-a') as Y.Map<number>).set('x', 1),
    );
    expect(inspectUpdate(server, field)).toEqual({ ok: false, problem: 'nested type' });

    const fresh = new Y.Doc();
    const list = change(fresh, () => fresh.getArray('answers-list').insert(0, [answer]));
    expect(inspectUpdate(server, list)).toEqual({ ok: false, problem: 'not a map entry' });
    const writer = new Y.Doc();
    const text = change(writer, () => writer.getText('notes').insert(0, 'hello'));
    expect(inspectUpdate(server, text)).toEqual({ ok: false, problem: 'not a plain value' });
  });

  it('sees nothing in an update the server already has, and refuses bytes that are no update', () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    const update = change(phone, () => phone.getMap('answers').set('fatima01/idea-a', answer));
    Y.applyUpdate(server, update);
    expect(touches(server, update)).toEqual([]);
    expect(inspectUpdate(server, update.slice(0, update.length - 3))).toMatchObject({ ok: false });
    expect(inspectUpdate(server, Uint8Array.from([7, 7, 7]))).toMatchObject({ ok: false });
  });
});

describe('inspectUpdate on long histories', () => {
  it('follows a long chain of overwrites sent in one update', () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    const answers = phone.getMap('answers');
    // Interleaved with another key, so Yjs cannot merge the overwritten items into one.
    for (let i = 0; i < 20_000; i++) {
      answers.set('fatima01/idea-a', { ...answer, value: i % 2 ? 'offer' : 'no' });
      answers.set('fatima01/idea-b', answer);
    }
    const keys = new Set(touches(server, Y.encodeStateAsUpdate(phone)).map(({ key }) => key));
    expect(keys).toEqual(new Set(['fatima01/idea-a', 'fatima01/idea-b']));
  });
});

describe('inspectUpdate on records left without a value', () => {
  it('sees a plain delete, and a new value that the same update deletes again', () => {
    const server = new Y.Doc();
    const tablet = new Y.Doc();
    tablet.getMap('answers').set('fatima01/idea-a', answer);
    sync(tablet, server);
    const phone = new Y.Doc();
    sync(server, phone);
    const removed = (update: Uint8Array) => {
      const inspection = inspectUpdate(server, update);
      return inspection.ok ? inspection.removed : inspection.problem;
    };
    const overwrite = change(phone, () =>
      phone.getMap('answers').set('fatima01/idea-a', { ...answer, value: 'no' }),
    );
    expect(removed(overwrite)).toEqual([]);
    const hidden = change(phone, () => {
      phone.getMap('answers').set('fatima01/idea-a', { ...answer, value: 'seek' });
      phone.getMap('answers').delete('fatima01/idea-a');
    });
    Y.applyUpdate(server, overwrite);
    expect(removed(hidden)).toEqual([{ map: 'answers', key: 'fatima01/idea-a' }]);
  });

  it("costs nothing per clock of a deleted struct's length", () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    const answers = phone.getMap('answers');
    answers.set('fatima01/idea-a', answer);
    sync(phone, server);
    // Overwritten again and again by one client: Yjs merges the deleted values into one struct.
    for (let i = 0; i < 50_000; i++)
      answers.set('fatima01/idea-a', { ...answer, value: i % 2 ? 'no' : 'offer' });
    const started = performance.now();
    const inspection = inspectUpdate(server, diff(phone, server));
    expect(inspection).toMatchObject({ ok: true, removed: [] });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('stays linear on many records with a long, fragmented delete set', () => {
    const server = new Y.Doc();
    const tablet = new Y.Doc();
    const keys = Array.from({ length: 20_000 }, (_, i) => `household-${i}/idea-a`);
    tablet.transact(() => keys.forEach((key) => tablet.getMap('answers').set(key, answer)));
    sync(tablet, server);
    const phone = new Y.Doc();
    sync(server, phone);
    // Each key set twice: the first value of each is deleted, between two live ones.
    const update = change(phone, () =>
      keys.forEach((key) => {
        phone.getMap('answers').set(key, { ...answer, value: 'no' });
        phone.getMap('answers').set(key, { ...answer, value: 'seek' });
      }),
    );
    const started = performance.now();
    expect(inspectUpdate(server, update)).toMatchObject({ ok: true, removed: [] });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('sees a value that Yjs places before the current one, from the same client id', () => {
    const device = Object.assign(new Y.Doc(), { clientID: 7 });
    device.getMap('m').set('k', 1);
    const server = new Y.Doc();
    sync(device, server);
    // Another doc under the same client id: its first set of `k` is a sibling of the server's
    // value, integrated later, so Yjs puts it first and deletes it; deleting its own (7, 0)
    // deletes the server's value. A "new value in the same update" that hides a deletion.
    const forger = Object.assign(new Y.Doc(), { clientID: 7 });
    forger.getMap('m').set('other', 0);
    forger.getMap('m').set('k', 2);
    forger.getMap('m').delete('other');
    const update = diff(forger, server);
    expect(inspectUpdate(server, update)).toMatchObject({ ok: true, removed: [{ map: 'm', key: 'k' }] });
    Y.applyUpdate(server, update);
    expect(server.getMap('m').has('k')).toBe(false);
  });

  /**
   * Random sets and deletes on four devices with random syncs among them and the server, then one
   * device's update to the server: what the inspector says is removed is exactly what applying the
   * update removes. Deletes stand for a hostile or broken client (the app never deletes); "hide"
   * sets a new value and deletes it in one transaction; concurrent sets from different client ids
   * exercise the order in which Yjs places a key's values.
   */
  it('predicts exactly which keys an update empties', () => {
    const keys = ['k1', 'k2'];
    const device = fc.nat(3);
    const key = fc.constantFrom(...keys);
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), device, key }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, key }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('hide' as const), device, key }) },
      // Peer 4 is the server.
      {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('sync' as const), from: fc.nat(4), to: fc.nat(4) }),
      },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 }), { minLength: 5, maxLength: 5 }),
        fc.array(op, { maxLength: 30 }),
        device,
        fc.boolean(),
        (clientIds, ops, sender, lastOnly) => {
          const peers = clientIds.map((clientID) => Object.assign(new Y.Doc(), { clientID }));
          const server = peers[4]!;
          let last: Uint8Array | undefined;
          ops.forEach((o, i) => {
            if (o.kind === 'sync') {
              if (o.from !== o.to) sync(peers[o.from]!, peers[o.to]!);
              return;
            }
            const map = peers[o.device]!.getMap('m');
            if (o.kind === 'set') last = change(map.doc!, () => map.set(o.key, i));
            else if (o.kind === 'hide') last = change(map.doc!, () => (map.set(o.key, i), map.delete(o.key)));
            else if (map.has(o.key)) last = change(map.doc!, () => map.delete(o.key));
          });
          const update = lastOnly && last ? last : diff(peers[sender]!, server);
          const inspection = inspectUpdate(server, update);
          if (!inspection.ok) return; // Would stay pending: refused before any of this matters.
          const before = keys.filter((k) => server.getMap('m').has(k));
          Y.applyUpdate(server, update);
          const emptied = before.filter((k) => !server.getMap('m').has(k));
          expect(inspection.removed.map((place) => place.key).sort()).toEqual(emptied);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
