/**
 * One household floods its perimeter (issue 8, fault 2): how fast `/health` answers meanwhile, and
 * whether the server's memory and stored size stay where they were.
 *
 *   node --import tsx bench/flood.ts
 *
 * `npm run bench` calls `floodFigures()` and prints the same figures beside their goals.
 *
 * The server runs as its own process (what `npm start` runs) on a realistic 500-household
 * perimeter pushed by a facilitator's tablet. Then one household credential floods for
 * FLOOD_SECONDS from FLOODERS raw sockets, each reconnecting as soon as it is closed, as an
 * attacker would: every update holds answers to ideas that exist nowhere, new ones each time (so
 * a server that accepted them would grow), alternately ~12 MB (150,000 answers, the size of the
 * update that once blocked the event loop for seconds) and just under a household's message limit.
 * Meanwhile this process asks `/health` every PROBE_MS and times each answer.
 *
 * The "largest household message" line is measured, not assumed: a phone holding the worst-case
 * perimeter (500 households × 169 answers, every answer changed once) that changed each of its
 * 169 answers twice offline, as its sync step 2 carries it (its own changes plus the whole
 * document's delete set).
 *
 * Written to run unchanged against an older commit (nothing here imports what that commit lacks),
 * for the before/after figures of the issue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { answerKey } from '../src/domain';
import { formatToken, newId, newSecret, sha256hex } from '../src/server/tokens';
import { printFlood } from './report';
import { median, percentile } from './stats';
import { type ChildBenchServer, spawnServer } from './sync-server';
import { catalogue, syntheticPerimeter } from './synthetic';

const FLOOD_SECONDS = 15;
const FLOODERS = 4;
const PROBE_MS = 20;
const HUGE_ANSWERS = 150_000;
/** Just under 512 KiB, the household message limit the server sets (src/server/budgets.ts). */
const LARGE_ANSWERS = 5_500;
const HOUSEHOLD_LIMIT_BYTES = 512 * 1024;
const at = '2026-11-21T14:00:00.000Z';

export interface FloodFigures {
  seconds: number;
  flooders: number;
  /** Update messages the flooders sent, and the bytes in them. */
  sent: number;
  sentBytes: number;
  /** Times the server closed a flooding socket. */
  closes: number;
  /** CPU time the server used during the flood (user + system, ms): its own work, beside the machine's. */
  serverCpuMs: number;
  health: { probes: number; failures: number; p50: number; p99: number; max: number; idleP99: number };
  rss: { before: number; after: number; peak: number };
  storedBytes: { before: number; after: number };
  /** The perimeter's document as a device downloads it (Y.encodeStateAsUpdate), in bytes. */
  documentBytes: { before: number; after: number };
  /** A phone's largest legitimate sync message on the worst-case perimeter, and the limit. */
  householdMessage: { bytes: number; limit: number };
}

/** Hocuspocus frame: document address, Sync (0), then y-protocols' update (2). */
function updateMessage(document: string, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, document);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Hocuspocus frame: document address, Auth (2), Token (0), the token. */
function authMessage(document: string, token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, document);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

