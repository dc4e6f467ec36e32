/**
 * What the server holds per loaded perimeter (issue 10, "a server that holds more perimeters"):
 * several synthetic perimeters loaded at once on the real server (`start()`, in a child process
 * started with `--expose-gc`: bench/sync-memory-server.ts), measured after two full collections.
 *
 * Three moments per workload: right after each perimeter's first upload (a tablet pushes the whole
 * perimeter in one update, as the first sync of a perimeter made offline); on a fresh server that
 * loaded them from disk because a tablet connected to each (the steady state after a restart), at
 * once and again once the encoded states a join cached were left unused for
 * ENCODED_STATE_IDLE_MS; and after the tablets left and the documents were unloaded.
 *
 * Figures are growths, divided by the number of perimeters: of the V8 heap (`heapUsed`), of the
 * memory outside it (`external`: ArrayBuffers such as encoded states and socket buffers), and of
 * the resident size (RSS, what the system lends the process), beside the heap the same document
 * takes as a bare Y.Doc in this process. The goal for a realistic perimeter is at most
 * 10 MB (1 MB = 10⁶ bytes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { ENCODED_STATE_IDLE_MS } from '../src/server/document-state';
import { Device, waitFor } from './sync-device';
import { seedPerimeter } from './sync-seed';
import { type MeasuredBenchServer, type MeasuredMemory, spawnMeasuredServer } from './sync-server';
import { heapUsed } from './stats';
import { type Workload, syntheticPerimeter } from './synthetic';

/** The goal: memory per loaded realistic perimeter, in bytes. */
export const MEMORY_PER_REALISTIC_GOAL_BYTES = 10e6;

/** Perimeters loaded at once per workload: enough to average out one-off allocations. */
const PERIMETERS: Record<Workload, number> = { realistic: 4, worst: 2 };

/** A memory figure: heap, outside the heap, resident (bytes). */
export interface Memory {
  heap: number;
  external: number;
  rss: number;
}

export interface MemoryFigures {
  workload: Workload;
  perimeters: number;
  /** The perimeter's document as a bare Y.Doc, heap retained (bytes). */
  yjsHeap: number;
  /** Per perimeter, each just uploaded whole by its tablet, which stays connected. */
  afterUpload: Memory;
  /** Per perimeter, loaded from disk as its tablet connected and synced. */
  loaded: Memory;
  /** The same, once the encoded states cached for the joins expired. */
  loadedIdle: Memory;
  /** Of the total growth, what the server gave back once every document was unloaded. */
  returnedAfterUnload: Memory;
  /** Still held after unloading, against before loading (the whole server, not per perimeter). */
  leftAfterUnload: Memory;
}

const memory = (m: MeasuredMemory): Memory => ({ heap: m.heapUsed, external: m.external, rss: m.rss });
const minus = (a: Memory, b: Memory, per = 1): Memory => ({
  heap: (a.heap - b.heap) / per,
  external: (a.external - b.external) / per,
  rss: (a.rss - b.rss) / per,
});

async function unloaded(server: MeasuredBenchServer, tablets: Device[]): Promise<void> {
  for (const tablet of tablets) tablet.destroy();
  await waitFor(async () => (await server.documentsInMemory()) === 0, 'documents unloaded', 60_000, 100);
}

/** Both workloads, realistic first; the data directory is shared by the servers and removed at the end. */
export async function memoryFigures(): Promise<MemoryFigures[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tissage-bench-memory-'));
  try {
    const perimeters: { workload: Workload; id: string; token: string; answers: number }[] = [];
    const uploads = new Map<Workload, { yjsHeap: number; afterUpload: Memory }>();
    const seeding = await spawnMeasuredServer(dataDir);
    try {
      const ids = (['realistic', 'worst'] as const).flatMap((workload) =>
        Array.from({ length: PERIMETERS[workload] }, (_, i) => `perimeter-${workload}-${i}`),
      );
      // Every token first, in quick succession: an HTTP keep-alive socket reused after a long seed
      // can meet the server closing it ("other side closed").
      const tokens = new Map<string, string>();
      for (const id of ids) tokens.set(id, await seeding.facilitatorToken(id));
      for (const workload of ['realistic', 'worst'] as const) {
        const before = memory(await seeding.measure());
        const tablets: Device[] = [];
        let yjsHeap = 0;
        for (let i = 0; i < PERIMETERS[workload]; i++) {
          const id = `perimeter-${workload}-${i}`;
          const perimeter = syntheticPerimeter(workload, 500, id);
          if (i === 0) {
            const update = Y.encodeStateAsUpdate(perimeter.doc);
            yjsHeap = heapUsed(() => {
              const doc = new Y.Doc();
              Y.applyUpdate(doc, update);
              return doc;
            });
          }
          const seeded = await seedPerimeter(seeding, perimeter, tokens.get(id));
          tablets.push(seeded.facilitator);
          perimeters.push({
            workload,
            id,
            token: seeded.token,
            answers: perimeter.doc.getMap('answers').size,
          });
          perimeter.doc.destroy();
        }
        const afterUpload = minus(memory(await seeding.measure()), before, PERIMETERS[workload]);
        uploads.set(workload, { yjsHeap, afterUpload });
        await unloaded(seeding, tablets);
      }
    } finally {
      await seeding.stop();
    }

    const figures: MemoryFigures[] = [];
    for (const workload of ['realistic', 'worst'] as const) {
      const server = await spawnMeasuredServer(dataDir);
      try {
        const mine = perimeters.filter((p) => p.workload === workload);
        const before = memory(await server.measure());
        const tablets: Device[] = [];
        for (const { id, token, answers } of mine) {
          const tablet = new Device(server.wsUrl, id, token);
          tablets.push(tablet);
          await tablet.sync.whenSynced();
          const received = tablet.doc.getMap('answers');
          await waitFor(() => received.size === answers, 'every answer on the tablet', 60_000, 5);
        }
        const loaded = memory(await server.measure());
        await sleep(ENCODED_STATE_IDLE_MS + 1000);
        const idle = memory(await server.measure());
        await unloaded(server, tablets);
        const after = memory(await server.measure());
        figures.push({
          workload,
          perimeters: mine.length,
          ...uploads.get(workload)!,
          loaded: minus(loaded, before, mine.length),
          loadedIdle: minus(idle, before, mine.length),
          returnedAfterUnload: minus(idle, after),
          leftAfterUnload: minus(after, before),
        });
      } finally {
        await server.stop();
      }
    }
    return figures;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
