/**
 * The sync server as the sync benches run it: as its own process (`node --import tsx
 * src/server/start.ts`, what `npm start` runs), so that its memory can be read from /proc and its
 * CPU is not the bench's; or in this process through `start()`, when only latency matters.
 *
 * Each server gets a fresh data directory, removed when it stops.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerStore } from '../src/server/store';
import { type ChildServer, kill, spawnServer as spawnChildServer } from '../tests/server/child-server';
import { startServerIn } from './server-in-process';

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

export interface BenchServer {
  url: string;
  /** The sync endpoint, ws://…/sync. */
  wsUrl: string;
  dataDir: string;
  /** A facilitator token for a new perimeter that takes `perimeterId` (as a tablet that made it offline). */
  facilitatorToken(perimeterId: string): Promise<string>;
  /** How many documents the server holds in memory (GET /health). */
  documentsInMemory(): Promise<number>;
  stop(): Promise<void>;
}

export interface ChildBenchServer extends BenchServer {
  pid: number;
  /** Resident memory now and its peak (VmRSS, VmHWM), in bytes. */
  memory(): { rss: number; peak: number };
  /** Starts a new peak from the current resident size; false where /proc does not allow it. */
  resetPeak(): boolean;
  /** CPU time the server process used so far, user + system (ms). */
  cpuMs(): number;
}

function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tissage-bench-sync-'));
}

/** The server in a child process, on a free port, with the app's default settings otherwise. */
export async function spawnServer(): Promise<ChildBenchServer> {
  const dataDir = newDataDir();
  const launched = await spawnChildServer(dataDir);
  const child = launched.process;
  const pid = child.pid!;
  return {
    ...common(launched.url, dataDir, () => stopChild(launched)),
    pid,
    memory: () => {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return { rss: kibibytes(status, 'VmRSS'), peak: kibibytes(status, 'VmHWM') };
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses: clock ticks.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    },
    resetPeak: () => {
      try {
        // Linux: "5" resets the peak resident set size to the current one (proc(5), clear_refs).
        fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The server process's memory after two full collections (process.memoryUsage(), bytes). */
export type MeasuredMemory = NodeJS.MemoryUsage;

export interface MeasuredBenchServer extends BenchServer {
  /** Collects garbage twice in the server process, then reads its memory. */
  measure(): Promise<MeasuredMemory>;
}

/**
 * The real server in a child process started with `--expose-gc` (bench/sync-memory-server.ts), so
 * that its heap can be read after forced collections, not only its resident size. On `dataDir`
 * when given, kept when it stops (a later server reopens it); on a fresh directory otherwise.
 */
export async function spawnMeasuredServer(dataDir?: string): Promise<MeasuredBenchServer> {
  const dir = dataDir ?? newDataDir();
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'sync-memory-server.ts'), dir],
    { env: { ...process.env, TISSAGE_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const replies: ((reply: { url?: string; memory?: MeasuredMemory }) => void)[] = [];
  child.on('message', (reply: { url?: string; memory?: MeasuredMemory }) => replies.shift()?.(reply));
  const next = () =>
    new Promise<{ url?: string; memory?: MeasuredMemory }>((resolve) => replies.push(resolve));
  const { url } = await Promise.race([
    next(),
    exited.then(() => {
      throw new Error('measured server exited before listening');
    }),
  ]);
  const server = common(url!, dir, async () => {
    child.send({ stop: true });
    await exited;
  });
  return {
    ...server,
    stop: dataDir === undefined ? server.stop : () => (child.send({ stop: true }), exited),
    async measure() {
      const reply = next();
      child.send({ measure: true });
      return (await reply).memory!;
    },
  };
}

/** The server in this process (`start()`), with the app's default store debounce. */
export async function startInProcess(): Promise<BenchServer> {
  const dataDir = newDataDir();
  const server = await startServerIn(dataDir);
  return common(server.url, dataDir, () => server.stop());
}

function common(url: string, dataDir: string, stop: () => Promise<void>): BenchServer {
  return {
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/sync`,
    dataDir,
    facilitatorToken: (perimeterId) => facilitatorToken(url, dataDir, perimeterId),
    async documentsInMemory() {
      const health = (await (await fetch(`${url}/health`)).json()) as { documents: number };
      return health.documents;
    },
    async stop() {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What an admin does (`npm run admin`), then the tablet: an invitation, redeemed over the API. */
async function facilitatorToken(url: string, dataDir: string, perimeterId: string): Promise<string> {
  const store = ServerStore.open(dataDir);
  const { code } = store.createInvitation(store.createPerimeter('Quartier des Lilas').id);
  store.close();
  const response = await fetch(`${url}/api/invitations/redeem`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, attachPerimeterId: perimeterId }),
  });
  if (response.status !== 200) throw new Error(`redeem failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** SIGTERM, as a service manager would: the server stores every document and exits 0. */
async function stopChild(server: ChildServer): Promise<void> {
  const code = await kill(server, 'SIGTERM');
  if (code !== 0) console.error(`sync server exited with ${code}:\n${server.output()}`);
}

function kibibytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc status`);
  return Number(match[1]) * 1024;
}