/** `count` answers of `householdId` to ideas nobody has, from a fresh Yjs client: new each time. */
function nowhereAnswers(householdId: string, count: number, batch: number): Uint8Array {
  const doc = new Y.Doc();
  const answers = doc.getMap('answers');
  doc.transact(() => {
    for (let i = 0; i < count; i++)
      answers.set(answerKey(householdId, `nowhere-${batch}-${i}`), { value: 'offer', at });
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The largest sync message a real household sends (see the header). */
export function largestHouseholdMessage(): number {
  const { doc } = syntheticPerimeter('worst');
  const answers = doc.getMap('answers');
  const exchange = catalogue.ideas.filter((idea) => idea.kind === 'exchange');
  const households = [...doc.getMap('profiles').keys()];
  // Every other answer changed once, each household from its own device (its own client id):
  // deletes scattered across the store, the largest delete set a perimeter of this size carries.
  let clientId = 1_000_000;
  for (const householdId of households) {
    doc.clientID = clientId++;
    doc.transact(() => {
      for (const idea of exchange.filter((_, i) => i % 2 === 1))
        answers.set(answerKey(householdId, idea.id), { value: 'both', at });
    });
  }
  const server = Y.encodeStateVector(doc);
  // One household's phone, holding that document, changes each of its answers twice offline.
  doc.clientID = clientId++;
  for (const value of ['seek', 'no'] as const)
    for (const idea of exchange)
      doc.transact(() => answers.set(answerKey(households[1]!, idea.id), { value, at }));
  return updateMessage(`perimeter:${'x'.repeat(16)}`, Y.encodeStateAsUpdate(doc, server)).length;
}

function storedSize(dataDir: string): number {
  return ['documents.sqlite', 'documents.sqlite-wal']
    .map((name) => path.join(dataDir, name))
    .filter((file) => fs.existsSync(file))
    .reduce((total, file) => total + fs.statSync(file).size, 0);
}

/** A facilitator's tablet pushes the perimeter, then issues one household credential. */
async function seed(
  server: ChildBenchServer,
): Promise<{ document: string; facilitatorToken: string; householdId: string; householdToken: string }> {
  const perimeter = syntheticPerimeter('realistic');
  const token = await server.facilitatorToken(perimeter.perimeterId);
  const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill: WebSocket });
  const document = `perimeter:${perimeter.perimeterId}`;
  const doc = new Y.Doc();
  const tablet = new HocuspocusProvider({
    websocketProvider: socket,
    name: document,
    token,
    document: doc,
    awareness: null,
  });
  tablet.attach();
  await until(() => tablet.isSynced);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(perimeter.doc));
  const householdId = [...doc.getMap('profiles').keys()][1]!;
  const credentialId = newId();
  const secret = newSecret();
  doc
    .getMap('credentials')
    .set(credentialId, { householdId, secretHash: sha256hex(secret), issuedAt: at, revoked: false });
  await until(() => !tablet.hasUnsyncedChanges);
  tablet.destroy();
  socket.destroy();
  return {
    document,
    facilitatorToken: token,
    householdId,
    householdToken: formatToken({
      kind: 'household',
      perimeterId: perimeter.perimeterId,
      credentialId,
      secret,
    }),
  };
}

async function until(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('bench timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a device downloads on its first sync of the perimeter, in bytes. */
async function documentBytes(server: ChildBenchServer, document: string, token: string): Promise<number> {
  const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill: WebSocket });
  const doc = new Y.Doc();
  const reader = new HocuspocusProvider({
    websocketProvider: socket,
    name: document,
    token,
    document: doc,
    awareness: null,
  });
  reader.attach();
  try {
    await until(() => reader.isSynced);
    return Y.encodeStateAsUpdate(doc).length;
  } finally {
    reader.destroy();
    socket.destroy();
  }
}

/**
 * Times `/health` every PROBE_MS until `stop()`, from a thread of its own: the flooders' work in
 * this thread must not delay the probe's timers or the reading of its answers. A probe that fails
 * (or takes over 10 s) counts as failed, not timed.
 */
