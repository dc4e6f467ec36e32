/**
 * Lighthouse mobile (its default form factor: a Moto G Power's screen, 4× slower CPU, a slow 4G
 * link) against the built app as the real server sends it (tests/e2e/sync-harness.ts: src/server on
 * a free port, precompressed files), in Debian's Chromium (CHROME_PATH=/usr/bin/chromium; never a
 * downloaded browser), with a fresh profile each run: a new device's first visit.
 *
 * Two throttling methods, both Lighthouse's own: `devtools` slows the real page load down (the LCP
 * of issue 10's goal, ≤ 1.5 s) and `simulate` loads at full speed and computes the times a slow
 * phone would see (the mode of the score-100 goal). Lighthouse 12.8.2: 13 declares Node ≥ 22.19.
 * Throttling presets: https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startSyncServer } from '../tests/e2e/sync-harness';
import { chromiumArgs } from '../vite.config';
import { printNotes, printTable } from './table';

const run = promisify(execFile);
const LIGHTHOUSE = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));

export type Throttling = 'devtools' | 'simulate';

/** One Lighthouse run: times in milliseconds, CLS unitless, score 0–100. */
export interface LighthouseRun {
  throttling: Throttling;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  score: number;
  /** The element Lighthouse took as the largest contentful paint (its selector). */
  lcpElement: string;
}

interface LighthouseResult {
  lighthouseVersion: string;
  categories: { performance: { score: number } };
  audits: Record<
    string,
    { numericValue?: number; details?: { items?: { items?: { node?: { selector?: string } }[] }[] } }
  >;
}

/**
 * Runs Lighthouse's CLI once on `url`.
 * @throws Error when Lighthouse fails (its stderr in the message) or reports no performance score.
 */
export async function lighthouseRun(url: string, throttling: Throttling): Promise<LighthouseRun> {
  const profile = mkdtempSync(join(tmpdir(), 'tissage-lighthouse-'));
  try {
    const flags = ['--headless=new', '--no-sandbox', ...chromiumArgs, `--user-data-dir=${profile}`];
    const { stdout } = await run(
      process.execPath,
      [
        LIGHTHOUSE,
        url,
        `--chrome-flags=${flags.join(' ')}`,
        '--only-categories=performance',
        `--throttling-method=${throttling}`,
        '--output=json',
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout) as LighthouseResult;
    const value = (id: string) => result.audits[id]?.numericValue ?? Number.NaN;
    const score = result.categories.performance.score;
    if (typeof score !== 'number')
      throw new Error(`lighthouse ${result.lighthouseVersion}: no performance score`);
    const element = result.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0];
    return {
      throttling,
      lcpMs: value('largest-contentful-paint'),
      fcpMs: value('first-contentful-paint'),
      cls: value('cumulative-layout-shift'),
      score: Math.round(score * 100),
      lcpElement: element?.node?.selector ?? '?',
    };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Both throttling methods, `times` runs each, in turn. */
export async function lighthouseFigures(url: string, times = 2): Promise<LighthouseRun[]> {
  const runs: LighthouseRun[] = [];
  for (const throttling of ['devtools', 'simulate'] as const) {
    for (let i = 0; i < times; i += 1) runs.push(await lighthouseRun(url, throttling));
  }
  return runs;
}

/** Issue 10's goals: LCP with devtools throttling, and the performance score in simulated mode. */
export const LCP_GOAL_MS = 1500;
export const SCORE_GOAL = 100;
/** Issue 10's must-have 3: hydration moves nothing. */
export const CLS_GOAL = 0.02;

export function printLighthouse(runs: LighthouseRun[], version: string): void {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  printTable(
    `Lighthouse ${version} mobile, a new device's first visit, served by the real server`,
    ['throttling', 'LCP', 'LCP goal', 'FCP', 'CLS', 'CLS goal', 'score', 'score goal', 'LCP element'],
    runs.map((r) => [
      r.throttling,
      `${(r.lcpMs / 1000).toFixed(2)} s`,
      r.throttling === 'devtools' ? `≤ 1.5 s ${pass(r.lcpMs <= LCP_GOAL_MS)}` : '',
      `${(r.fcpMs / 1000).toFixed(2)} s`,
      r.cls.toFixed(3),
      `< ${CLS_GOAL} ${pass(r.cls < CLS_GOAL)}`,
      r.score,
      r.throttling === 'simulate' ? `${SCORE_GOAL} ${pass(r.score >= SCORE_GOAL)}` : '',
      r.lcpElement,
    ]),
  );
  printNotes([
    'devtools: the load really slowed down (150 ms RTT, 1.6 Mbit/s, CPU 4x); simulate: a fast load, times',
    'computed for that phone. Each run has a fresh profile (no service worker, nothing cached). 2 shared',
    'cores here: times move between runs, run it twice.',
  ]);
}

/** The installed Lighthouse's version, for the table's title. */
export async function lighthouseVersion(): Promise<string> {
  const { stdout } = await run(process.execPath, [LIGHTHOUSE, '--version']);
  return stdout.trim();
}

/** On its own: `npm run build && node --import tsx bench/lighthouse.ts`. */
async function main(): Promise<void> {
  const server = await startSyncServer();
  try {
    printLighthouse(await lighthouseFigures(server.url), await lighthouseVersion());
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
