/**
 * Gzipped size of the JavaScript and CSS the first screen loads: the entry chunk, every chunk it
 * imports statically, and their CSS. Lazily imported chunks (Yjs, the catalogue, the scan screen)
 * are listed apart: they load after the first screen, in the background or on demand. Then the
 * same first screen, and the service worker's precache, as the real server sends them over HTTP
 * (servedWire).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { kill, spawnServer } from '../tests/server/child-server';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface BundleFigures {
  firstScreenJs: number;
  firstScreenCss: number;
  firstScreenFiles: string[];
  lazy: { file: string; gzip: number }[];
}

export function bundleFigures(dist = 'dist'): BundleFigures {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const critical = new Set<string>();
  const visit = (key: string) => {
    if (critical.has(key)) return;
    critical.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...critical].map((key) => manifest[key]!);
  const js = files.map((chunk) => chunk.file);
  const css = [...new Set(files.flatMap((chunk) => chunk.css ?? []))];
  const lazy = Object.entries(manifest)
    .filter(([key, chunk]) => !critical.has(key) && chunk.file.endsWith('.js'))
    .map(([, chunk]) => ({ file: chunk.file, gzip: gz(chunk.file) }))
    .sort((a, b) => b.gzip - a.gzip);
  return {
    firstScreenJs: js.reduce((sum, file) => sum + gz(file), 0),
    firstScreenCss: css.reduce((sum, file) => sum + gz(file), 0),
    firstScreenFiles: [...js, ...css],
    lazy,
  };
}

/** The first screen's files (index.html, then the JS and CSS it loads first) and their sizes. */
export interface FirstScreenWire {
  files: string[];
  /** Bytes as built: on the wire when the server sends them uncompressed. */
  raw: number;
  /** gzip level 9 and brotli quality 11 (Node's zlib): on the wire when served precompressed. */
  gzip: number;
  brotli: number;
}

export function firstScreenWire(dist = 'dist'): FirstScreenWire {
  const files = ['index.html', ...bundleFigures(dist).firstScreenFiles];
  const bytes = files.map((file) => readFileSync(join(dist, file)));
  const sum = (sizes: number[]) => sizes.reduce((total, size) => total + size, 0);
  return {
    files,
    raw: sum(bytes.map((b) => b.length)),
    gzip: sum(bytes.map((b) => gzipSync(b, { level: 9 }).length)),
    brotli: sum(
      bytes.map(
        (b) =>
          brotliCompressSync(b, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
          }).length,
      ),
    ),
  };
}

/** One file as the real server sent it to a client that accepts brotli and gzip. */
export interface ServedFile {
  /** The path asked for ('/' for the page itself). */
  path: string;
  status: number;
  /** Content-Encoding of the answer: br, gzip or identity. */
  encoding: string;
  /** Body bytes received, still content-coded. */
  body: number;
  /** Every byte read from the TCP socket for this exchange: status line, headers and body. */
  wire: number;
  /** The file's own size in dist/, as built. */
  raw: number;
}

export interface ServedWire {
  /** The page (`/`, index.html) and the JS and CSS it loads first. */
  firstScreen: ServedFile[];
  /** Every URL the service worker precaches (the manifest workbox injected into sw.js). */
  precache: ServedFile[];
}

/** What a browser sends: it accepts brotli and gzip (Chromium also offers deflate and zstd). */
const ACCEPT_ENCODING = 'br, gzip';

/**
 * The first screen and the service worker's precache measured over HTTP from the real server
 * (`src/server/start.ts` in its own process, serving `dist`), one request per file on its own
 * connection, each asking `Accept-Encoding: br, gzip` as a browser does. Needs a built dist/.
 */
export async function servedWire(dist = 'dist'): Promise<ServedWire> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tissage-bench-static-'));
  const server = await spawnServer(dataDir, { TISSAGE_DIST_DIR: resolve(dist) });
  try {
    const get = async (path: string, file: string): Promise<ServedFile> => ({
      ...(await countedGet(server.port, path)),
      raw: statSync(join(dist, file)).size,
    });
    const firstScreen = [await get('/', 'index.html')];
    for (const file of bundleFigures(dist).firstScreenFiles) firstScreen.push(await get(`/${file}`, file));
    const precache: ServedFile[] = [];
    for (const url of precacheUrls(dist)) precache.push(await get(`/${url}`, url));
    return { firstScreen, precache };
  } finally {
    await kill(server, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The URLs in the precache manifest workbox wrote into dist/sw.js (`{"revision":…,"url":"…"}`). */
export function precacheUrls(dist = 'dist'): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...sw.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]!);
}

function countedGet(port: number, path: string): Promise<Omit<ServedFile, 'raw'>> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      // No agent: a connection of its own, so its socket's bytes are this exchange's alone.
      { host: '127.0.0.1', port, path, agent: false, headers: { 'Accept-Encoding': ACCEPT_ENCODING } },
      (response) => {
        let body = 0;
        response.on('data', (chunk: Buffer) => (body += chunk.length));
        response.on('end', () =>
          resolve({
            path,
            status: response.statusCode ?? 0,
            encoding: response.headers['content-encoding'] ?? 'identity',
            body,
            wire: response.socket.bytesRead,
          }),
        );
      },
    );
    request.on('error', reject);
  });
}
