/**
 * One Node process, one port: the built PWA, GET /health, the JSON API under /api/, and the
 * Hocuspocus WebSocket on /sync, all on one HTTP server, so the app and its sync share an origin
 * (no CORS, one address to give out, one certificate behind a proxy).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { newAdminKey, publishAdminAccess } from './admin-access';
import { createApi } from './api';
import { type BudgetOptions, Budgets } from './budgets';
import { DEFAULT_STORE_DEBOUNCE_MS, DEFAULT_STORE_MAX_DEBOUNCE_MS, publicUrlOf } from './config';
import { HttpError, sendError, sendJson } from './http-json';
import { log, logBug, logRefusal } from './logger';
import { requestPathname } from './request-target';
import type { DocumentPersistence } from './ports';
import { openSqliteDocuments } from './sqlite/documents';
import { createStaticFiles } from './static-files';
import { ServerStore } from './store';
import { Sync } from './sync';
import { createWebSocketGateway } from './websocket';

export interface StartOptions {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  distDir?: string;
  publicUrl?: string | undefined;
  /** Compact a changed document after this many quiet milliseconds, and at least this often. */
  debounce?: number;
  maxDebounce?: number;
  now?: () => Date;
  /** What each client may cost (budgets.ts); tests and benches raise or lower the defaults. */
  budgets?: Partial<BudgetOptions>;
  /**
   * Opens the documents' persistence from the path of documents.sqlite: the SQLite adapter by
   * default. Another adapter (PostgreSQL) plugs in here; tests wrap the default to inject storage
   * faults such as a full disk.
   */
  openDocuments?: (file: string) => DocumentPersistence;
}

export interface RunningServer {
  /** Where this process listens, e.g. http://127.0.0.1:8787. */
  url: string;
  port: number;
  /** The address for invitation links. */
  publicUrl: string;
  /** Stops accepting, stores every document, closes the databases. Safe to call twice. */
  stop(): Promise<void>;
}

export async function start(options: StartOptions): Promise<RunningServer> {
  const { dataDir, host = '127.0.0.1', distDir = path.resolve('dist') } = options;
  const store = ServerStore.open(dataDir, options.now);
  const budgets = new Budgets(options.budgets);
  const sync = new Sync(store, {
    persistence: (options.openDocuments ?? openSqliteDocuments)(path.join(dataDir, 'documents.sqlite')),
    debounce: options.debounce ?? DEFAULT_STORE_DEBOUNCE_MS,
    maxDebounce: options.maxDebounce ?? DEFAULT_STORE_MAX_DEBOUNCE_MS,
    budgets,
  });
  const adminKey = newAdminKey();
  const api = createApi(store, sync, adminKey);
  const serveStatic = createStaticFiles(distDir);
  const gateway = createWebSocketGateway(sync.hocuspocus, {
    firstFrameBytes: budgets.options.householdMessageBytes,
    admit: (address) => budgets.admit(address),
    countRefusal: (address) => budgets.countRefusal(address),
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const pathname = requestPathname(request);
    if (pathname === undefined) {
      logRefusal('request', 'unreadable-target', { address: request.socket.remoteAddress });
      sendJson(response, 400, { error: 'bad-request' });
    } else if (pathname === '/health') {
      const documents = sync.hocuspocus.getDocumentsCount();
      sendJson(response, 200, { ok: true, documents, connections: sync.hocuspocus.getConnectionsCount() });
    } else if (pathname.startsWith('/api/')) {
      const wait = await budgets.spend('api', request.socket.remoteAddress ?? 'unknown');
      // Not logged one line each: a flood of refusals would become a flood of log lines.
      if (wait !== null) {
        // RFC 9110 §10.2.3: whole seconds; RFC 6585 §4 for 429.
        response.setHeader('Retry-After', Math.ceil(wait / 1000));
        sendJson(response, 429, { error: 'rate-limited' });
      } else {
        await api(request, response, pathname);
      }
    } else {
      serveStatic(request, response);
    }
  }

  const server = http.createServer((request, response) => {
    // Read now: Node detaches the socket from the request once the response is done or destroyed.
    const address = request.socket.remoteAddress;
    handle(request, response).catch((error: unknown) => answerFailure(request, response, error, address));
  });
  server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  server.on('clientError', answerClientError);

  try {
    await sync.indexStoredDocuments();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await sync.stop();
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = urlOf(host, port);
  const withdrawAdminAccess = publishAdminAccess(dataDir, urlOf(LOOPBACK_OF[host] ?? host, port), adminKey);

  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    withdrawAdminAccess();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sync.stop();
    gateway.terminateAll();
    server.closeAllConnections();
    await closed;
    store.close();
  }

  return {
    url,
    port,
    publicUrl: publicUrlOf(options, port),
    stop: () => (stopping ??= stop()),
  };
}

/**
 * The answer to a request whose handler failed: its refusal (HttpError), or a 500 for a bug. Never
 * throws: a response that cannot be written any more (headers sent, socket gone) is destroyed.
 */
function answerFailure(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  error: unknown,
  address: string | undefined,
): void {
  try {
    if (error instanceof HttpError) {
      logRefusal('request', error.code, { address });
    } else if (!request.complete && request.destroyed) {
      // The client went away while sending its body: nothing to answer, nothing broken.
      log.debug({ err: error }, 'request aborted by the client');
    } else {
      logBug(`${request.method} request`, error);
    }
    if (response.headersSent || response.destroyed) response.destroy();
    else sendError(response, error);
  } catch (answerError) {
    logBug('failure answer', answerError);
    response.destroy();
  }
}

/**
 * What Node's HTTP parser refused (a malformed request line or header, a bad Content-Length,
 * garbage chunked encoding, headers over 16 KiB): one log line, then what Node's own handler
 * does (lib/_http_server.js `socketOnError`): the matching status if nothing was written on the
 * socket yet, so an answer in progress is never interleaved, then the socket closed. With a
 * listener attached, answering is ours (Node docs, `http.Server` event 'clientError').
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const reason = error.code ?? 'client-error';
  const tcp = socket as Socket;
  // A peer that went away is not a refusal.
  if (reason === 'ECONNRESET') log.debug({ reason }, 'client connection reset');
  else logRefusal('request', reason, { address: tcp.remoteAddress });
  if (!socket.writable || tcp.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[reason] ?? '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

const CLIENT_ERROR_STATUS: Partial<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Content Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/** A server listening on a wildcard address is reached from this machine on loopback. */
const LOOPBACK_OF: Partial<Record<string, string>> = { '0.0.0.0': '127.0.0.1', '::': '::1' };

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
