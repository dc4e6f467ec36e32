/**
 * Server throughput with 200 phones writing at once: every phone online, on the realistic
 * 500-household perimeter, answers one idea after another, each tap as soon as the server said the
 * previous one is stored. The server runs as its own process (what `npm start` runs); the phones
 * are the app's PerimeterSync in worker threads of this process (bench/sync-phones.ts).
 *
 * Every accepted update is appended to the durable log before the server forwards it to the 199
 * other phones and acknowledges it, so this measures the whole path of a change: rights check,
 * durable append, fan-out, "stored".
 *
 * The phones share this machine's cores with the server, and 200 phones' worth of Yjs work (each
 * applies every neighbour's update and decodes every acknowledgement) takes more CPU than the
 * server's: the wall-clock rate is a floor, the rate per second of server CPU its capacity.
 */
import { availableParallelism } from 'node:os';
import { PhoneFleet } from './sync-phones';
import { issueCredentials, householdIds, seedPerimeter } from './sync-seed';
import { spawnServer } from './sync-server';
import { median, percentile } from './stats';
import { syntheticPerimeter } from './synthetic';

const PHONES = 200;
const TAPS_EACH = 10;
const JOIN_BATCH = 20;
/**
 * Every one of 200 phones tapping once a second, far above a sign-up evening (a household's scan
 * is a tap every few seconds, and not all households scan at once).
 */
export const THROUGHPUT_GOAL = 200;

export interface ThroughputFigures {
  phones: number;
  tapsEach: number;
  threads: number;
  /** Updates the server accepted, logged, forwarded and acknowledged. */
  accepted: number;
  /** From the first tap to the last acknowledgement (ms). */
  elapsedMs: number;
  /** accepted / elapsed (updates per second), and the goal it is printed beside. */
  perSecond: number;
  goal: number;
  /**
   * accepted / the server's CPU time (updates per second of server CPU): what the server would
   * sustain with a core of its own, free of the phones on this machine.
   */
  perServerCpuSecond: number;
  /** Per tap, from the local write to its `stored` acknowledgement, under this load (ms). */
  saved: { median: number; p90: number; max: number };
  /** CPU time the server process used meanwhile (ms). */
  serverCpuMs: number;
  refusals: number;
}

export async function throughputFigures(): Promise<ThroughputFigures> {
  const perimeter = syntheticPerimeter('realistic');
  const server = await spawnServer();
  const threads = Math.max(1, availableParallelism());
  let fleet: PhoneFleet | undefined;
  try {
    const { facilitator } = await seedPerimeter(server, perimeter);
    perimeter.doc.destroy();
    const households = householdIds(facilitator.doc).slice(1, PHONES + 1);
    const tokens = await issueCredentials(facilitator, perimeter.perimeterId, households);
    const expectedAnswers = facilitator.doc.getMap('answers').size;
    facilitator.destroy();
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
        answersEach: 0,
        joinBatch: JOIN_BATCH,
      },
      threads,
    );
    (globalThis as { gc?: () => void }).gc?.();

    const cpuBefore = server.cpuMs();
    const tapped = await fleet.tapOnline(TAPS_EACH);
    const serverCpuMs = server.cpuMs() - cpuBefore;
    const started = Math.min(...tapped.map((t) => t.startedAt));
    const elapsedMs = Math.max(...tapped.map((t) => t.finishedAt)) - started;
    const saved = tapped.flatMap((t) => t.saved);
    const accepted = PHONES * TAPS_EACH;
    return {
      phones: PHONES,
      tapsEach: TAPS_EACH,
      threads,
      accepted,
      elapsedMs,
      perSecond: (accepted * 1000) / elapsedMs,
      goal: THROUGHPUT_GOAL,
      perServerCpuSecond: (accepted * 1000) / serverCpuMs,
      saved: { median: median(saved), p90: percentile(saved, 90), max: Math.max(...saved) },
      serverCpuMs,
      refusals: tapped.reduce((sum, t) => sum + t.refusals, 0),
    };
  } finally {
    await fleet?.close();
    await server.stop();
  }
}
