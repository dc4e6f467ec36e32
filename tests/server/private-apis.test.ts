/**
 * Behaviour of Yjs, Hocuspocus and its provider that the code relies on beyond their documented
 * APIs: fields with an underscore, functions Yjs exports for its own use, Hocuspocus methods its
 * documentation does not list, and a provider method the device overrides. One test per
 * assumption, named for it and for the file that relies on it, so that an upgrade that changes
 * one fails here, by name, rather than as a rights check that lets a write through or a change
 * that never leaves a phone.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  type Document,
  Hocuspocus,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
  Server,
} from '@hocuspocus/server';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

/** Each update `change` makes on `doc`, as sent over the wire. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  change();
  doc.off('update', capture);
  return updates;
}

describe('Yjs internals', () => {
  it('YMap._map holds each key’s current item, kept and marked deleted once the key is deleted (rights-check.ts, update-inspector.ts)', () => {
    const map = new Y.Doc().getMap('ideas');
    map.set('idea-1', 'first');
    const first = map._map.get('idea-1');
    expect(first).toBeInstanceOf(Y.Item);
    expect(first?.content.getContent()).toEqual(['first']);
    expect(first?.deleted).toBe(false);

    map.set('idea-1', 'second');
    const second = map._map.get('idea-1');
    expect(second).not.toBe(first);
    expect(second?.content.getContent()).toEqual(['second']);
    expect(first?.deleted).toBe(true);

    // Deleted items may be merged by garbage collection: the key keeps an item, marked deleted.
    map.delete('idea-1');
    expect(map._map.get('idea-1')?.deleted).toBe(true);
  });

  it('a root type received in an update is in doc.share with its _map before anyone calls getMap, and share.get creates nothing (update-inspector.ts)', () => {
    const source = new Y.Doc();
    source.getMap('ideas').set('idea-1', 'local');
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(source));

    expect(server.share.get('ideas')?._map.get('idea-1')?.content.getContent()).toEqual(['local']);
    expect(server.share.get('not-a-map')).toBeUndefined();
    expect(server.share.has('not-a-map')).toBe(false);
  });

  it('a root type’s _item is null and a nested type’s is the item holding it (update-inspector.ts)', () => {
    const doc = new Y.Doc();
    const root = doc.getMap('answers');
    const nested = new Y.Map();
    root.set('nested', nested);
    expect(root._item).toBeNull();
    expect(nested._item).toBe(root._map.get('nested'));
    expect(Y.findRootTypeKey(root)).toBe('answers');
  });

  it('doc.store.clients keeps, per client id that wrote, its structs in clock order without gaps (update-inspector.ts, document-index.ts)', () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    doc.getMap('answers').set('a', 1);
    other.getText('notes').insert(0, 'hello');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    doc.getMap('answers').set('a', 2);

    expect(new Set(doc.store.clients.keys())).toEqual(new Set([doc.clientID, other.clientID]));
    for (const structs of doc.store.clients.values()) {
      let clock = 0;
      for (const struct of structs) {
        expect(struct.id.clock).toBe(clock);
        clock += struct.length;
      }
    }
  });

  it('findIndexSS finds the index of the struct that holds a clock, inside long structs too (update-inspector.ts)', () => {
    const doc = new Y.Doc();
    const text = doc.getText('notes');
    const map = doc.getMap('answers');
    // Separate transactions, so the store holds several structs, one of them five clocks long.
    doc.transact(() => map.set('a', 1));
    doc.transact(() => text.insert(0, 'hello'));
    doc.transact(() => map.set('b', 2));
    doc.transact(() => text.insert(5, '!'));
    const structs = doc.store.clients.get(doc.clientID) ?? [];
    expect(structs.some((struct) => struct.length > 1)).toBe(true);

    structs.forEach((struct, index) => {
      for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
        expect(Y.findIndexSS(structs, clock)).toBe(index);
      }
    });
  });

  it('getItem returns the struct that holds an id, an item even inside a longer one (update-inspector.ts, last-value.ts)', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'hello');
    doc.getMap('answers').set('a', 1);
    for (const struct of doc.store.clients.get(doc.clientID) ?? []) {
      const last = Y.createID(doc.clientID, struct.id.clock + struct.length - 1);
      expect(Y.getItem(doc.store, last)).toBe(struct);
    }
  });

  it('Y.decodeUpdate gives a first set its map as parent and key as parentSub, an overwrite only its origin and a delete range, and a map entry no right origin (update-inspector.ts, last-value.ts)', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('answers');
    const [first] = updatesOf(doc, () => map.set('h1/idea-1', 'yes'));
    const [overwrite] = updatesOf(doc, () => map.set('h1/idea-1', 'no'));

    const set = Y.decodeUpdate(first!).structs[0];
    expect(set).toBeInstanceOf(Y.Item);
    const item = set as Y.Item;
    expect(item.origin).toBeNull();
    expect(item.rightOrigin).toBeNull();
    expect(item.parent).toBe('answers');
    expect(item.parentSub).toBe('h1/idea-1');
    expect(item.content).toBeInstanceOf(Y.ContentAny);
    expect((item.content as Y.ContentAny).arr).toEqual(['yes']);

    const decoded = Y.decodeUpdate(overwrite!);
    const next = decoded.structs[0] as Y.Item;
    expect(next.origin).toEqual(item.id);
    expect(next.rightOrigin).toBeNull();
    expect(next.parent).toBeNull();
    expect((next.content as Y.ContentAny).arr).toEqual(['no']);
    expect(decoded.ds.clients.get(doc.clientID)).toEqual([
      expect.objectContaining({ clock: item.id.clock, len: 1 }),
    ]);
  });

  it('Y.decodeUpdate shows a gap in a merged update as a Y.Skip (update-inspector.ts)', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('answers');
    const [first, , third] = updatesOf(doc, () => {
      for (const key of ['a', 'b', 'c']) doc.transact(() => map.set(key, key));
    });
    const structs = Y.decodeUpdate(Y.mergeUpdates([first!, third!])).structs;
    expect(structs.some((struct) => struct instanceof Y.Skip)).toBe(true);
  });
});

describe('Hocuspocus server internals (sync.ts, document-holds.ts)', () => {
  /** A Hocuspocus without network, whose documents load through `onLoadDocument`. */
  function hocuspocus(extension: object = {}): Hocuspocus {
    return new Hocuspocus({ quiet: true, debounce: 60_000, maxDebounce: 60_000, extensions: [extension] });
  }

  function create(instance: Hocuspocus, name: string, context: object = {}): Promise<Document> {
    return instance.createDocument(
      name,
      new Request('http://localhost/'),
      'server',
      { readOnly: true, isAuthenticated: true },
      context,
    );
  }

  it('createDocument loads a document once through onLoadDocument with the given context, shares that load between concurrent callers, lists it in loadingDocuments meanwhile and in documents after', async () => {
    const loads: unknown[] = [];
    const instance = hocuspocus({
      async onLoadDocument({ document, context }: onLoadDocumentPayload) {
        loads.push(context);
        document.getMap('answers').set('loaded', true);
      },
    });
    const context = { reason: 'pinned' };
    const first = create(instance, 'perimeter:p1', context);
    expect(instance.loadingDocuments.has('perimeter:p1')).toBe(true);
    const second = create(instance, 'perimeter:p1');
    const [a, b] = await Promise.all([first, second]);

    expect(a).toBe(b);
    expect(loads).toEqual([context]);
    expect(instance.loadingDocuments.has('perimeter:p1')).toBe(false);
    expect(instance.documents.get('perimeter:p1')).toBe(a);
    expect(a.getMap('answers').get('loaded')).toBe(true);
    expect(await create(instance, 'perimeter:p1')).toBe(a);
    expect(loads).toHaveLength(1);
  });

  it('a document held with addDirectConnection counts as connected and unloadDocument leaves it until removeDirectConnection', async () => {
    const instance = hocuspocus();
    const document = await create(instance, 'perimeter:p2');
    document.addDirectConnection();
    expect(document.getConnectionsCount()).toBe(1);
    await instance.unloadDocument(document);
    expect(instance.documents.get('perimeter:p2')).toBe(document);

    document.removeDirectConnection();
    expect(document.getConnectionsCount()).toBe(0);
    await instance.unloadDocument(document);
    expect(instance.documents.has('perimeter:p2')).toBe(false);
  });

  it('storeDocumentHooks(document, payload, true) runs onStoreDocument then afterStoreDocument with that payload at once, and settles only after both', async () => {
    const calls: string[] = [];
    let received: onStoreDocumentPayload | undefined;
    const instance = hocuspocus({
      async onStoreDocument(payload: onStoreDocumentPayload) {
        // A store that takes a while: the caller must still wait for its end.
        await new Promise((resolve) => setImmediate(resolve));
        received = payload;
        calls.push('onStoreDocument');
      },
      async afterStoreDocument() {
        calls.push('afterStoreDocument');
      },
    });
    const document = await create(instance, 'perimeter:p3');
    const payload: onStoreDocumentPayload = {
      clientsCount: document.getConnectionsCount(),
      document,
      documentName: document.name,
      instance,
      lastContext: {},
      lastTransactionOrigin: { source: 'local' },
    };

    await instance.storeDocumentHooks(document, payload, true);
    expect(calls).toEqual(['onStoreDocument', 'afterStoreDocument']);
    expect(received).toBe(payload);
    expect(received?.document).toBe(document);
    expect(received?.documentName).toBe('perimeter:p3');
  });
});

