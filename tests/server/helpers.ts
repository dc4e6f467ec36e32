/**
 * A real sync server per test, on a free port with a fresh data directory, and real Hocuspocus
 * providers talking to it over real WebSockets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type Household, type Perimeter, answerKey } from '../../src/domain';
import { type ServerMessage, parseServerMessage } from '../../src/domain/server-messages';
import type { BudgetOptions } from '../../src/server/budgets';
import { type RunningServer, type StartOptions, start } from '../../src/server/server';
import { ServerStore } from '../../src/server/store';
import { formatToken, newId, newSecret, sha256hex } from '../../src/server/tokens';

export const at = '2026-11-21T14:00:00.000Z';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tissage-server-'));
}

export interface TestServer extends RunningServer {
  dataDir: string;
  wsUrl: string;
}

export async function startServer(
  options: {
    debounce?: number;
    maxDebounce?: number;
    dataDir?: string;
    budgets?: Partial<BudgetOptions>;
    openDocuments?: StartOptions['openDocuments'];
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const server = await start({
    dataDir,
    port: 0,
    distDir: path.join(dataDir, 'no-dist'),
    debounce: options.debounce ?? 50,
    maxDebounce: options.maxDebounce ?? 500,
    ...(options.budgets ? { budgets: options.budgets } : {}),
    ...(options.openDocuments ? { openDocuments: options.openDocuments } : {}),
  });
  return { ...server, dataDir, wsUrl: `${server.url.replace(/^http/, 'ws')}/sync` };
}

export async function stopServer(server: TestServer | undefined): Promise<void> {
  if (!server) return;
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/**
 * A fresh server before each test of the file; after it, every client in `clients` destroyed and
 * the server stopped. Registered first, so a file's own `beforeEach` already has the server.
 */
export function serverPerTest(options: Parameters<typeof startServer>[0] = {}): ServerPerTest {
  let current: TestServer | undefined;
  const clients: Client[] = [];
  beforeEach(async () => {
    current = await startServer(options);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await stopServer(current);
    current = undefined;
  });
  const ctx: ServerPerTest = {
    get server() {
      if (!current) throw new Error('no server outside a test');
      return current;
    },
    clients,
    connect(perimeterId, token, doc) {
      const client = connect(ctx.server.wsUrl, perimeterId, token, doc);
      clients.push(client);
      return client;
    },
    replace(next) {
      current = next;
    },
  };
  return ctx;
}

/** The test's server and the clients torn down after it (`serverPerTest`). */
export interface ServerPerTest {
  readonly server: TestServer;
  clients: Client[];
  /** A device on `perimeterId` of this test's server (`connect`), destroyed after the test. */
  connect(perimeterId: string, token: string, doc?: Y.Doc): Client;
  /** For a test that restarts the server on the same data: the one to stop afterwards. */
  replace(next: TestServer): void;
}

/** A perimeter's facilitator tablet, connected to the test's server. */
export interface FacilitatorTablet {
  perimeterId: string;
  /** The tablet's facilitator token. */
  token: string;
  /** The perimeter's Hocuspocus document name, `perimeter:<id>`. */
  document: string;
  tablet: Client;
}

/**
 * `facilitatorTablet` before each test of the describe block it is called in (after
 * `serverPerTest`'s own hook, so the server is up). The object returned is filled anew before each
 * test: read its fields inside the test, never when the block is registered.
 */
export function facilitatorTabletPerTest(ctx: ServerPerTest): FacilitatorTablet {
  const current = { perimeterId: '', token: '', document: '' } as FacilitatorTablet;
  beforeEach(async () => {
    Object.assign(current, await facilitatorTablet(ctx));
  });
  return current;
}

/**
 * What the perimeter tests start from: an admin creates the perimeter, a tablet redeems its
 * invitation (`facilitatorToken`), connects (destroyed after the test), syncs, writes the
 * perimeter's record and waits until the server received it. Households are the test's to sign up.
 */
export async function facilitatorTablet(ctx: ServerPerTest): Promise<FacilitatorTablet> {
  const { perimeterId, token } = await facilitatorToken(ctx.server);
  const tablet = ctx.connect(perimeterId, token);
  await synced(tablet);
  tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
  await received(tablet);
  return { perimeterId, token, document: `perimeter:${perimeterId}`, tablet };
}

/** What an admin does, then a tablet: create a perimeter, redeem its invitation for a token. */
export async function facilitatorToken(
  server: Pick<TestServer, 'url' | 'dataDir'>,
  name = 'Quartier des Lilas',
): Promise<{ perimeterId: string; token: string }> {
  const store = ServerStore.open(server.dataDir);
  const perimeter = store.createPerimeter(name);
  const { code } = store.createInvitation(perimeter.id);
  store.close();
  const response = await postJson(`${server.url}/api/invitations/redeem`, { code });
  if (response.status !== 200) throw new Error(`redeem failed: ${response.status}`);
  const body = (await response.json()) as { perimeterId: string; token: string };
  return { perimeterId: body.perimeterId, token: body.token };
}

