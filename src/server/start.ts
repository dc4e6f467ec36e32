/**
 * `npm start` (after the build): runs the server with the settings from the environment until
 * SIGTERM or SIGINT, then stops cleanly: every document stored, databases closed, exit code 0.
 */
import { configFromEnv } from './config';
import { start } from './server';
import { SYNC_PATH } from './websocket';

const config = configFromEnv();
const server = await start(config);

// A bug in one connection's handling must not take every perimeter's sync down with it.
process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));

console.log(`Tissage listening on ${server.url} (sync on ${server.url.replace(/^http/, 'ws')}${SYNC_PATH})`);
console.log(`Data in ${config.dataDir}; invitation links use ${server.publicUrl}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: storing documents and stopping…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stop failed:', error);
        process.exit(1);
      },
    );
  });
}
