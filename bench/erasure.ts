/**
 * A household's erasure on the server (issue 13, must-have 4), on the worst-case perimeter (500
 * households, every idea answered): how long POST /api/erasure/<household> takes (the erasure
 * built on a copy of the document, logged, applied, the document compacted, then both SQLite
 * databases VACUUMed and checkpointed: server/erasure.ts), and the stored size before and after
 * (every file of the data directory: documents.sqlite, tissage.sqlite, their -wal and -shm), with
 * the document's encoded state. Each run erases another household, as a facilitator would.
 *
 * `npx tsx bench/erasure.ts` prints them alone; bench/run.ts includes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { seedPerimeter } from './sync-seed';
import { startInProcess } from './sync-server';
import { median, mb, ms } from './stats';
import { syntheticPerimeter } from './synthetic';
import { printNotes, printTable } from './table';

const RUNS = 7;
/**
 * This bench's own aim (the issue sets none): the facilitator waits on the confirmation screen
 * for the answer, so it should come within a couple of seconds on the worst case.
 */
export const ERASURE_AIM_MS = 2000;

export interface ErasureFigures {
  households: number;
  runs: number[];
  median: number;
  slowest: number;
  filesBefore: number;
  filesAfter: number;
  stateBefore: number;
  stateAfter: number;
}

function dataDirBytes(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce(
      (sum, entry) =>
        sum +
        (entry.isDirectory()
          ? dataDirBytes(path.join(dir, entry.name))
          : fs.statSync(path.join(dir, entry.name)).size),
      0,
    );
}

export async function erasureFigures(): Promise<ErasureFigures> {
  const perimeter = syntheticPerimeter('worst');
  const server = await startInProcess();
  try {
    const { facilitator, token } = await seedPerimeter(server, perimeter);
    const ids = [...facilitator.doc.getMap('profiles').keys()].sort().slice(1, RUNS + 1);
    const stateBefore = Y.encodeStateAsUpdate(facilitator.doc).length;
    const filesBefore = dataDirBytes(server.dataDir);
    const runs: number[] = [];
    for (const id of ids) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/erasure/${id}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`erasure refused: ${response.status}`);
      await response.json();
      runs.push(performance.now() - started);
    }
    const filesAfter = dataDirBytes(server.dataDir);
    const profiles = facilitator.doc.getMap<{ erasedAt?: string }>('profiles');
    while (!ids.every((id) => profiles.get(id)?.erasedAt !== undefined))
      await new Promise((resolve) => setTimeout(resolve, 5));
    const stateAfter = Y.encodeStateAsUpdate(facilitator.doc).length;
    facilitator.destroy();
    return {
      households: perimeter.households,
      runs,
      median: median(runs),
      slowest: Math.max(...runs),
      filesBefore,
      filesAfter,
      stateBefore,
      stateAfter,
    };
  } finally {
    await server.stop();
  }
}

export function printErasure(e: ErasureFigures): void {
  printTable(
    `Erasure of one household on the server, worst case (${e.households} households, ${e.runs.length} runs)`,
    ['figure', 'value', 'aim'],
    [
      ['POST /api/erasure, median', ms(e.median), ms(ERASURE_AIM_MS)],
      ['POST /api/erasure, slowest', ms(e.slowest), ms(ERASURE_AIM_MS)],
      ['data directory before', mb(e.filesBefore), ''],
      [`data directory after ${e.runs.length} erasures`, mb(e.filesAfter), ''],
      ['document state before', mb(e.stateBefore), ''],
      ['document state after', mb(e.stateAfter), ''],
    ],
  );
  printNotes([
    'Each erasure: copy of the document, update logged, applied, compaction, VACUUM of both databases.',
    '"Before" holds the seed as the server stored it (its update log may not be compacted yet).',
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) printErasure(await erasureFigures());