describe('HocuspocusProvider.documentUpdateHandler (handshake-first-provider.ts)', () => {
  const started: Server[] = [];
  const providers: HocuspocusProvider[] = [];

  afterEach(async () => {
    for (const provider of providers.splice(0)) {
      provider.configuration.websocketProvider.destroy();
      provider.destroy();
    }
    for (const server of started.splice(0)) await server.destroy();
  });

  /** A stock Hocuspocus server on a free port: what is pinned here is the provider. */
  async function stockServer(): Promise<Server> {
    const server = new Server({ port: 0, quiet: true, stopOnSignals: false });
    started.push(server);
    await server.listen();
    return server;
  }

  /** A provider that records the origin of every update its handler hears, and may hold them back. */
  class Recording extends HocuspocusProvider {
    readonly heard: unknown[] = [];
    holding = false;

    override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
      this.heard.push(origin);
      if (!this.holding) super.documentUpdateHandler(update, origin);
    }
  }

  async function connect(server: Server, doc = new Y.Doc()): Promise<Recording> {
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${server.address.port}`,
      WebSocketPolyfill: WebSocket,
    });
    const provider = new Recording({ websocketProvider, name: 'perimeter:pinned', document: doc });
    providers.push(provider);
    // A provider given its socket waits to be attached to it.
    provider.attach();
    await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
    return provider;
  }

  function serverAnswers(server: Server): Y.Map<unknown> | undefined {
    return server.hocuspocus.documents.get('perimeter:pinned')?.getMap('answers');
  }

  it('an override hears every local update with its origin and super sends it; once synced, isSynced is true on an open socket', async () => {
    const server = await stockServer();
    const provider = await connect(server);
    expect(provider.isSynced).toBe(true);
    expect(provider.configuration.websocketProvider.webSocket?.readyState).toBe(WebSocket.OPEN);

    provider.document.transact(() => provider.document.getMap('answers').set('a', 1), 'local change');
    expect(provider.heard).toContain('local change');
    await expect.poll(() => serverAnswers(server)?.get('a')).toBe(1);
  });

  it('an update the provider applies from the server reaches the handler with the provider as its origin', async () => {
    const server = await stockServer();
    const provider = await connect(server);
    const other = await connect(server);
    other.document.getMap('answers').set('b', 2);
    await expect.poll(() => provider.document.getMap('answers').get('b')).toBe(2);
    expect(provider.heard).toContain(provider);
  });

  it('forceSync carries to the server a change the handler held back', async () => {
    const server = await stockServer();
    const provider = await connect(server);
    provider.holding = true;
    provider.document.getMap('answers').set('held', true);
    provider.holding = false;
    provider.forceSync();
    await expect.poll(() => serverAnswers(server)?.get('held')).toBe(true);
  });
});
