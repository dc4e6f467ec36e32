/**
 * The server as its own process (`node --import tsx src/server/start.ts`), for tests that kill it,
 * and the admin command. Not through the tsx CLI: it runs the script in a child process of its
 * own, which a SIGKILL to the CLI would leave running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import * as Y from 'yjs';

const root = path.resolve(import.meta.dirname, '../..');

export interface ChildServer {
  process: ChildProcess;
  url: string;
  wsUrl: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
    cwd: root,
    // At `info` unless a test asks otherwise: the "listening on" line below is an info line.
    env: { ...process.env, TISSAGE_PORT: '0', TISSAGE_DATA_DIR: dataDir, TISSAGE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const look = () => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve(Number(match[1]));
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return { process: child, url, wsUrl: `ws://127.0.0.1:${port}/sync`, port, output: () => output, exited };
}

export async function kill(server: ChildServer, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  server.process.kill(signal);
  return server.exited;
}

/**
 * `npm run admin -- <args>` on `dataDir`, as its own process: its exit code and everything it
 * printed. `stdin`, when given, is piped to it (a passphrase, as a password manager would).
 */
export async function runAdmin(
  dataDir: string,
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', ...args], {
    cwd: root,
    env: { ...process.env, TISSAGE_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Closed at once when there is nothing to pipe: the command then reads an empty input.
  child.stdin.end(stdin);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

/**
 * The perimeter's document as documents.sqlite holds it, read without any server: the stored state
 * followed by the update log, as the server loads it; with `log: false`, the stored state alone
 * (what compaction wrote last).
 */
export function storedDocument(dataDir: string, perimeterId: string, { log = true } = {}): Y.Doc {
  const db = new BetterSqlite3(path.join(dataDir, 'documents.sqlite'));
  try {
    const name = `perimeter:${perimeterId}`;
    const row = db.prepare('SELECT data FROM documents WHERE name = ?').get(name) as
      { data: Buffer } | undefined;
    const doc = new Y.Doc();
    if (row) Y.applyUpdate(doc, row.data);
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'updates'").get();
    if (log && hasLog) {
      const logged = db.prepare('SELECT data FROM updates WHERE name = ? ORDER BY sequence').all(name) as {
        data: Buffer;
      }[];
      for (const { data } of logged) Y.applyUpdate(doc, data);
    }
    return doc;
  } finally {
    db.close();
  }
}

/** How many entries the perimeter's update log holds in documents.sqlite. */
export function loggedUpdates(dataDir: string, perimeterId: string): number {
  const db = new BetterSqlite3(path.join(dataDir, 'documents.sqlite'));
  try {
    const row = db
      .prepare('SELECT count(*) AS n FROM updates WHERE name = ?')
      .get(`perimeter:${perimeterId}`) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
