import { beforeEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { LocalDocStore } from '../../../src/sync/local-doc-store';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';

beforeEach(() => {
  freshIndexedDb();
});

describe('the local document store', () => {
  it('takes no change once closing: a refused change must not live on in the document', async () => {
    const doc = new Y.Doc();
    const store = await LocalDocStore.open('closing-doc', doc, (task, error) => {
      throw new Error(`unexpected ${task} failure: ${String(error)}`);
    });
    await store.commit(() => doc.getMap('answers').set('a/b', 1));
    // A rebuild after a refusal closes the store, then carries over what its document holds.
    const closing = store.close();
    await expect(store.commit(() => doc.getMap('answers').set('a/c', 2))).rejects.toThrow('closed');
    await closing;
    expect(doc.getMap('answers').toJSON()).toEqual({ 'a/b': 1 });
  });

  it('compacts into a new generation and deletes the older ones; a start opens the new one', async () => {
    const doc = new Y.Doc();
    const store = await LocalDocStore.open('moving-doc', doc, failOnReport);
    await store.commit(() => doc.getMap('profiles').set('zoe', { name: 'Zoé' }));
    await store.commit(() => doc.getMap('profiles').set('zoe', { erasedAt: 1 }));
    await store.compact();
    expect(await names()).toEqual(['moving-doc~1']);
    // Commits go to the new generation.
    await store.commit(() => doc.getMap('profiles').set('bruno', { name: 'Bruno' }));
    await store.close();
    expect(await reopened('moving-doc')).toEqual({ zoe: { erasedAt: 1 }, bruno: { name: 'Bruno' } });
  });

  it('after a kill before the purge, a start opens the newest whole generation and purges the rest', async () => {
    const doc = new Y.Doc();
    const store = await LocalDocStore.open('killed-doc', doc, failOnReport);
    await store.commit(() => doc.getMap('profiles').set('zoe', { name: 'Zoé' }));
    await store.compact();
    await store.commit(() => doc.getMap('profiles').set('bruno', { name: 'Bruno' }));
    await store.close();
    // What a browser killed mid-compaction leaves: generation 1 whole, generation 0 not yet
    // deleted (here an older copy), generation 2 created but not yet marked whole.
    await storeAs('killed-doc', { zoe: { name: 'Zoé' } });
    await storeAs('killed-doc~2', { zoe: { name: 'Zoé' }, other: { name: 'half-written' } });
    expect(await reopened('killed-doc')).toEqual({ zoe: { name: 'Zoé' }, bruno: { name: 'Bruno' } });
    await expect.poll(names).toEqual(['killed-doc~1', 'killed-doc~2']);
  });

  it('another tab’s store follows the document to its new generation', async () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const first = await LocalDocStore.open('shared-doc', a, failOnReport);
    const second = await LocalDocStore.open('shared-doc', b, failOnReport);
    await first.commit(() => a.getMap('profiles').set('zoe', { name: 'Zoé' }));
    // The old generation is deleted once the second store let go of it.
    await first.compact();
    expect(await names()).toEqual(['shared-doc~1']);
    await second.commit(() => b.getMap('profiles').set('bruno', { name: 'Bruno' }));
    await Promise.all([first.close(), second.close()]);
    expect(await reopened('shared-doc')).toMatchObject({ zoe: { name: 'Zoé' }, bruno: { name: 'Bruno' } });
  });

  it('clears every generation', async () => {
    const doc = new Y.Doc();
    const store = await LocalDocStore.open('cleared-doc', doc, failOnReport);
    await store.commit(() => doc.getMap('profiles').set('zoe', { name: 'Zoé' }));
    await store.compact();
    await store.close();
    await storeAs('cleared-doc', { zoe: { name: 'Zoé' } });
    await LocalDocStore.clear('cleared-doc');
    expect(await names()).toEqual([]);
  });
});

function failOnReport(task: string, error: unknown): never {
  throw new Error(`unexpected ${task} failure: ${String(error)}`);
}

async function names(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap(({ name }) => (name ? [name] : [])).sort();
}

/** The profiles a fresh store opened on `name` loads. */
async function reopened(name: string): Promise<unknown> {
  const doc = new Y.Doc();
  const store = await LocalDocStore.open(name, doc, failOnReport);
  await store.close();
  return doc.getMap('profiles').toJSON();
}

/** Writes a document holding `profiles` straight into the database `database`, as y-indexeddb does. */
async function storeAs(database: string, profiles: Record<string, unknown>): Promise<void> {
  const doc = new Y.Doc();
  for (const [key, value] of Object.entries(profiles)) doc.getMap('profiles').set(key, value);
  const persistence = new IndexeddbPersistence(database, doc);
  await persistence.whenSynced;
  await persistence.destroy();
}
