/**
 * 200 phones come back online at once, each with 20 answers of its own household written offline,
 * against the server running as its own process (what `npm start` runs) on the realistic
 * 500-household perimeter.
 *
 * Every phone is the app's PerimeterSync with the app's reconnect backoff, in worker threads of this
 * process (bench/sync-phones.ts). The network is cut and restored through the browser events
 * PerimeterSync listens to (`offline`, `online`), so all 200 reconnect in the same moment: the case
 * the server must survive. The server has unloaded the document by then (nobody was connected), so
 * the first reconnection loads it.
 *
 * Done means: every phone holds a `stored` acknowledgement covering its own changes, and every
 * phone's state vector equals the last stored one (so phones and the server's stored copy hold the
 * same changes). Then a fresh reader checks that no answer written offline is missing.
 */
import { availableParallelism } from 'node:os';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Device, answersHash, vectorKey } from './sync-device';
import { type PhoneReport, PhoneFleet } from './sync-phones';
import { householdIds, issueCredentials, seedPerimeter } from './sync-seed';
import { spawnServer } from './sync-server';
import { median, percentile } from './stats';
import { syntheticPerimeter } from './synthetic';

const PHONES = 200;
const ANSWERS_EACH = 20;
/** Phones joining for the first time, this many at once (a sign-up evening, not a storm). */
const JOIN_BATCH = 20;
const CONVERGE_TIMEOUT_MS = 120_000;
const PROBE_EVERY_MS = 100;

export interface Spread {
  median: number;
  p90: number;
  max: number;
}

export interface ReconnectFigures {
  households: number;
  answers: number;
  phones: number;
  answersEach: number;
  /** Worker threads the phones ran in (one per core), and how much later the last went online (ms). */
  threads: number;
  onlineSkewMs: number;
  /** The phones' first sync, `joinBatch` at a time (ms). */
  firstSyncMs: number;
  joinBatch: number;
  /** Server process memory (bytes). `peakDuringReconnect` is null where /proc refused a reset. */
  memory: {
    idle: number;
    afterSeed: number;
    peakUntilReconnect: number;
    beforeReconnect: number;
    peakDuringReconnect: number | null;
    afterReconnect: number;
  };
  /** From the `online` event (ms): every phone online, every phone's own changes stored, all agree. */
  allOnlineMs: number | null;
  allStoredMs: number | null;
  agreedMs: number | null;
  /**
   * A new WebSocket opened every PROBE_EVERY_MS from this (otherwise idle) thread while the phones
   * reconnect: how long the server took to complete its upgrade (ms). The server's own
   * responsiveness, free of the phones' busy threads.
   */
  upgradeProbes: (Spread & { count: number }) | null;
  /** Per phone, from the `online` event to its socket's opening handshake done (ms). */
  perPhoneOpened: Spread | null;
  /** Per phone, from the `online` event to sending its offline changes (ms). */
  perPhoneSent: Spread | null;
  /** Per phone, from the `online` event to the acknowledgement covering its own changes (ms). */
  perPhoneStored: Spread | null;
  /** CPU used from the `online` event until all agreed (ms): the server process, the phones' threads. */
  cpu: { server: number; phones: number };
  /** The phones' event loops meanwhile (ms): how long a message could wait to be handled. */
  eventLoopDelay: { mean: number; max: number };
  /**
   * Each distinct `stored` vector the phones received after the `online` event: when it first
   * arrived (ms) and how many phones' offline changes it covers.
   */
  stores: { atMs: number; phonesCovered: number }[];
  /** WebSockets the phones opened after the `online` event (one each when no attempt failed). */
  socketsOpened: number;
  /** `rejected` messages the phones received (forbidden, invalid, revoked). */
  rejected: number;
  /** Answers written offline that the server's final document lacks or holds with another value. */
  lostChanges: number;
  /** Phones whose state vector or answers (sorted JSON, SHA-256) differ from the fresh reader's. */
  phonesDiffering: number;
}

