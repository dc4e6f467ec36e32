import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from '../../src/server/update-inspector';

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
    expect(inspectUpdate(server, second)).toEqual({ ok: false, problem: 'missing changes' });

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
