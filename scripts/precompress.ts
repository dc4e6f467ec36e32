/**
 * A Vite build plugin that writes, beside each built text file, a brotli copy (quality 11, `x.br`)
 * and a gzip copy (level 9, `x.gz`), for the server to send as they are with `Content-Encoding`
 * (src/server/static-files.ts, RFC 9110 §8.4): the smallest the build can make, compressed once
 * rather than on every request. A copy that is not smaller than its original is not written.
 *
 * It runs last, once the whole build is on disk: vite-plugin-pwa writes `sw.js` in its own
 * closeBundle hook, after the bundle. vite-plugin-compression2 (2.5) was tried first: it compresses
 * the bundle and the public files, but not `sw.js`, nor a file that a later hook rewrites.
 * Neither copy is precached by the service worker: its globPatterns name the originals' extensions.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Files worth compressing: text, and WebAssembly (the QR decoder's 1.09 MB module, precached on
 * every device, is 0.36 MB in brotli). Images and fonts (png, woff2) are compressed already.
 */
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|wasm)$/;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The encodings written, each as its file suffix and its compressor. */
const ENCODINGS: { suffix: string; compress: (bytes: Buffer) => Promise<Buffer> }[] = [
  {
    suffix: '.br',
    compress: (bytes) =>
      brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
  },
  { suffix: '.gz', compress: (bytes) => gz(bytes, { level: constants.Z_BEST_COMPRESSION }) },
];

/** The plugin; add it to `plugins` in vite.config.ts. Does nothing outside `vite build`. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tissage:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      // After every other plugin's closeBundle has finished (vite-plugin-pwa's sw.js among them).
      order: 'post',
      sequential: true,
      handler: () => precompressDir(outDir),
    },
  };
}

/**
 * Writes the `.br` and `.gz` copies beside every text file under `dir` (png and woff2 are left as
 * they are). Rejects with the file system's error if `dir` or a file in it cannot be read or written.
 */
export async function precompressDir(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && TEXT.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    // Vite's own build manifest (.vite/manifest.json) is read by tools, never served.
    .filter((file) => !path.relative(dir, file).startsWith('.'));
  await Promise.all(files.map(compressBeside));
}

async function compressBeside(file: string): Promise<void> {
  const bytes = await readFile(file);
  for (const { suffix, compress } of ENCODINGS) {
    const compressed = await compress(bytes);
    if (compressed.length < bytes.length) await writeFile(file + suffix, compressed);
  }
}
