/**
 * From a change on the tablet to "saved": the server's `stored` acknowledgement covering it, on an
 * otherwise idle server running in this process, with the app's default store debounce (300 ms of
 * quiet, at most 2 s). The tablet is connected and has pushed the perimeter first. The server sends
 * the acknowledgement once the change is in its durable update log; the debounced store of the
 * whole document only compacts that log, but it runs on the same event loop, so a change that
 * arrives during one waits for it (the document's size shows there).
 */
import { seedPerimeter, tapAnswer } from './sync-seed';
import { startInProcess } from './sync-server';
import { median, percentile } from './stats';
import { type Workload, syntheticPerimeter } from './synthetic';
import { configFromEnv } from '../src/server/config';

const SINGLE_CHANGES = 30;
/** Between two single changes, so that each one meets an idle server. */
const PAUSE_MS = 50;
const BURSTS = 5;
const BURST_CHANGES = 10;
/** A fast scan: one tap every 100 ms, well inside the debounce. */
const BURST_SPACING_MS = 100;

export interface SavedFigures {
  workload: Workload;
  answers: number;
  debounceMs: number;
  maxDebounceMs: number;
  /** One change at a time: from the local write to the acknowledgement covering it (ms). */
  single: { runs: number[]; median: number; p90: number; max: number };
  /** BURST_CHANGES taps BURST_SPACING_MS apart; medians over the bursts (ms). */
  burst: { changes: number; spacingMs: number; fromLastMedian: number; fromFirstMedian: number };
}

export async function savedFigures(workload: Workload): Promise<SavedFigures> {
  const perimeter = syntheticPerimeter(workload);
  const server = await startInProcess();
  const { debounce, maxDebounce } = configFromEnv({});
  try {
    const { facilitator } = await seedPerimeter(server, perimeter);
    perimeter.doc.destroy();
    const households = [...facilitator.doc.getMap('profiles').keys()].sort();
    let tap = 0;
    const change = () => tapAnswer(facilitator.doc, households[tap % households.length]!, tap++);
    const saved = () => facilitator.whenStored(() => facilitator.ownChangesStored());
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    const single: number[] = [];
    for (let i = 0; i < SINGLE_CHANGES; i++) {
      await pause(PAUSE_MS);
      const started = performance.now();
      change();
      single.push((await saved()) - started);
    }

    const fromLast: number[] = [];
    const fromFirst: number[] = [];
    for (let b = 0; b < BURSTS; b++) {
      await pause(PAUSE_MS);
      const first = performance.now();
      let last = first;
      for (let i = 0; i < BURST_CHANGES; i++) {
        if (i > 0) await pause(BURST_SPACING_MS);
        last = performance.now();
        change();
      }
      const at = await saved();
      fromLast.push(at - last);
      fromFirst.push(at - first);
    }
    if (facilitator.refusals.length > 0) throw new Error(`refused: ${facilitator.refusals.join(', ')}`);
    facilitator.destroy();
    return {
      workload,
      answers: perimeter.answers,
      debounceMs: debounce,
      maxDebounceMs: maxDebounce,
      single: {
        runs: single,
        median: median(single),
        p90: percentile(single, 90),
        max: Math.max(...single),
      },
      burst: {
        changes: BURST_CHANGES,
        spacingMs: BURST_SPACING_MS,
        fromLastMedian: median(fromLast),
        fromFirstMedian: median(fromFirst),
      },
    };
  } finally {
    await server.stop();
  }
}
