/**
 * A fresh device's join answered from the document's encoded state (src/server/document-state.ts):
 * the device gets the server's whole document, in one sync step 2, however many join while it is
 * unchanged, and the change that follows reaches the next device that joins.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { storedDocument } from './child-server';
import {
  type Client,
  type TestServer,
  connect,
  facilitatorToken,
  perimeterRecord,
  received,
  signUpHousehold,
  startServer,
  stopServer,
  storedAll,
  synced,
  waitUntil,
} from './helpers';

let server: TestServer | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await stopServer(server);
  server = undefined;
});

function tablet(perimeterId: string, token: string): Client {
  const client = connect(server!.wsUrl, perimeterId, token);
  cleanups.push(() => client.destroy());
  return client;
}

/** A device with an empty document that counts the sync step 2 messages the server sends it. */
interface FreshDevice {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  syncStep2s: number;
}

/** Hocuspocus's `Sync` message, then y-protocols' sync step 2. */
const SYNC = 0;
const SYNC_STEP_2 = 1;

function isSyncStep2(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === SYNC && decoding.readVarUint(decoder) === SYNC_STEP_2;
  } catch {
    // Not a Hocuspocus message with a document address (a ping).
    return false;
  }
}

function freshDevice(perimeterId: string, token: string): FreshDevice {
  const device = { doc: new Y.Doc(), syncStep2s: 0 } as FreshDevice;
  // As the test helpers' devices: no permessage-deflate, so messages are read in the order sent.
  class Counting extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { perMessageDeflate: false });
      this.on('message', (data: Buffer) => {
        if (isSyncStep2(new Uint8Array(data))) device.syncStep2s++;
      });
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url: server!.wsUrl, WebSocketPolyfill: Counting });
  device.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: `perimeter:${perimeterId}`,
    token,
    document: device.doc,
    awareness: null,
  });
  device.provider.attach();
  cleanups.push(() => {
    device.provider.destroy();
    socket.destroy();
  });
  return device;
}

/** Equal documents: the same state vector, delete set and maps' contents. */
function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
  expect(Y.encodeStateAsUpdate(actual)).toEqual(Y.encodeStateAsUpdate(expected));
  for (const map of ['meta', 'profiles', 'credentials', 'answers'])
    expect(actual.getMap(map).toJSON()).toEqual(expected.getMap(map).toJSON());
}

describe("a fresh device's join", () => {
  it("gets the server's document from one encoding, and a change once it happened", async () => {
    server = await startServer();
    const { perimeterId, token } = await facilitatorToken(server);
    const facilitator = tablet(perimeterId, token);
    await synced(facilitator);
    facilitator.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    signUpHousehold(facilitator, perimeterId, 'jean0001');
    await received(facilitator);
    await waitUntil(() => storedAll(facilitator), 'stored acknowledgement');

    // The server's document: what it loaded and logged (it logs every change before applying it).
    const before = storedDocument(server.dataDir, perimeterId);
    for (const _ of [1, 2]) {
      const device = freshDevice(perimeterId, token);
      await waitUntil(() => device.provider.isSynced, 'first sync');
      expectSameDocument(device.doc, before);
      // Answered once: the cached answer replaced Hocuspocus's own, not added to it.
      expect(device.syncStep2s).toBe(1);
    }

    signUpHousehold(facilitator, perimeterId, 'marie002');
    await received(facilitator);
    await waitUntil(() => storedAll(facilitator), 'stored acknowledgement of the change');
    const after = storedDocument(server.dataDir, perimeterId);
    const next = freshDevice(perimeterId, token);
    await waitUntil(() => next.provider.isSynced, 'first sync after the change');
    expect(next.doc.getMap('profiles').has('marie002')).toBe(true);
    expectSameDocument(next.doc, after);
    expect(next.syncStep2s).toBe(1);
  });
});
