/**
 * Reads what Chromium's IndexedDB files hold on disk, for the erasure test: every file under
 * `<profile>/Default/IndexedDB/`, as raw bytes and, for LevelDB's own formats, decoded, so that a
 * search for a string finds it wherever LevelDB keeps it.
 *
 * - Tables (`*.ldb`, `*.sst`): their blocks are compressed with Snappy, so a string may be cut
 *   into a literal and a back-reference; each data block is decompressed and every key (rebuilt
 *   from its shared prefix) and value is read. Format: leveldb doc/table_format.md (footer of
 *   48 bytes: metaindex and index block handles, magic 0xdb4775248b80fb57; blocks end with a
 *   type byte, 1 = Snappy, and a CRC), Snappy format_description.txt.
 * - Write-ahead logs and manifests (`*.log`, `MANIFEST-*`): records are cut into fragments at
 *   each 32 KiB block, with a 7-byte header between them; the fragments are joined again
 *   (leveldb doc/log_format.md).
 *
 * A string is searched in UTF-8 (Yjs updates), Latin-1 (V8 serializes a string whose characters
 * all fit in one byte as one-byte), UTF-16LE (V8's two-byte strings) and UTF-16BE (Chromium's
 * encoding of IndexedDB keys, content/browser/indexed_db/indexed_db_leveldb_coding.cc).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What the files hold: byte runs to search, and the tables that could not be decoded. */
export interface StoredBytes {
  runs: Buffer[];
  /** Tables whose decoding failed (being written, or a format this reader does not know). */
  unreadable: string[];
}

/** Every byte run the files under `dir` hold, raw and decoded (see the header). */
export function storedBytes(dir: string): StoredBytes {
  const runs: Buffer[] = [];
  const unreadable: string[] = [];
  for (const file of filesUnder(dir)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      // Deleted since it was listed: LevelDB removed a replaced file.
      continue;
    }
    runs.push(bytes);
    const base = file.slice(file.lastIndexOf('/') + 1);
    try {
      if (/\.(ldb|sst)$/.test(base)) runs.push(...tableEntries(bytes));
      else if (/\.log$/.test(base) || base.startsWith('MANIFEST-')) runs.push(...logRecords(bytes));
    } catch {
      if (/\.(ldb|sst)$/.test(base)) unreadable.push(base);
    }
  }
  return { runs, unreadable };
}

/** Whether any run holds `text` in UTF-8, Latin-1, UTF-16LE or UTF-16BE. */
export function holds(stored: StoredBytes, text: string): boolean {
  const utf16le = Buffer.from(text, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const needles = [Buffer.from(text, 'utf8'), utf16le, utf16be];
  if ([...text].every((char) => char.charCodeAt(0) < 256)) needles.push(Buffer.from(text, 'latin1'));
  return stored.runs.some((run) => needles.some((needle) => run.includes(needle)));
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function varint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= bytes.length) throw new Error('truncated varint');
    const byte = bytes[pos++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

const TABLE_MAGIC = Buffer.from('57fb808b247547db', 'hex');

/** Every key and value of a LevelDB table's data blocks. */
function tableEntries(table: Buffer): Buffer[] {
  if (table.length < 48 || !table.subarray(table.length - 8).equals(TABLE_MAGIC))
    throw new Error('not a LevelDB table');
  const footer = table.subarray(table.length - 48);
  const [, metaSizeEnd] = varint(footer, varint(footer, 0)[1]);
  const [indexOffset, indexSizeAt] = varint(footer, metaSizeEnd);
  const [indexSize] = varint(footer, indexSizeAt);
  const out: Buffer[] = [];
  for (const [, handle] of blockEntries(block(table, indexOffset, indexSize))) {
    const [offset, sizeAt] = varint(handle, 0);
    const [size] = varint(handle, sizeAt);
    for (const [key, value] of blockEntries(block(table, offset, size))) out.push(key, value);
  }
  return out;
}

function block(table: Buffer, offset: number, size: number): Buffer {
  const contents = table.subarray(offset, offset + size);
  const type = table[offset + size];
  if (type === 0) return contents;
  if (type === 1) return unsnappy(contents);
  throw new Error(`unknown block compression ${type}`);
}

function blockEntries(data: Buffer): [Buffer, Buffer][] {
  const restarts = data.readUInt32LE(data.length - 4);
  const end = data.length - 4 - 4 * restarts;
  const entries: [Buffer, Buffer][] = [];
  let key = Buffer.alloc(0);
  let pos = 0;
  while (pos < end) {
    const [shared, a] = varint(data, pos);
    const [unshared, b] = varint(data, a);
    const [valueLength, c] = varint(data, b);
    key = Buffer.concat([key.subarray(0, shared), data.subarray(c, c + unshared)]);
    const value = data.subarray(c + unshared, c + unshared + valueLength);
    entries.push([key, value]);
    pos = c + unshared + valueLength;
  }
  return entries;
}

/** Snappy's raw format: a varint length, then literals and back-references. */
function unsnappy(src: Buffer): Buffer {
  const [length, start] = varint(src, 0);
  const out = Buffer.alloc(length);
  let o = 0;
  let pos = start;
  while (pos < src.length) {
    const tag = src[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let size = tag >> 2;
      if (size >= 60) {
        const width = size - 59;
        size = src.readUIntLE(pos, width);
        pos += width;
      }
      size += 1;
      src.copy(out, o, pos, pos + size);
      pos += size;
      o += size;
      continue;
    }
    let size: number;
    let offset: number;
    if (kind === 1) {
      size = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | src[pos++]!;
    } else if (kind === 2) {
      size = (tag >> 2) + 1;
      offset = src.readUInt16LE(pos);
      pos += 2;
    } else {
      size = (tag >> 2) + 1;
      offset = src.readUInt32LE(pos);
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error('bad snappy back-reference');
    for (let i = 0; i < size; i++, o++) out[o] = out[o - offset]!;
  }
  if (o !== length) throw new Error('snappy length mismatch');
  return out;
}

const LOG_BLOCK = 32 * 1024;
const LOG_HEADER = 7;

/** The records of a LevelDB log (write-ahead log or manifest), fragments joined. */
function logRecords(log: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let blockStart = 0; blockStart < log.length; blockStart += LOG_BLOCK) {
    const blockEnd = Math.min(blockStart + LOG_BLOCK, log.length);
    let pos = blockStart;
    while (pos + LOG_HEADER <= blockEnd) {
      const length = log.readUInt16LE(pos + 4);
      const type = log[pos + 6];
      // Type 0: the rest of the block is padding (or a record preallocated and never written).
      if (type === 0) break;
      const fragment = log.subarray(pos + LOG_HEADER, Math.min(pos + LOG_HEADER + length, blockEnd));
      pos += LOG_HEADER + length;
      if (type === 1) records.push(fragment);
      else if (type === 2) pending = [fragment];
      else if (type === 3) pending.push(fragment);
      else if (type === 4) {
        records.push(Buffer.concat([...pending, fragment]));
        pending = [];
      }
    }
  }
  if (pending.length > 0) records.push(Buffer.concat(pending));
  return records;
}
