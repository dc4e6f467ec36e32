/**
 * The built app as the server sends it (src/server/static-files.ts): the precompressed copies that
 * scripts/precompress.ts writes, chosen by Accept-Encoding (RFC 9110 §12.5.3) and sent with
 * Content-Encoding and Vary (§8.4, §12.5.5); caching by kind of file; 304 (§15.4.5); deep links;
 * never a file outside dist. Requests go out raw (node:http), so the target is sent as written and
 * the body arrives as the server encoded it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress';
import { type RunningServer, start } from '../../src/server/server';
import { acceptedCodings } from '../../src/server/static-files';
import { tempDataDir } from './helpers';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Text long enough that both compressors make it smaller, as they do the real build's files. */
const filler = (line: string) => Array.from({ length: 80 }, (_, i) => `${line} ${i}`).join('\n');

/** Each served file: where it is asked for, its file in dist, its type and its caching. */
const FILES = [
  {
    url: '/',
    file: 'index.html',
    type: 'text/html;charset=utf-8',
    cache: 'no-cache',
    body: `<!doctype html><title>Tissage</title>\n<!-- ${filler('premier écran')} -->`,
  },
  {
    url: '/assets/index-Ab12Cd34.js',
    file: 'assets/index-Ab12Cd34.js',
    type: 'text/javascript',
    cache: IMMUTABLE,
    body: filler('console.log("tissage");'),
  },
  {
    url: '/sw.js',
    file: 'sw.js',
    type: 'text/javascript',
    cache: 'no-cache',
    body: filler('self.addEventListener("fetch", () => {});'),
  },
  {
    url: '/manifest.webmanifest',
    file: 'manifest.webmanifest',
    type: 'application/manifest+json',
    cache: 'no-cache',
    body: JSON.stringify({ name: 'Tissage', description: filler('voisins') }),
  },
] as const;

let server: RunningServer;
let dataDir = '';
let dist = '';

beforeAll(async () => {
  dataDir = tempDataDir();
  dist = path.join(dataDir, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(dist, 'icons'));
  for (const { file, body } of FILES) fs.writeFileSync(path.join(dist, file), body);
  fs.writeFileSync(path.join(dist, 'icons', 'icon-192.png'), Buffer.alloc(2048, 7));
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'outside dist');
  await precompressDir(dist);
  server = await start({ dataDir, port: 0, distDir: dist });
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came, still content-coded. */
  body: Buffer;
}

