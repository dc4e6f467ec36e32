/**
 * Serves the built PWA. `index.html` answers every path that does not name a file, so deep links
 * open the app; `index.html` and `sw.js` are always revalidated, so a deployment reaches devices at
 * their next visit; Vite's hashed files under /assets/ never change and are cached for good.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { requestPathname } from './request-target';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function serveStatic(distDir: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = requestPathname(request);
  const file = pathname === undefined ? undefined : resolveFile(distDir, pathname);
  // Gone between the lookup and now (a deployment replacing dist/) counts as never there.
  const stat = file === undefined ? undefined : fs.statSync(file.path, { throwIfNoEntry: false });
  if (file === undefined || stat === undefined) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': CONTENT_TYPES[path.extname(file.path)] ?? 'application/octet-stream',
    'Cache-Control': file.immutable ? IMMUTABLE : REVALIDATE,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Length': stat.size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  fs.createReadStream(file.path)
    .on('error', () => response.destroy())
    .pipe(response);
}

function resolveFile(distDir: string, pathname: string): { path: string; immutable: boolean } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const root = path.resolve(distDir);
  const candidate = path.resolve(root, '.' + path.posix.normalize(decoded));
  // Never outside dist, whatever `..` or encoded separators the path holds.
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  if (isFile(candidate)) {
    return { path: candidate, immutable: path.relative(root, candidate).startsWith('assets' + path.sep) };
  }
  // A path without an extension is a route of the app, not a missing file.
  if (path.extname(decoded) !== '') return undefined;
  const index = path.join(root, 'index.html');
  return isFile(index) ? { path: index, immutable: false } : undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
