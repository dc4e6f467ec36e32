/**
 * The real server (`start()`, as src/server/start.ts runs it) in a child process of the memory
 * bench, started with `node --expose-gc`, answering the parent over IPC: `{ measure: true }` runs
 * two full collections and replies with `process.memoryUsage()` (bytes); `{ stop: true }` stops the
 * server and exits. The parent gets `{ url }` once the server listens.
 *
 * Argument: the data directory.
 */
import path from 'node:path';
import { configFromEnv } from '../src/server/config';
import { start } from '../src/server/server';

const dataDir = process.argv[2];
if (!dataDir || !process.send)
  throw new Error('usage: spawned by bench/sync-server.ts with a data dir and IPC');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const { debounce, maxDebounce } = configFromEnv({});
const server = await start({
  dataDir,
  port: 0,
  distDir: path.join(dataDir, 'no-dist'),
  debounce,
  maxDebounce,
});
process.on('message', (message: { measure?: true; stop?: true }) => {
  if (message.measure) {
    gc();
    gc();
    process.send!({ memory: process.memoryUsage() });
  } else if (message.stop) {
    void server.stop().then(() => process.exit(0));
  }
});
process.send({ url: server.url });
