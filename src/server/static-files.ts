/**
 * Serves the built PWA through sirv, which picks the file, its type (mrmime), its ETag and, when
 * the client accepts it, the copy the build compressed beside it (`x.js.br`, `x.js.gz`:
 * scripts/precompress.ts), sent with `Content-Encoding` and `Vary: Accept-Encoding` (RFC 9110
 * §8.4, §12.5.5). What this module adds around it:
 * - the request-target is read by request-target.ts, never by sirv's own parser, so an
 *   absolute-form or unparsable target cannot make it throw;
 * - `index.html` answers every path without an extension, so deep links open the app; a missing
 *   file with an extension is a 404;
 * - caching: Vite's hashed files under /assets/ never change and are cached for good; `index.html`,
 *   `sw.js`, the web manifest and every other unhashed file are revalidated (`no-cache`), so a
 *   deployment reaches devices at their next visit;
 * - a 304 carries the headers its 200 would (RFC 9110 §15.4.5), which sirv leaves out;
 * - a compressed copy older than its file is never sent: the file was changed in place after the
 *   build (a hot fix, or a test that edits sw.js to publish a new version), and its copy is stale.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import sirv from 'sirv';
import { requestPathname } from './request-target';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** The form of sirv's ETags (3.0: `W/"<size>-<mtime in ms>"`), the only ones it can match. */
const SIRV_ETAG = /^W\/"\d+-\d+"$/;
/** The compressed copies are another encoding of their original, never a resource of their own. */
const COMPRESSED_COPY = /\.(br|gz)$/;

/** A content coding the build writes a copy for (scripts/precompress.ts), and its file suffix. */
type Coding = 'br' | 'gzip';
const SUFFIX: Record<Coding, string> = { br: '.br', gzip: '.gz' };

/** Answers one request for a file of the built app: 200, 304, 404, or 405 for a method other than GET/HEAD. */
export type StaticFiles = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The static-file handler for the built app in `distDir` (an absolute or relative path; nothing is
 * read before the first request, and every request looks its file up again, so a rebuilt dist/ is
 * served at once). It never throws for a request-target, whatever bytes it holds; it never serves
 * a file outside `distDir`.
 */
export function createStaticFiles(distDir: string): StaticFiles {
  const root = path.resolve(distDir);
  const files = sirv(root, {
    // Looks each file up when asked (existence, size, mtime) instead of listing dist/ once at start.
    dev: true,
    etag: true,
    brotli: true,
    gzip: true,
    // A path names a file or a route of the app: never `/x` answered by `/x.html`.
    extensions: [],
    // A 200: the ETag that serve() may have set for a 304 gives way to sirv's, the file's own.
    setHeaders: (response) => response.removeHeader('ETag'),
  });

  /**
   * Hands `target` (a pathname already read by request-target.ts) to sirv with the caching
   * headers set beforehand: sirv writes its 304 with only the headers already on the response.
   * Calls `next` when no file answers.
   */
  function serve(
    request: IncomingMessage,
    response: ServerResponse,
    target: string,
    cacheControl: string,
    next: () => void,
  ): void {
    response.setHeader('Cache-Control', cacheControl);
    response.setHeader('Vary', 'Accept-Encoding');
    // sirv answers 304 only when If-None-Match is exactly the file's ETag, so that is the ETag.
    const tag = request.headers['if-none-match'];
    if (tag !== undefined && SIRV_ETAG.test(tag)) response.setHeader('ETag', tag);
    const codings = freshCopies(target, acceptedCodings(request.headers['accept-encoding']));
    files(sirvView(request, target, codings), response, next);
  }

  /** Of `codings`, those whose copy of `target` is not older than the file itself. */
  function freshCopies(target: string, codings: Coding[]): Coding[] {
    // The file sirv reads for `target` (sirv 3.0: decodeURI, then joined to its directory).
    const file = path.join(root, decodedUri(target));
    const original = file.startsWith(root + path.sep) ? modifiedAt(file) : undefined;
    if (original === undefined) return codings;
    return codings.filter((coding) => (modifiedAt(file + SUFFIX[coding]) ?? original) >= original);
  }

  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // A file gone between sirv's lookup and its read (a deployment replacing dist/) would
    // otherwise be an unhandled stream error, and stop the process.
    response.once('pipe', (source: Readable) => source.once('error', () => response.destroy()));
    const pathname = requestPathname(request);
    const decoded = pathname === undefined ? undefined : decodedPath(pathname);
    if (pathname === undefined || decoded === undefined || COMPRESSED_COPY.test(decoded)) {
      notFound(response);
      return;
    }
    const missing = () => notFound(response);
    // A path without an extension is a route of the app, not a missing file.
    const route = () => serve(request, response, '/index.html', REVALIDATE, missing);
    const cache = pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
    serve(request, response, pathname, cache, path.posix.extname(decoded) === '' ? route : missing);
  };
}

function notFound(response: ServerResponse): void {
  for (const name of ['ETag', 'Cache-Control', 'Vary']) response.removeHeader(name);
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

/** The pathname with every escape decoded (`%2f` too), or undefined when an escape is malformed. */
function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** The pathname as sirv decodes it: escapes of reserved characters (`%2f`) kept. */
function decodedUri(pathname: string): string {
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}

/** When `file` was last modified (ms), or undefined when it cannot be read (missing, NUL in its name). */
function modifiedAt(file: string): number | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The request as sirv (3.0) reads it: `url` is the pathname request-target.ts parsed (sirv's own
 * parser takes the raw target for a path, absolute-form included); the headers are only what sirv
 * acts on. Accept-Encoding is reduced to `codings`, those the client accepts and whose copy is
 * fresh, because sirv looks for the words `br` and `gzip` in it, `q=0` included. Range is left out: a server may ignore it (RFC 9110
 * §14.2), and sirv 3.0 answers a reversed or suffix range wrongly. Everything else (method, socket)
 * is the request's own, through the prototype.
 */
function sirvView(request: IncomingMessage, url: string, codings: Coding[]): IncomingMessage {
  const headers: IncomingMessage['headers'] = { 'accept-encoding': codings.join(', ') };
  const tag = request.headers['if-none-match'];
  if (tag !== undefined) headers['if-none-match'] = tag;
  return Object.create(request, { url: { value: url }, headers: { value: headers } }) as IncomingMessage;
}

/**
 * Which of the build's codings, brotli then gzip, an Accept-Encoding field accepts: named or
 * matched by `*`, with a weight above 0 (RFC 9110 §12.5.3). No field, or none accepted: identity.
 * The server prefers brotli whatever the weights, as it is the smaller of the two.
 */
export function acceptedCodings(field: string | undefined): Coding[] {
  const weights = new Map<string, number>();
  for (const member of (field ?? '').split(',')) {
    const [coding = '', ...parameters] = member.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    // An unreadable weight (NaN) accepts nothing.
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)));
  }
  const accepts = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(accepts);
}
