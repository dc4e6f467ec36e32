/**
 * What one client may cost the server (issue 8, faults 2 and 3): answers only to ideas that exist,
 * a message size per role checked before decoding, rates per credential and per address, no
 * awareness, and caps on the documents of one socket and the connections of one credential.
 * Attackers speak Hocuspocus's protocol on raw sockets where the provider would not do what they do.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import catalogue from '../../src/catalogue/catalogue.v1.json';
import { answerKey } from '../../src/domain';
import { DEFAULT_BUDGETS } from '../../src/server/budgets';
import {
  type Client,
  type TestServer,
  answerOf,
  at,
  facilitatorTabletPerTest,
  received,
  serverPerTest,
  setAnswer,
  signUpHousehold,
  synced,
  waitUntil,
} from './helpers';

const ideas = catalogue.ideas.map((idea) => idea.id);

/** Hocuspocus's message types and auth sub-types (@hocuspocus/server 4.7, @hocuspocus/common). */
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const AUTH_OK = 2;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const CLOSE = 7;

interface Received {
  address: string;
  type: number;
  /** For Auth: AUTH_DENIED or AUTH_OK, and the denial's reason. */
  auth?: number;
  /** For Sync: y-protocols' step (SYNC_UPDATE for a change). */
  step?: number;
  reason?: string;
}

/** A client that writes Hocuspocus frames itself, as an attacker would. */
class RawSocket {
  readonly received: Received[] = [];
  closeCode: number | undefined;

  /** Called after each message and at the close, to resolve what waits for them. */
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.received.push(parse(new Uint8Array(data)));
      for (const listener of this.listeners) listener();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const listener of this.listeners) listener();
    });
  }

  static async open(server: TestServer): Promise<RawSocket> {
    const ws = new WebSocket(server.wsUrl);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new RawSocket(ws);
  }

  send(address: string, type: number, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, address);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  /** Authenticates `address` and resolves with the server's answer. */
  async authenticate(address: string, token: string): Promise<Received> {
    this.send(address, AUTH, (encoder) => {
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, token);
    });
    const answer = () => this.received.find((m) => m.address === address && m.type === AUTH);
    // Resolved by the server's answer (or the socket's close) as it arrives: 1,000 in a row.
    await new Promise<void>((resolve) => {
      const listener = () => {
        if (answer() === undefined && this.closeCode === undefined) return;
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
      listener();
    });
    return answer() ?? { address, type: AUTH, reason: `closed ${this.closeCode}` };
  }

  sendRaw(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  close(): void {
    this.ws.terminate();
  }
}

function parse(bytes: Uint8Array): Received {
  const decoder = decoding.createDecoder(bytes);
  // The keep-alive Ping has no address.
  if (bytes.length === 1) return { address: '', type: bytes[0]! };
  const address = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === SYNC) return { address, type, step: decoding.readVarUint(decoder) };
  if (type !== AUTH) return { address, type };
  const auth = decoding.readVarUint(decoder);
  return {
    address,
    type,
    auth,
    ...(auth === AUTH_DENIED ? { reason: decoding.readVarString(decoder) } : {}),
  };
}

function isChange(message: Received): boolean {
  return message.type === SYNC && message.step === SYNC_UPDATE;
}