function probeHealth(url: string): { stop(): Promise<{ times: number[]; failures: number }> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     let running = true;
     parentPort.once('message', () => (running = false));
     (async () => {
       const times = [];
       let failures = 0;
       while (running) {
         const started = performance.now();
         try {
           const response = await fetch(workerData.url + '/health', { signal: AbortSignal.timeout(10000) });
           await response.arrayBuffer();
           if (response.ok) times.push(performance.now() - started);
           else failures++;
         } catch {
           failures++;
         }
         await new Promise((resolve) => setTimeout(resolve, workerData.every));
       }
       parentPort.postMessage({ times, failures });
     })();`,
    { eval: true, workerData: { url, every: PROBE_MS } },
  );
  return {
    async stop() {
      const result = new Promise<{ times: number[]; failures: number }>((resolve) =>
        worker.once('message', resolve),
      );
      worker.postMessage('stop');
      const figures = await result;
      await worker.terminate();
      return figures;
    },
  };
}

/** One flooding socket: authenticates, sends updates back to back, reopens when closed. */
async function flood(
  server: ChildBenchServer,
  document: string,
  token: string,
  updates: Uint8Array[],
  until: number,
  tally: { sent: number; bytes: number; closes: number },
): Promise<void> {
  let next = 0;
  while (Date.now() < until) {
    const ws = new WebSocket(server.wsUrl);
    await new Promise<void>((resolve) => {
      ws.once('open', () => {
        ws.send(authMessage(document, token));
        const sendMore = () => {
          // Keep at most a few messages queued in this process: the server sets the pace.
          while (
            ws.readyState === WebSocket.OPEN &&
            ws.bufferedAmount < 32 * 1024 * 1024 &&
            Date.now() < until
          ) {
            const message = updates[next++ % updates.length]!;
            tally.sent++;
            tally.bytes += message.length;
            ws.send(message);
            if (ws.bufferedAmount > 0) break;
          }
          if (ws.readyState === WebSocket.OPEN && Date.now() < until) setTimeout(sendMore, 5);
          else ws.terminate();
        };
        // After the server's answer to the authentication, as a client would.
        ws.once('message', sendMore);
      });
      ws.once('close', () => {
        tally.closes++;
        resolve();
      });
      ws.once('error', () => undefined);
    });
  }
}

export async function floodFigures(): Promise<FloodFigures> {
  const householdMessage = { bytes: largestHouseholdMessage(), limit: HOUSEHOLD_LIMIT_BYTES };
  const server = await spawnServer();
  try {
    const { document, facilitatorToken, householdId, householdToken } = await seed(server);
    const updates: Uint8Array[] = [];
    for (let batch = 0; batch < 4; batch++) {
      updates.push(updateMessage(document, nowhereAnswers(householdId, HUGE_ANSWERS, batch)));
      for (let i = 0; i < 5; i++)
        updates.push(
          updateMessage(document, nowhereAnswers(householdId, LARGE_ANSWERS, 100 + batch * 5 + i)),
        );
    }
    // Let the seed's store settle, then the quiet figures.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idle = probeHealth(server.url);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleTimes = (await idle.stop()).times;
    const before = {
      rss: server.memory().rss,
      stored: storedSize(server.dataDir),
      document: await documentBytes(server, document, facilitatorToken),
    };
    server.resetPeak();

    const tally = { sent: 0, bytes: 0, closes: 0 };
    const cpuBefore = server.cpuMs();
    const probe = probeHealth(server.url);
    const end = Date.now() + FLOOD_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: FLOODERS }, () => flood(server, document, householdToken, updates, end, tally)),
    );
    const { times, failures } = await probe.stop();
    const serverCpuMs = server.cpuMs() - cpuBefore;
    // What was accepted is stored within the store debounce (2 s at most).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { rss, peak } = server.memory();
    const sorted = [...times].sort((a, b) => a - b);
    return {
      seconds: FLOOD_SECONDS,
      flooders: FLOODERS,
      sent: tally.sent,
      sentBytes: tally.bytes,
      closes: tally.closes,
      serverCpuMs,
      health: {
        probes: times.length,
        failures,
        p50: median(sorted),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? 0,
        idleP99: percentile(
          [...idleTimes].sort((a, b) => a - b),
          99,
        ),
      },
      rss: { before: before.rss, after: rss, peak },
      storedBytes: { before: before.stored, after: storedSize(server.dataDir) },
      documentBytes: {
        before: before.document,
        after: await documentBytes(server, document, facilitatorToken),
      },
      householdMessage,
    };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printFlood(await floodFigures());
  process.exit(0);
}