export async function reconnectFigures(): Promise<ReconnectFigures> {
  const perimeter = syntheticPerimeter('realistic');
  const server = await spawnServer();
  const threads = Math.max(1, availableParallelism());
  let fleet: PhoneFleet | undefined;
  let reader: Device | undefined;
  try {
    const idle = server.memory().rss;
    const seeded = await seedPerimeter(server, perimeter);
    perimeter.doc.destroy();
    const { facilitator } = seeded;
    const afterSeed = server.memory().rss;
    const households = householdIds(facilitator.doc).slice(1, PHONES + 1);
    const tokens = await issueCredentials(facilitator, perimeter.perimeterId, households);
    const expectedAnswers = facilitator.doc.getMap('answers').size;

    const joinStarted = performance.now();
    fleet = await PhoneFleet.start(
      {
        wsUrl: server.wsUrl,
        perimeterId: perimeter.perimeterId,
        phones: households.map((householdId, index) => ({
          householdId,
          token: tokens.get(householdId)!,
          index,
        })),
        expectedAnswers,
        answersEach: ANSWERS_EACH,
        joinBatch: JOIN_BATCH,
      },
      threads,
    );
    const firstSyncMs = performance.now() - joinStarted;

    // The tablet goes home, then the network goes: nobody is connected, the server unloads.
    facilitator.destroy();
    await fleet.goOffline();
    await waitForUnload(server.documentsInMemory);
    const written = await fleet.writeOffline();

    const peakUntilReconnect = server.memory().peak;
    const beforeReconnect = server.memory().rss;
    const peakReset = server.resetPeak();
    const serverCpuBefore = server.cpuMs();
    const cpuBefore = process.cpuUsage();
    const probe = probeUpgrades(server.wsUrl);
    const { started, skew, agreed } = await fleet.reconnect(CONVERGE_TIMEOUT_MS);
    const upgrades = await probe.stop();
    const cpu = { server: server.cpuMs() - serverCpuBefore, phones: cpuMs(process.cpuUsage(cpuBefore)) };
    const memory = server.memory();
    if (!agreed) console.error(`phones and server did not agree within ${CONVERGE_TIMEOUT_MS} ms`);
    const since = (at: number | null) => (at === null ? null : at - started);
    const { phones, stores, loopDelay } = await fleet.report();

    reader = new Device(server.wsUrl, perimeter.perimeterId, seeded.token);
    await reader.sync.whenSynced();
    const answers = reader.doc.getMap('answers');
    const lostChanges = [...written].filter(([key, value]) => !sameJson(answers.get(key), value)).length;
    const readerVector = vectorKey(Y.decodeStateVector(Y.encodeStateVector(reader.doc)));
    const readerHash = answersHash(reader.doc);

    return {
      households: perimeter.households,
      answers: expectedAnswers,
      phones: phones.length,
      answersEach: ANSWERS_EACH,
      threads,
      onlineSkewMs: skew,
      firstSyncMs,
      joinBatch: JOIN_BATCH,
      memory: {
        idle,
        afterSeed,
        peakUntilReconnect,
        beforeReconnect,
        peakDuringReconnect: peakReset ? memory.peak : null,
        afterReconnect: memory.rss,
      },
      allOnlineMs: since(fleet.latest('allOnlineAt')),
      allStoredMs: since(fleet.latest('allStoredAt')),
      agreedMs: agreed ? since(fleet.latest('agreedAt')) : null,
      upgradeProbes: upgrades.length === 0 ? null : { ...spread(upgrades)!, count: upgrades.length },
      perPhoneOpened: spread(
        phones.flatMap(({ openedAt }) => (openedAt === null ? [] : [openedAt - started])),
      ),
      perPhoneSent: spread(phones.flatMap(({ sentAt }) => (sentAt === null ? [] : [sentAt - started]))),
      perPhoneStored: spread(
        phones.flatMap(({ storedAt }) => (storedAt === null ? [] : [storedAt - started])),
      ),
      cpu,
      eventLoopDelay: loopDelay,
      stores: storesSeen(stores, phones, started),
      socketsOpened: phones.reduce((sum, phone) => sum + phone.sockets, 0) - phones.length,
      rejected: phones.reduce((sum, phone) => sum + phone.refusals, 0),
      lostChanges,
      phonesDiffering: phones.filter(
        (phone) => phone.vectorKey !== readerVector || phone.answersHash !== readerHash,
      ).length,
    };
  } finally {
    reader?.destroy();
    await fleet?.close();
    await server.stop();
  }
}

async function waitForUnload(documentsInMemory: () => Promise<number>): Promise<void> {
  const deadline = performance.now() + 30_000;
  while ((await documentsInMemory()) > 0) {
    if (performance.now() > deadline) throw new Error('the server kept the document loaded');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens a WebSocket to the sync endpoint, closes it once open, and again, until stopped. */
function probeUpgrades(wsUrl: string): { stop(): Promise<number[]> } {
  const took: number[] = [];
  let probing = true;
  const loop = (async () => {
    while (probing) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        const socket = new WebSocket(wsUrl);
        socket.once('open', () => {
          took.push(performance.now() - started);
          socket.close();
          resolve();
        });
        socket.once('error', () => resolve());
      });
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      probing = false;
      await loop;
      return took;
    },
  };
}

function spread(values: number[]): Spread | null {
  return values.length === 0
    ? null
    : { median: median(values), p90: percentile(values, 90), max: Math.max(...values) };
}

function cpuMs({ user, system }: NodeJS.CpuUsage): number {
  return (user + system) / 1000;
}

/** Distinct stored vectors, by first arrival, with how many phones' own changes each covers. */
function storesSeen(
  stores: { at: number; vector: [number, number][] }[],
  phones: PhoneReport[],
  started: number,
): { atMs: number; phonesCovered: number }[] {
  const first = new Map<string, { at: number; vector: Map<number, number> }>();
  for (const { at, vector } of stores) {
    const map = new Map(vector);
    const key = vectorKey(map);
    if (at < (first.get(key)?.at ?? Infinity)) first.set(key, { at, vector: map });
  }
  return [...first.values()]
    .sort((a, b) => a.at - b.at)
    .map(({ at, vector }) => ({
      atMs: at - started,
      phonesCovered: phones.filter(({ clientId, ownClock }) => (vector.get(clientId) ?? 0) >= ownClock)
        .length,
    }));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