/** An awareness update (y-protocols awareness.js encoding): one client's state. */
function awarenessUpdate(clientId: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** `count` answers of `householdId` to ideas no catalogue or perimeter has, as one update. */
function answersToNothing(householdId: string, count: number): Uint8Array {
  const doc = new Y.Doc();
  const answers = doc.getMap('answers');
  doc.transact(() => {
    for (let i = 0; i < count; i++)
      answers.set(answerKey(householdId, `nothing-${String(i).padStart(6, '0')}`), { value: 'offer', at });
  });
  return Y.encodeStateAsUpdate(doc);
}

async function health(server: TestServer): Promise<{ status: number }> {
  const response = await fetch(`${server.url}/health`);
  return { status: response.status };
}

describe('with the default budgets', () => {
  const ctx = serverPerTest();
  const perimeter = facilitatorTabletPerTest(ctx);

  const open = (token: string): Client => ctx.connect(perimeter.perimeterId, token);

  it('refuses 300,000 answers to ideas that do not exist before decoding them, and a smaller batch in the rights check; the document does not grow', async () => {
    const { tablet, perimeterId } = perimeter;
    const token = signUpHousehold(tablet, perimeterId, 'fatima01');
    setAnswer(tablet, 'fatima01', ideas[0]!, 'seek');
    await received(tablet);
    const sizeBefore = Y.encodeStateAsUpdate(tablet.doc).length;

    // The whole flood in one message: far over a household's message size, never decoded.
    const flood = answersToNothing('fatima01', 300_000);
    expect(flood.length).toBeGreaterThan(DEFAULT_BUDGETS.householdMessageBytes);
    const attacker = await RawSocket.open(ctx.server);
    expect((await attacker.authenticate(perimeter.document, token)).auth).toBe(AUTH_OK);
    attacker.send(perimeter.document, SYNC, (encoder) => {
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, flood);
    });
    await waitUntil(() => attacker.closeCode !== undefined, 'flooding socket closed');
    // 1009 from `ws` as soon as the frame's header says its length: the socket's frame limit is a
    // household's message size (websocket.ts, which reaches into ws's and crossws's private fields
    // for it: this pins them). MessageBudget's 4413 is the check behind it.
    expect(attacker.closeCode).toBe(1009);

    // Small enough for a household's message: refused by the rights check, told to the device.
    const fatima = open(token);
    await synced(fatima);
    Y.applyUpdate(fatima.doc, answersToNothing('fatima01', 2000));
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });

    // What the server holds did not grow: a change after the floods arrives alone.
    setAnswer(tablet, 'fatima01', ideas[1]!, 'offer');
    await received(tablet);
    const reader = open(signUpHousehold(tablet, perimeterId, 'reader01'));
    await synced(reader);
    await waitUntil(() => answerOf(reader, 'fatima01', ideas[1]!) !== undefined, 'later change read');
    expect(reader.doc.getMap('answers').size).toBe(2);
    expect(Y.encodeStateAsUpdate(tablet.doc).length).toBeLessThan(sizeBefore + 2048);
    expect((await health(ctx.server)).status).toBe(200);
  });

  it("accepts a facilitator's message over a household's size: a tablet's first upload", async () => {
    const { tablet, perimeterId } = perimeter;
    const before = Y.encodeStateAsUpdate(tablet.doc);
    tablet.doc.transact(() => {
      for (let h = 0; h < 80; h++) {
        const householdId = `household-${String(h).padStart(4, '0')}`;
        signUpHousehold(tablet, perimeterId, householdId);
        for (const idea of ideas) setAnswer(tablet, householdId, idea, 'no');
      }
    });
    // One message, larger than a household may send: the socket's frame limit was raised for it.
    expect(Y.encodeStateAsUpdate(tablet.doc).length - before.length).toBeGreaterThan(
      DEFAULT_BUDGETS.householdMessageBytes,
    );
    await received(tablet);
    expect(tablet.socketCloses).toEqual([]);
    const reader = open(signUpHousehold(tablet, perimeterId, 'reader01'));
    await synced(reader);
    expect(reader.doc.getMap('answers').size).toBe(80 * ideas.length);
  });

  it('keeps an idle socket alive without awareness: the server pings, a pong is taken by the gateway', async () => {
    const { tablet, perimeterId, document } = perimeter;
    const token = signUpHousehold(tablet, perimeterId, 'fatima01');
    await received(tablet);
    const phone = await RawSocket.open(ctx.server);
    expect((await phone.authenticate(document, token)).auth).toBe(AUTH_OK);
    // Hocuspocus's connection-level Ping (9), which the provider answers with a Pong (10).
    await waitUntil(() => phone.received.some((m) => m.address === '' && m.type === 9), 'ping');
    phone.sendRaw(new Uint8Array([10]));
    setAnswer(tablet, 'fatima01', ideas[0]!, 'offer');
    await waitUntil(() => phone.received.some(isChange), 'change after the pong');
    expect(phone.closeCode).toBeUndefined();
    phone.close();
  });

  it('accepts answers to local ideas, also added in the same update', async () => {
    const { tablet, perimeterId } = perimeter;
    const local = {
      id: 'local-potager',
      theme: catalogue.themes[0]!.id,
      kind: 'exchange',
      title: 'Un potager',
      hint: '',
      createdAt: at,
    };
    tablet.doc.transact(() => {
      tablet.doc.getMap('ideas').set(local.id, local);
      signUpHousehold(tablet, perimeterId, 'fatima01');
      setAnswer(tablet, 'fatima01', local.id, 'seek');
    });
    await received(tablet);
    expect(tablet.messages.filter((m) => m.type === 'rejected')).toEqual([]);
    const reader = open(signUpHousehold(tablet, perimeterId, 'reader01'));
    await synced(reader);
    expect(answerOf(reader, 'fatima01', local.id)).toMatchObject({ value: 'seek' });
  });

  it('neither relays nor keeps large awareness states, and the sender keeps syncing', async () => {
    const { tablet, perimeterId, document } = perimeter;
    const tokens = ['aware001', 'aware002', 'aware003'].map((id) => signUpHousehold(tablet, perimeterId, id));
    const listenerToken = signUpHousehold(tablet, perimeterId, 'listen01');
    await received(tablet);
    const listener = await RawSocket.open(ctx.server);
    expect((await listener.authenticate(document, listenerToken)).auth).toBe(AUTH_OK);

    const attackers = await Promise.all(tokens.map(() => RawSocket.open(ctx.server)));
    for (const [i, attacker] of attackers.entries()) {
      expect((await attacker.authenticate(document, tokens[i]!)).auth).toBe(AUTH_OK);
      // Under a household's message size: dropped for its type, not for its size.
      const state = { user: 'x'.repeat(200 * 1024) };
      attacker.send(document, AWARENESS, (encoder) =>
        encoding.writeVarUint8Array(encoder, awarenessUpdate(1000 + i, state)),
      );
      // One socket's frames are handled in order: the answer to this question comes after the
      // awareness frame was handled.
      attacker.send(document, SYNC, (encoder) => {
        encoding.writeVarUint(encoder, SYNC_STEP_1);
        encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
      });
      await waitUntil(
        () => attacker.received.some((m) => m.type === SYNC && m.step === SYNC_STEP_2),
        'attacker answered after its awareness',
      );
    }
    // Dropped, not refused: apps from before issue 8 still send their awareness, and keep syncing.
    setAnswer(tablet, 'aware001', ideas[0]!, 'offer');
    await received(tablet);
    await waitUntil(() => listener.received.some(isChange), 'change reached the listener');
    for (const attacker of attackers)
      await waitUntil(() => attacker.received.some(isChange), 'change reached an attacker');
    expect(listener.received.filter((m) => m.type === AWARENESS)).toEqual([]);
    for (const attacker of attackers) expect(attacker.received.some((m) => m.type === CLOSE)).toBe(false);

    // Not kept either: a newcomer is sent the document's awareness on connection when it has any.
    const newcomer = await RawSocket.open(ctx.server);
    expect((await newcomer.authenticate(document, listenerToken)).auth).toBe(AUTH_OK);
    setAnswer(tablet, 'aware002', ideas[0]!, 'offer');
    await waitUntil(() => newcomer.received.some(isChange), 'change reached the newcomer');
    expect(newcomer.received.filter((m) => m.type === AWARENESS)).toEqual([]);
    for (const socket of [listener, newcomer, ...attackers]) socket.close();
  });

  it('caps the connections of one credential: a household has a few devices', async () => {
    const { tablet, perimeterId } = perimeter;
    const token = signUpHousehold(tablet, perimeterId, 'fatima01');
    await received(tablet);
    const cap = DEFAULT_BUDGETS.connectionsPerCredential;
    const devices = Array.from({ length: cap + 3 }, () => open(token));
    await waitUntil(
      () =>
        devices.filter((d) => d.provider.isSynced || d.authFailure !== undefined).length === devices.length,
      'every device answered',
    );
    expect(devices.filter((d) => d.provider.isSynced)).toHaveLength(cap);
    expect(devices.filter((d) => d.authFailure === 'too-many-connections')).toHaveLength(3);
  });
});

