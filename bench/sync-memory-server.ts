/**
 * The real server (`start()`, as src/server/start.ts runs it) in a child process of the memory
 * bench, started with `node --expose-gc`, answering the parent over IPC: `{ measure: true }` runs
 * two full collections and replies with `process.memoryUsage()` (bytes); `{ stop: true }` stops the
 * server and exits. The parent gets `{ url }` once the server listens.
 *
 * Argument: the data directory.
 */
import { startServerIn } from './server-in-process';

const dataDir = process.argv[2];
if (!dataDir || !process.send)
  throw new Error('usage: spawned by bench/sync-server.ts with a data dir and IPC');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const server = await startServerIn(dataDir);
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
