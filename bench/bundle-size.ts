/**
 * Gzipped size of the JavaScript and CSS the first screen loads: the entry chunk, every chunk it
 * imports statically, and their CSS. Lazily imported chunks (Yjs, the catalogue, the scan screen)
 * are listed apart: they load after the first screen, in the background or on demand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