describe('one socket opening sessions', () => {
  // Authentications unbounded here, so that the cap on documents per socket is what cuts.
  const ctx = serverPerTest({
    budgets: { authenticationsPerCredential: 100_000, authenticationsPerAddress: 100_000 },
  });
  const perimeter = facilitatorTabletPerTest(ctx);

  it('1,000 sessions on one document are cut at the cap; each change reaches the socket at most that often', async () => {
    const { tablet, perimeterId, document } = perimeter;
    const token = signUpHousehold(tablet, perimeterId, 'fatima01');
    await received(tablet);
    const cap = DEFAULT_BUDGETS.documentsPerSocket;
    const attacker = await RawSocket.open(ctx.server);
    const answers: Received[] = [];
    // One after the other, as Hocuspocus's own cap on pending authentications would cut a burst.
    for (let session = 0; session < 1000; session++)
      answers.push(await attacker.authenticate(`${document}\0session-${session}`, token));
    expect(answers.filter((a) => a.auth === AUTH_OK)).toHaveLength(cap);
    expect(answers.filter((a) => a.reason === 'too-many-documents')).toHaveLength(1000 - cap);
    expect((await health(ctx.server)).status).toBe(200);

    setAnswer(tablet, 'fatima01', ideas[0]!, 'offer');
    await received(tablet);
    await waitUntil(() => attacker.received.filter(isChange).length >= cap, 'change reached the sessions');
    expect(attacker.received.filter(isChange)).toHaveLength(cap);
    attacker.close();

    // 996 refusals from this address: its next socket is turned away before the handshake.
    const next = new WebSocket(ctx.server.wsUrl);
    const status = await new Promise<number | undefined>((resolve) => {
      next.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      next.once('open', () => resolve(undefined));
      next.once('error', () => undefined);
    });
    expect(status).toBe(429);
    next.terminate();
    expect((await health(ctx.server)).status).toBe(200);
  });
});

