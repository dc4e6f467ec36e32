/**
 * Issue 10's compression figures as plain-text tables, each beside its goal: what a fresh phone
 * downloads over the sync WebSocket with permessage-deflate (RFC 7692), the first screen's files
 * uncompressed, gzipped and in brotli (RFC 9110 Content-Encoding), and the first screen and the
 * service worker's precache as the real server sends them. bench/run.ts gathers them.
 */
import type { FirstScreenWire, ServedFile, ServedWire } from './bundle-size';
import { kb, ratio } from './stats';
import type { FreshPhoneBytes } from './sync-fresh-phone';
import { printNotes, printTable } from './table';

/** Megabytes as issue 10 counts them (10⁶ bytes; `mb` in bench/stats.ts counts 2²⁰). */
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** Issue 10's goals for a fresh phone's download of the whole perimeter, on the wire (10⁶ bytes). */
export const FRESH_PHONE_GOAL_BYTES = { realistic: 200_000, worst: 800_000 } as const;

export function printFreshPhoneBytes(figures: FreshPhoneBytes[]): void {
  printTable(
    'Bytes a fresh phone receives until it holds the whole perimeter, server in its own process',
    ['perimeter', 'on the wire', 'goal', 'messages (uncompressed)', 'ratio', 'extension negotiated'],
    figures.map((f) => [
      `${f.workload} (${f.households} households)`,
      mb(f.wireBytes),
      `≤ ${mb(FRESH_PHONE_GOAL_BYTES[f.workload])} ${f.wireBytes <= FRESH_PHONE_GOAL_BYTES[f.workload] ? 'PASS' : 'OVER'}`,
      mb(f.messageBytes),
      ratio(f.messageBytes, f.wireBytes),
      f.extensions || 'none',
    ]),
  );
  printNotes([
    'on the wire: bytes read from the TCP socket (HTTP upgrade, frames, permessage-deflate, RFC 7692),',
    'offered by the client as browsers do; messages: what the app reads, which is what the wire carries',
    'without compression.',
  ]);
}

/** Issue 10's goal for the first screen on the wire, in KB as `kb` prints them (1024 bytes). */
export const FIRST_SCREEN_GOAL_BYTES = 70 * 1024;

export function printFirstScreenWire(f: FirstScreenWire): void {
  const verdict = (bytes: number) => (bytes <= FIRST_SCREEN_GOAL_BYTES ? 'PASS' : 'OVER');
  printTable(
    `First screen on the wire (${f.files.join(' ')}), goal ≤ ${kb(FIRST_SCREEN_GOAL_BYTES)}`,
    ['encoding', 'bytes', 'goal'],
    [
      ['none (as built)', kb(f.raw), verdict(f.raw)],
      ['gzip -9', kb(f.gzip), verdict(f.gzip)],
      ['brotli q11', kb(f.brotli), verdict(f.brotli)],
    ],
  );
  printNotes([
    'Body bytes of each file, headers not counted; which encoding a browser gets is the server’s choice.',
  ]);
}

/**
 * The first screen and the precache as received from the real server (bench/bundle-size.ts
 * servedWire): per file and in total, the bytes on the wire (headers included) beside the file as
 * built; the first screen's total beside issue 10's goal.
 */
export function printServedWire(served: ServedWire): void {
  const sum = (files: ServedFile[], key: 'wire' | 'body' | 'raw') =>
    files.reduce((total, file) => total + file[key], 0);
  const rows = (files: ServedFile[]) =>
    files.map((f) => [f.path, String(f.status), f.encoding, kb(f.raw), kb(f.body), kb(f.wire)]);
  const first = sum(served.firstScreen, 'wire');
  printTable(
    `First screen over HTTP from the real server, Accept-Encoding: br, gzip: ${kb(first)}, goal ≤ ${kb(FIRST_SCREEN_GOAL_BYTES)} ${first <= FIRST_SCREEN_GOAL_BYTES ? 'PASS' : 'OVER'}`,
    ['path', 'status', 'encoding', 'as built', 'body received', 'on the wire'],
    [
      ...rows(served.firstScreen),
      ['total', '', '', kb(sum(served.firstScreen, 'raw')), kb(sum(served.firstScreen, 'body')), kb(first)],
    ],
  );
  const precache = sum(served.precache, 'wire');
  const raw = sum(served.precache, 'raw');
  printTable(
    `Service worker precache over HTTP (${served.precache.length} files): ${kb(precache)} on the wire, ${kb(raw)} as built (${ratio(raw, precache)})`,
    ['encoding', 'files', 'as built', 'body received', 'on the wire'],
    ['br', 'gzip', 'identity'].map((encoding) => {
      const files = served.precache.filter((f) => f.encoding === encoding);
      return [
        encoding,
        String(files.length),
        kb(sum(files, 'raw')),
        kb(sum(files, 'body')),
        kb(sum(files, 'wire')),
      ];
    }),
  );
  printNotes([
    'on the wire: every byte read from the socket of each request (status line, headers, body), one',
    'connection per file; identity files have no smaller compressed copy (images, tiny files).',
  ]);
}
