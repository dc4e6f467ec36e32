/**
 * `npm start` (after the build): runs the server with the settings from the environment until
 * SIGTERM or SIGINT, then stops cleanly: every document stored, databases closed, exit code 0.
 *
 * No input may reach the two process-wide handlers below: every network path answers or closes
 * its own request or socket (server.ts, websocket.ts). They are the last resort for a bug:
 * - an uncaught exception left some operation half done, in a state no code was written for, so
 *   the process logs it with its stack and exits with code 1 at once, without storing documents
 *   from that state. Nothing acknowledged is lost: a device counts a change as saved only once
 *   the server said it was stored, and resends the rest after a restart (by systemd or whatever
 *   runs the server).
 * - an unhandled rejection is a promise whose failure nobody awaited: the operation that made it
 *   has already returned, so it is logged with its stack and the server keeps serving the other
 *   perimeters.
 */
import { configFromEnv } from './config';
import { log, routeConsoleToLog } from './logger';
import { start } from './server';
import { SYNC_PATH } from './websocket';

const config = configFromEnv();
routeConsoleToLog();

process.on('uncaughtException', (error, origin) => {
  log.fatal({ err: error, origin }, 'uncaught exception: stopping the process');
  process.exit(1);
});
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));

const server = await start(config);

log.info(`Tissage listening on ${server.url} (sync on ${server.url.replace(/^http/, 'ws')}${SYNC_PATH})`);
log.info(`Data in ${config.dataDir}; invitation links use ${server.publicUrl}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info(`${signal}: storing documents and stopping…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.fatal({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