describe('a household flooding with small valid updates', () => {
  const ctx = serverPerTest({ budgets: { messagesPerCredential: 20, rateWindowSeconds: 1 } });
  const perimeter = facilitatorTabletPerTest(ctx);

  it('is slowed down, not refused: its socket is closed, it reconnects and everything arrives; others keep syncing', async () => {
    const { tablet, perimeterId } = perimeter;
    const fatima = ctx.connect(perimeterId, signUpHousehold(tablet, perimeterId, 'fatima01'));
    const jean = ctx.connect(perimeterId, signUpHousehold(tablet, perimeterId, 'jean0001'));
    await synced(fatima);
    await synced(jean);

    // One message per tap, far more than 20 a second.
    for (const idea of ideas.slice(0, 80)) setAnswer(fatima, 'fatima01', idea, 'offer');
    await waitUntil(() => fatima.socketCloses.includes(4429), 'rate limit');

    setAnswer(jean, 'jean0001', ideas[0]!, 'seek');
    await waitUntil(
      () => answerOf(tablet, 'jean0001', ideas[0]!) !== undefined,
      "another household's change",
    );
    expect((await health(ctx.server)).status).toBe(200);

    // The device reconnects after its delay and sends what the server lacks: nothing is lost,
    // and nothing told it to rebuild its document.
    await waitUntil(
      () => ideas.slice(0, 80).every((idea) => answerOf(tablet, 'fatima01', idea) !== undefined),
      'every answer arrived',
      30_000,
    );
    expect(fatima.messages.filter((m) => m.type === 'rejected')).toEqual([]);
  });

  it('closes a socket over the authentication rate of its credential', async () => {
    const { tablet, perimeterId, document } = perimeter;
    const token = signUpHousehold(tablet, perimeterId, 'fatima01');
    await received(tablet);
    const attacker = await RawSocket.open(ctx.server);
    // Each refused authentication is counted too: a wrong session name costs as much as a right one.
    for (let session = 0; attacker.closeCode === undefined && session < 1000; session++)
      await attacker.authenticate(`${document}\0session-${session}`, token);
    expect(attacker.closeCode).toBe(4429);
  });
});

describe('the JSON API', () => {
  const ctx = serverPerTest({ budgets: { apiRequestsPerAddress: 5 } });

  it('answers 429 with Retry-After to an address over its /api/ rate', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () =>
        fetch(`${ctx.server.url}/api/credentials/unknown-credential`).then((r) => ({
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
        })),
      ),
    );
    const limited = statuses.filter((s) => s.status === 429);
    expect(limited).toHaveLength(1);
    expect(Number(limited[0]!.retryAfter)).toBeGreaterThan(0);
    expect((await health(ctx.server)).status).toBe(200);
  });
});
