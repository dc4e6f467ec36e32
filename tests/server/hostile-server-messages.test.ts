/**
 * The device reads what the server sends as hostile until checked: a `stored` message that parses
 * but carries bytes that are not a state vector must neither throw into the provider nor move the
 * "saved" mark; the next good acknowledgement still counts.
 */
import { Server } from '@hocuspocus/server';
import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { BackgroundTask } from '../../src/domain/device-errors';
import { storedMessage } from '../../src/domain/server-messages';
import { PerimeterSync } from '../../src/sync/perimeter-sync';

const started: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

it('ignores a stored acknowledgement whose state vector does not decode, and counts the next good one', async () => {
  const good = new Y.Doc();
  good.getMap('answers').set('h/i', { answer: 'offer' });
  const server = new Server({
    port: 0,
    quiet: true,
    stopOnSignals: false,
    async connected({ connection }) {
      // Valid base64 and valid JSON, but the bytes announce more entries than they hold.
      connection.sendStateless(JSON.stringify({ type: 'stored', stateVector: btoa('\u00ff\u00ff\u00ff') }));
      connection.sendStateless(JSON.stringify({ type: 'stored', stateVector: '%%% not base64' }));
      connection.sendStateless(storedMessage(Y.encodeStateVector(good)));
    },
  });
  await server.listen();
  const reported: BackgroundTask[] = [];
  const saved: Uint8Array[] = [];
  const sync = new PerimeterSync({
    url: `ws://127.0.0.1:${server.address.port}`,
    perimeterId: 'p',
    token: 't',
    doc: new Y.Doc(),
    saveStored: async (vector) => void saved.push(vector),
    onRejected: () => undefined,
    now: () => '2026-11-29T12:00:00.000Z',
    report: (task) => void reported.push(task),
    WebSocketPolyfill: WebSocket,
  });
  started.push({ stop: async () => sync.destroy() }, { stop: () => server.destroy() });

  await expect.poll(() => saved.length).toBe(1);
  // Text that is not base64 is already refused by the shared parser; the bytes reach the decoder.
  expect(reported).toEqual(['stored-ack-garbled']);
  expect(Y.decodeStateVector(saved[0]!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(good)));
  expect(sync.status.get().storedAt).toBe('2026-11-29T12:00:00.000Z');
});
