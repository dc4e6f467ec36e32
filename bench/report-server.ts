/**
 * Issue 10's server figures, each beside its goal: resident memory per loaded realistic perimeter
 * (≤ 10 MB) and a fresh phone's join of the worst case with the document in server memory
 * (≤ 0.6 s). 1 MB = 10⁶ bytes, as the issue counts.
 */
import type { Memory, MemoryFigures } from './sync-memory';
import { MEMORY_PER_REALISTIC_GOAL_BYTES } from './sync-memory';
import type { FreshPhoneFigures } from './sync-fresh-phone';
import { printNotes, printTable } from './table';

/** The goal for a fresh phone's join of the worst case, document in server memory (ms). */
export const JOIN_WORST_IN_MEMORY_GOAL_MS = 600;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function printServerMemory(figures: MemoryFigures[]): void {
  const row = (label: string, m: Memory, judged: boolean, perimeters: number | string = '', yjs = '') => [
    label,
    perimeters,
    yjs,
    mb(m.heap),
    mb(m.external),
    mb(m.rss),
    judged ? (Math.max(m.heap + m.external, m.rss) <= MEMORY_PER_REALISTIC_GOAL_BYTES ? 'yes' : 'NO') : '',
  ];
  printTable(
    'Server memory per loaded perimeter (bench/sync-memory.ts), a tablet connected to each; ' +
      `goal for a realistic perimeter ≤ ${mb(MEMORY_PER_REALISTIC_GOAL_BYTES)}`,
    ['', 'perimeters', 'Y.Doc heap', 'heap', 'external', 'resident', 'within goal'],
    figures.flatMap((f) => {
      const realistic = f.workload === 'realistic';
      return [
        row(
          `${f.workload}: per perimeter, loaded from disk`,
          f.loaded,
          realistic,
          f.perimeters,
          mb(f.yjsHeap),
        ),
        row(`${f.workload}: the same, joins' cache expired`, f.loadedIdle, realistic),
        row(`${f.workload}: per perimeter, after its first upload`, f.afterUpload, realistic),
        row(`${f.workload}: returned after unload (all)`, f.returnedAfterUnload, false),
        row(`${f.workload}: still held after unload (all)`, f.leftAfterUnload, false),
      ];
    }),
  );
  printNotes([
    'Server process after two forced collections (process.memoryUsage()); Y.Doc heap: the same',
    'document as a bare Y.Doc in the bench process. "within goal" judges the larger of heap +',
    'external and resident. V8 keeps freed pages a while, so resident memory returns later and',
    'less than heap, and its growth per perimeter is noisy (other processes share the machine).',
  ]);
}

export function printJoinGoal(f: FreshPhoneFigures): void {
  const j = f.documentInMemory;
  printTable(
    `Join, worst case, document in server memory (bench/sync-fresh-phone.ts), goal ≤ ${JOIN_WORST_IN_MEMORY_GOAL_MS} ms`,
    ['', 'median', 'msg arrived', 'applied', 'runs (ms)', 'within goal'],
    [
      [
        'fresh phone, provider created -> every answer',
        `${j.median.toFixed(0)} ms`,
        `${j.untilArrivedMedian.toFixed(0)} ms`,
        `${j.applyMedian.toFixed(0)} ms`,
        j.runs.map((run) => run.toFixed(0)).join(' '),
        j.median <= JOIN_WORST_IN_MEMORY_GOAL_MS ? 'yes' : 'NO',
      ],
      [
        'document loaded from disk first',
        `${f.documentLoadedFromDisk.median.toFixed(0)} ms`,
        `${f.documentLoadedFromDisk.untilArrivedMedian.toFixed(0)} ms`,
        `${f.documentLoadedFromDisk.applyMedian.toFixed(0)} ms`,
        f.documentLoadedFromDisk.runs.map((run) => run.toFixed(0)).join(' '),
        '',
      ],
    ],
  );
}
