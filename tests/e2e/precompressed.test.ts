/**
 * The built app's compressed copies (scripts/precompress.ts, last step of `npm run build`): beside
 * index.html, sw.js, the web manifest and every script and style sheet, a brotli and a gzip copy
 * that decode to the file as built; none of them in the service worker's precache, which lists the
 * originals only. Reads dist/ as `npm test` builds it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';

const COPIES = [
  { suffix: '.br', decode: brotliDecompressSync, encode: brotliCompressSync },
  { suffix: '.gz', decode: gunzipSync, encode: gzipSync },
];

describe('the build', () => {
  it('writes a brotli and a gzip copy of the page, the service worker, the manifest, scripts and styles', () => {
    const assets = readdirSync(join(DIST, 'assets'))
      .filter((name) => /\.(js|css)$/.test(name))
      .map((name) => join('assets', name));
    expect(assets.length).toBeGreaterThan(0);
    for (const file of ['index.html', 'sw.js', 'manifest.webmanifest', ...assets]) {
      const original = readFileSync(join(DIST, file));
      for (const { suffix, decode, encode } of COPIES) {
        const copy = join(DIST, file + suffix);
        if (existsSync(copy)) {
          expect(decode(readFileSync(copy)).equals(original), copy).toBe(true);
        } else {
          // Left out only when compressing would not make it smaller (a tiny file).
          expect(encode(original).length, copy).toBeGreaterThanOrEqual(original.length);
        }
      }
    }
    expect(existsSync(join(DIST, 'sw.js.br'))).toBe(true);
    expect(existsSync(join(DIST, 'index.html.gz'))).toBe(true);
  });

  it('keeps the copies out of the service worker precache', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]!);
    expect(urls).toContain('index.html');
    expect(urls.filter((url) => /\.(br|gz)$/.test(url))).toEqual([]);
  });
});