/** One request with `target` written as is on the request line. */
function request(target: string, options: { method?: string; headers?: http.OutgoingHttpHeaders } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: target,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function decoded(answer: Answer): string {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(answer.body).toString();
  if (coding === 'gzip') return gunzipSync(answer.body).toString();
  return answer.body.toString();
}

describe('precompressed files', () => {
  const encodings = [
    { accept: 'br, gzip', coding: 'br', suffix: '.br' },
    { accept: 'gzip', coding: 'gzip', suffix: '.gz' },
    { accept: undefined, coding: undefined, suffix: '' },
  ] as const;

  for (const { url, file, type, cache } of FILES) {
    for (const { accept, coding, suffix } of encodings) {
      it(`${url} with Accept-Encoding ${accept ?? '(none)'}: ${coding ?? 'identity'}`, async () => {
        const headers = accept === undefined ? {} : { 'Accept-Encoding': accept };
        const answer = await request(url, { headers });
        expect(answer.status).toBe(200);
        expect(answer.headers['content-encoding']).toBe(coding);
        expect(decoded(answer)).toBe(fs.readFileSync(path.join(dist, file), 'utf8'));
        expect(Number(answer.headers['content-length'])).toBe(
          fs.statSync(path.join(dist, file + suffix)).size,
        );
        expect(answer.headers['content-type']).toBe(type);
        expect(answer.headers.vary).toBe('Accept-Encoding');
        expect(answer.headers['cache-control']).toBe(cache);
        expect(answer.headers['x-content-type-options']).toBe('nosniff');

        const head = await request(url, { method: 'HEAD', headers });
        expect(head.body.length).toBe(0);
        for (const name of [
          'content-encoding',
          'content-length',
          'content-type',
          'vary',
          'cache-control',
          'etag',
        ]) {
          expect(head.headers[name], name).toEqual(answer.headers[name]);
        }
      });
    }
  }

  it('answers 304 to the ETag of the encoding asked for, with the headers of its 200', async () => {
    for (const { url } of FILES) {
      const headers = { 'Accept-Encoding': 'br, gzip' };
      const first = await request(url, { headers });
      const etag = first.headers.etag!;
      const again = await request(url, { headers: { ...headers, 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
      expect(again.headers.vary).toBe('Accept-Encoding');
      // Each encoding is its own representation: the brotli ETag does not validate the gzip bytes.
      const gzip = await request(url, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag } });
      expect(gzip.status).toBe(200);
      expect(gzip.headers.etag).not.toBe(etag);
    }
  });

  it('reads Accept-Encoding by its weights: q=0 refuses a coding, * accepts any', async () => {
    expect(acceptedCodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedCodings('gzip;q=0.5, br;q=0.8')).toEqual(['br', 'gzip']);
    expect(acceptedCodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedCodings('*, br;q=0')).toEqual(['gzip']);
    expect(acceptedCodings('GZIP ; Q=1')).toEqual(['gzip']);
    expect(acceptedCodings('identity')).toEqual([]);
    expect(acceptedCodings('gzip;q=abc, brotli')).toEqual([]);
    expect(acceptedCodings(undefined)).toEqual([]);
    const refused = await request('/sw.js', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const gzipOnly = await request('/sw.js', { headers: { 'Accept-Encoding': 'gzip, br;q=0' } });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
  });

  it('sends a file with no compressed copy as it is, and never a copy on its own', async () => {
    const icon = await request('/icons/icon-192.png', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(icon.status).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.body.equals(fs.readFileSync(path.join(dist, 'icons', 'icon-192.png')))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'icons', 'icon-192.png.br'))).toBe(false);
    for (const copy of ['/sw.js.br', '/index.html.gz', '/assets/index-Ab12Cd34.js.br']) {
      expect((await request(copy, { headers: { 'Accept-Encoding': 'br, gzip' } })).status, copy).toBe(404);
    }
  });

  it('never sends a copy older than its file: the file was changed after the build', async () => {
    const file = path.join(dist, 'assets', 'edited-Ee11.js');
    fs.writeFileSync(file, filler('ancienne version'));
    await precompressDir(dist);
    fs.writeFileSync(file, filler('nouvelle version'));
    // Later than its copies, whatever the file system's clock granularity.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    const answer = await request('/assets/edited-Ee11.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(decoded(answer)).toBe(filler('nouvelle version'));
  });

  it('sends the whole file to a Range request', async () => {
    const answer = await request('/sw.js', { headers: { Range: 'bytes=10-5' } });
    expect(answer.status).toBe(200);
    expect(decoded(answer)).toBe(FILES[2].body);
  });
});

describe('routes, missing files and refusals', () => {
  it('answers index.html, revalidated, for a path without an extension (a deep link)', async () => {
    for (const route of ['/join/abc', '/assets/', '/session/2026?x=1', 'http://tissage.example/join/x']) {
      const answer = await request(route, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(answer.status, route).toBe(200);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(decoded(answer)).toBe(FILES[0].body);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['content-type']).toBe('text/html;charset=utf-8');
    }
  });

  it('answers 404 to a missing file with an extension, without caching it', async () => {
    for (const missing of ['/missing.js', '/assets/gone-Zz99.js', '/%E0%A4%A', '/%00.js']) {
      const answer = await request(missing, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(answer.status, missing).toBe(404);
      expect(answer.headers['cache-control']).toBeUndefined();
      expect(answer.headers.etag).toBeUndefined();
    }
  });

  it('never serves a file outside dist', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      'http://tissage.example/../secret.txt',
    ]) {
      const answer = await request(attempt, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(answer.status, attempt).toBe(404);
      expect(answer.body.toString()).not.toContain('outside dist');
    }
  });

  it('answers 405 with Allow to a method other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const answer = await request('/index.html', { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
  });
});
