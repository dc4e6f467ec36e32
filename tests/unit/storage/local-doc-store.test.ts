import { beforeEach, describe, expect, it } from 'vitest';
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
});
