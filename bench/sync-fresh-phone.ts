/**
 * A fresh phone joins a 500-household worst-case perimeter: how long from creating its provider to
 * holding the whole document, against the bare cost of moving as many bytes over a WebSocket on
 * the same loopback in the same run.
 *
 * The server runs as its own process. Two cases: the document is already in the server's memory
 * (the facilitator's tablet is connected), or nobody is connected and the server first loads it
 * from documents.sqlite.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Device, waitFor } from './sync-device';
import { issueCredentials, seedPerimeter } from './sync-seed';
import { spawnServer } from './sync-server';
import { median } from './stats';
import { syntheticPerimeter } from './synthetic';

const RUNS = 5;

export interface FreshPhoneFigures {
  households: number;
  answers: number;
  /** The perimeter as one update, as the facilitator pushed it. */
  documentBytes: number;
  /** Facilitator's tablet: from applying the whole perimeter to the server's `stored` covering it. */
  seedPushToStoredMs: number;
  /** Bytes the phone received over its WebSocket until synced (median). */
  bytesReceived: number;
  /** From `new PerimeterSync` (which creates the provider) to synced with every answer (ms). */
  documentInMemory: Joins;
  documentLoadedFromDisk: Joins;
  /** From `new WebSocket` to receiving one binary message of `bytesReceived` bytes (ms). */
  rawWebSocket: { runs: number[]; median: number };
}

export interface Joins {
  runs: number[];
  median: number;
  /** Medians of the two parts: until the document's message arrived, then applying it. */
  untilArrivedMedian: number;
  applyMedian: number;
}

export async function freshPhoneFigures(): Promise<FreshPhoneFigures> {
  const perimeter = syntheticPerimeter('worst');
  const server = await spawnServer();
  try {
    const seeded = await seedPerimeter(server, perimeter);
    perimeter.doc.destroy();
    const [phoneHousehold] = [...seeded.facilitator.doc.getMap('profiles').keys()].sort().slice(-1);
    const tokens = await issueCredentials(seeded.facilitator, perimeter.perimeterId, [phoneHousehold!]);
    const token = tokens.get(phoneHousehold!)!;
    const expected = seeded.facilitator.doc.getMap('answers').size;

    const bytes: number[] = [];
    const join = async (): Promise<{ took: number; arrived: number }> => {
      const started = performance.now();
      const phone = new Device(server.wsUrl, perimeter.perimeterId, token);
      try {
        await phone.sync.whenSynced();
        const answers = phone.doc.getMap('answers');
        await waitFor(() => answers.size === expected, 'every answer on the phone', 60_000, 1);
        const took = performance.now() - started;
        if (phone.refusals.length > 0) throw new Error(`phone refused: ${phone.refusals.join(', ')}`);
        bytes.push(phone.traffic.bytesIn);
        return { took, arrived: phone.traffic.largestAt - started };
      } finally {
        phone.destroy();
      }
    };

    const inMemory: { took: number; arrived: number }[] = [];
    for (let i = 0; i < RUNS; i++) inMemory.push(await join());

    // The tablet leaves: the server stores and unloads the document; each phone then loads it.
    seeded.facilitator.destroy();
    const fromDisk: { took: number; arrived: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      await waitFor(async () => (await server.documentsInMemory()) === 0, 'document unloaded', 30_000, 20);
      fromDisk.push(await join());
    }

    const size = median(bytes);
    const raw = await rawWebSocketRuns(size);
    return {
      households: perimeter.households,
      answers: expected,
      documentBytes: seeded.bytes,
      seedPushToStoredMs: seeded.pushToStoredMs,
      bytesReceived: size,
      documentInMemory: joins(inMemory),
      documentLoadedFromDisk: joins(fromDisk),
      rawWebSocket: { runs: raw, median: median(raw) },
    };
  } finally {
    await server.stop();
  }
}

function joins(runs: { took: number; arrived: number }[]): Joins {
  return {
    runs: runs.map((run) => run.took),
    median: median(runs.map((run) => run.took)),
    untilArrivedMedian: median(runs.map((run) => run.arrived)),
    applyMedian: median(runs.map((run) => run.took - run.arrived)),
  };
}

/** A bare `ws` server that sends each new client one binary message of `size` bytes. */
async function rawWebSocketRuns(size: number): Promise<number[]> {
  const payload = Buffer.alloc(size, 0x5a);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => socket.send(payload));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  try {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await new Promise<number>((resolve, reject) => {
          const started = performance.now();
          const client = new WebSocket(url);
          client.binaryType = 'arraybuffer';
          client.once('message', (data: ArrayBuffer) => {
            const took = performance.now() - started;
            client.close();
            if (data.byteLength === size) resolve(took);
            else reject(new Error(`received ${data.byteLength} bytes, sent ${size}`));
          });
          client.once('error', reject);
        }),
      );
    }
    return runs;
  } finally {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}

/** What a fresh phone receives until it holds the whole perimeter, on the wire and as messages. */
export interface FreshPhoneBytes {
  workload: 'realistic' | 'worst';
  households: number;
  /** Bytes of the messages, as the app reads them: what the wire carried without compression. */
  messageBytes: number;
  /** Bytes read from the TCP socket (HTTP upgrade, frame headers, permessage-deflate). */
  wireBytes: number;
  /** The `Sec-WebSocket-Extensions` the server answered with, or '' when none was negotiated. */
  extensions: string;
}

/**
 * One fresh phone joins a seeded perimeter of `workload` on a server in its own process, offering
 * permessage-deflate as browsers do; the issue's goals are ≤ 0.2 MB (realistic) and ≤ 0.8 MB
 * (worst case) on the wire.
 */
export async function freshPhoneBytes(workload: 'realistic' | 'worst'): Promise<FreshPhoneBytes> {
  const perimeter = syntheticPerimeter(workload);
  const server = await spawnServer();
  try {
    const seeded = await seedPerimeter(server, perimeter);
    perimeter.doc.destroy();
    const [phoneHousehold] = [...seeded.facilitator.doc.getMap('profiles').keys()].sort().slice(-1);
    const tokens = await issueCredentials(seeded.facilitator, perimeter.perimeterId, [phoneHousehold!]);
    const expected = seeded.facilitator.doc.getMap('answers').size;
    const phone = new Device(server.wsUrl, perimeter.perimeterId, tokens.get(phoneHousehold!)!);
    try {
      await phone.sync.whenSynced();
      const answers = phone.doc.getMap('answers');
      await waitFor(() => answers.size === expected, 'every answer on the phone', 60_000, 1);
      return {
        workload,
        households: perimeter.households,
        messageBytes: phone.traffic.bytesIn,
        wireBytes: phone.traffic.wireBytesIn,
        extensions: phone.traffic.extensions,
      };
    } finally {
      phone.destroy();
      seeded.facilitator.destroy();
    }
  } finally {
    await server.stop();
  }
}
