/**
 * The real server (`start()`, as src/server/start.ts runs it) in the calling process, as the sync
 * benches start it. A module of its own, importing only the server, so that the memory bench's
 * child (bench/sync-memory-server.ts) holds nothing but the server when its heap is read.
 */
import path from 'node:path';
import { configFromEnv } from '../src/server/config';
import { start } from '../src/server/server';

/**
 * The server on a free port over `dataDir`, with the app's default store debounce and no app
 * files to serve (the benches talk to /sync and /api only).
 */
export function startServerIn(dataDir: string): ReturnType<typeof start> {
  const { debounce, maxDebounce } = configFromEnv({});
  return start({ dataDir, port: 0, distDir: path.join(dataDir, 'no-dist'), debounce, maxDebounce });
}
