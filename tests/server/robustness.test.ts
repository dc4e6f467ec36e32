import { randomBytes } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MAX_MESSAGE_BYTES } from '../../src/server/websocket';
import {
  answerOf,
  facilitatorToken,
  received,
  setAnswer,
  signUpHousehold,
  synced,
  waitUntil,
  serverPerTest,
} from './helpers';

const ctx = serverPerTest();

/** A frame of Hocuspocus's protocol: document name, message type, then whatever follows. */
function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sends `first`; if there is a `rest`, waits for the server's first answer (authentication) and sends it. */
async function sendRaw(first: (Uint8Array | string)[], rest: Uint8Array[] = []): Promise<void> {
  const socket = new WebSocket(ctx.server.wsUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const answered = new Promise((resolve) => socket.once('message', resolve));
  for (const data of first) socket.send(data);
  if (rest.length > 0) {
    await answered;
    for (const data of rest) socket.send(data);
  }
  socket.close();
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
}

describe('hostile input', () => {
  it('survives random bytes, truncated frames and garbage updates; others keep syncing', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const name = `perimeter:${perimeterId}`;
    const auth = frame(name, (e) => {
      encoding.writeVarUint(e, 2); // Auth
      encoding.writeVarUint(e, 0); // token
      encoding.writeVarString(e, token);
    });
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    const truncatedSync = frame(name, (e) => {
      encoding.writeVarUint(e, 0); // Sync
      encoding.writeVarUint(e, 2); // update
      encoding.writeVarUint8Array(e, update);
    });
    await sendRaw([
      ...Array.from({ length: 20 }, (_, i) => randomBytes(1 + i * 37)),
      auth.slice(0, auth.length - 5),
      'plain text, not binary',
      new Uint8Array(0),
    ]);
    // Authenticated, then garbage where updates belong; one socket each, since the first refusal
    // ends the document connection.
    const garbage = [
      truncatedSync.slice(0, truncatedSync.length - 1),
      frame(name, (e) => {
        encoding.writeVarUint(e, 0); // Sync
        encoding.writeVarUint(e, 2); // update
        encoding.writeVarUint8Array(e, randomBytes(200));
      }),
      frame(name, (e) => {
        encoding.writeVarUint(e, 0); // Sync
        encoding.writeVarUint(e, 1); // step 2
        encoding.writeVarUint8Array(e, Uint8Array.from([1, 1, 5, 0, 0xff, 0xff, 0xff]));
      }),
      frame(name, (e) => encoding.writeVarUint(e, 99)),
      randomBytes(3000),
    ];
    for (const bytes of garbage) await sendRaw([auth], [bytes]);

    const health = await fetch(`${ctx.server.url}/health`);
    expect(await health.json()).toMatchObject({ ok: true });

    const tablet = ctx.connect(perimeterId, token);
    await synced(tablet);
    const phone = ctx.connect(perimeterId, signUpHousehold(tablet, perimeterId, 'fatima01'));
    await received(tablet);
    await synced(phone);
    setAnswer(phone, 'fatima01', 'cuisine-part-en-plus');
    await waitUntil(
      () => answerOf(tablet, 'fatima01', 'cuisine-part-en-plus') !== undefined,
      'answer synced',
    );
  });

  it('closes a socket that sends a message above the size cap, and keeps serving', async () => {
    const socket = new WebSocket(ctx.server.wsUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009); // Message Too Big
    expect((await fetch(`${ctx.server.url}/health`)).status).toBe(200);
  });

  it('refuses an upgrade outside /sync without disturbing the server', async () => {
    const socket = new WebSocket(ctx.server.wsUrl.replace(/\/sync$/, '/elsewhere'));
    const failure = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(failure.message).toMatch(/404/);
    expect((await fetch(`${ctx.server.url}/health`)).status).toBe(200);
  });
});