export function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  messages: ServerMessage[];
  authFailure: string | undefined;
  closed: boolean;
  /** The close code of each time the server closed this client's socket. */
  socketCloses: number[];
  destroy(): void;
}

/**
 * `ws`, not offering permessage-deflate. With it, each socket's messages inflate on zlib's thread
 * pool and the server may read a later message of one socket before an earlier one of another:
 * tests that sign a household up on the tablet and open its phone at once would race the phone's
 * sign-in against the tablet's change. tests/server/compression.test.ts and the hostile-client
 * tests (raw `ws` sockets, which offer it) cover compression.
 */
class Uncompressed extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols, { perMessageDeflate: false });
  }
}

/** A device: its own Y.Doc, synced with the perimeter's document on `server`. */
export function connect(wsUrl: string, perimeterId: string, token: string, doc = new Y.Doc()): Client {
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    WebSocketPolyfill: Uncompressed,
    // Reconnect quickly, so tests that restart a server do not wait for the default backoff.
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
    jitter: false,
  });
  const client: Client = {
    doc,
    messages: [],
    authFailure: undefined,
    closed: false,
    socketCloses: [],
    provider: new HocuspocusProvider({
      websocketProvider: socket,
      name: `perimeter:${perimeterId}`,
      token,
      document: doc,
      // As the app's provider: the server refuses awareness.
      awareness: null,
      onStateless: ({ payload }) => {
        const message = parseServerMessage(payload);
        if (message) client.messages.push(message);
      },
      onAuthenticationFailed: ({ reason }) => {
        client.authFailure = reason;
      },
      onClose: () => {
        client.closed = true;
      },
    }),
    destroy() {
      client.provider.destroy();
      socket.destroy();
    },
  };
  socket.on('disconnect', ({ event }: { event: { code: number } }) => client.socketCloses.push(event.code));
  client.provider.attach();
  return client;
}

export function profile(id: string, name: string): Household {
  return {
    id,
    name,
    place: '12 rue des Lilas',
    languages: ['fr'],
    joinedAt: at,
    sessionId: null,
    witnesses: [],
    founding: true,
    consent: { dataUse: true, shareContact: false, at },
  };
}

export const perimeterRecord = (id: string): Perimeter => ({
  id,
  name: 'Quartier des Lilas',
  places: ['12 rue des Lilas'],
  dwellings: 120,
  createdAt: at,
});

/**
 * What a facilitator's tablet does at a sign-up: writes the household's profile (with `changes`,
 * such as a consent) and a credential for it into the shared document, and hands the household
 * its token.
 */
export function signUpHousehold(
  facilitator: Client,
  perimeterId: string,
  householdId: string,
  changes: Partial<Household> = {},
): string {
  const credentialId = newId();
  const secret = newSecret();
  facilitator.doc.transact(() => {
    facilitator.doc.getMap('profiles').set(householdId, { ...profile(householdId, householdId), ...changes });
    facilitator.doc
      .getMap('credentials')
      .set(credentialId, { householdId, secretHash: sha256hex(secret), issuedAt: at, revoked: false });
  });
  return formatToken({ kind: 'household', perimeterId, credentialId, secret });
}

export function setAnswer(client: Client, householdId: string, ideaId: string, value = 'offer'): void {
  client.doc.getMap('answers').set(answerKey(householdId, ideaId), { value, at });
}

export function answerOf(client: Client, householdId: string, ideaId: string): unknown {
  return client.doc.getMap('answers').get(answerKey(householdId, ideaId));
}

/** Whether the server said it stored every change this client made (its `stored` messages). */
export function storedAll(client: Client): boolean {
  const own = Y.getState(client.doc.store, client.doc.clientID);
  return client.messages.some(
    (m) =>
      m.type === 'stored' &&
      (Y.decodeStateVector(Buffer.from(m.stateVector, 'base64')).get(client.doc.clientID) ?? 0) >= own,
  );
}

/** Resolves once the server acknowledged (SyncStatus) every change this client sent. */
export function received(client: Client): Promise<void> {
  return waitUntil(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, 'changes received');
}

export function synced(client: Client): Promise<void> {
  return waitUntil(() => client.provider.isSynced, 'first sync');
}

/** Retries until `condition` holds (vitest's retrying wait, no fixed sleep). */
export function waitUntil(condition: () => boolean, what = 'condition', timeout = 15_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!condition()) throw new Error(`still waiting for: ${what}`);
    },
    { timeout, interval: 10 },
  );
}
