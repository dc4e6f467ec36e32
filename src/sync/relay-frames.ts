/**
 * The QR relay's frames: one message (bytes) shown as an endless sequence of QR code texts, read
 * back in any order with any frame missed, by a fountain code (Luby transform, the
 * `luby-transform` package; M. Luby, "LT codes", FOCS 2002). The message is deflated and cut into
 * `k` slices; the first `k` frames carry the slices themselves (systematic: with no loss, `k`
 * frames suffice), every later frame an XOR of slices drawn by the library's fountain, so any
 * missed slice is recovered from whichever frames come next.
 *
 * A frame's text: `TSG1:` then base64 of
 *   format (1 byte, RELAY_FORMAT) · transfer id (4 bytes) · perimeter id (1 byte length, UTF-8)
 *   · block (luby-transform's `blockToBinary`) · check (the first 4 bytes of the SHA-256 of all
 *   that precedes it).
 * Every frame names its perimeter, so a frame from another perimeter is refused on its own, and
 * carries its check, so a corrupted or truncated frame is refused alone and the transfer goes on.
 * The transfer id tells two messages apart: a reader keeps to the first transfer it reads.
 * `blockToBinary` writes its header as a Uint32Array, in the platform's byte order: little-endian
 * on every phone, tablet and server this runs on, so both ends agree.
 *
 * Format version RELAY_FORMAT = 1. A different layout is version 2, and a reader refuses versions
 * it does not know (the message says to update the app) rather than misread them.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import {
  type EncodedBlock,
  type LtEncoder,
  binaryToBlock,
  blockToBinary,
  createDecoder,
  createEncoder,
} from 'luby-transform';

export const RELAY_FORMAT = 1;
const PREFIX = 'TSG1:';
const CHECK_BYTES = 4;

/**
 * Slice size in bytes. With the envelope, a frame of one slice is about 330 bytes, 450 base64
 * characters: a version 16 QR code at level M (81 modules), which a phone reads on a tablet's
 * screen from arm's length and the fake-camera test reads at 640×480 (tests/e2e/qr-relay.test.ts).
 */
export const SLICE_BYTES = 300;
/** Frames longer than this (fountain blocks of high degree list many indices) are skipped. */
const MAX_FRAME_CHARS = 520;
/** A message of more slices than this is refused: a 1.2 MB deflated update, far past a month. */
export const MAX_SLICES = 4096;

/** Why a frame changed nothing. */
export type FrameRefusal = 'other-perimeter' | 'corrupted' | 'newer-format' | 'other-transfer';

export type FrameRead =
  | { status: 'progress'; percent: number; fresh: boolean }
  | { status: 'refused'; refusal: FrameRefusal }
  | { status: 'complete'; message: Uint8Array }
  | { status: 'failed' };

/** The frames of one message. `next()` gives the next frame's text, for ever. */
export class RelayFrames {
  private readonly encoder: LtEncoder;
  private readonly fountain: Generator<EncodedBlock, never>;
  private readonly header: Uint8Array;
  private shown = 0;

  /**
   * @param transferId 32-bit id of this message, drawn by the caller (crypto.getRandomValues).
   * @throws RangeError when the message needs more than MAX_SLICES slices.
   */
  constructor(message: Uint8Array, perimeterId: string, transferId: number) {
    this.encoder = createEncoder(message, SLICE_BYTES, true);
    if (this.encoder.k > MAX_SLICES) throw new RangeError(`message of ${this.encoder.k} slices`);
    this.fountain = this.encoder.fountain();
    const id = new TextEncoder().encode(perimeterId);
    if (id.length > 255) throw new RangeError('perimeter id too long');
    this.header = new Uint8Array([RELAY_FORMAT, ...uint32(transferId), id.length, ...id]);
  }

  /** The number of slices: frames needed with none lost. */
  get parts(): number {
    return this.encoder.k;
  }

  next(): string {
    for (;;) {
      const index = this.shown++;
      const block = index < this.encoder.k ? this.encoder.createBlock([index]) : this.fountain.next().value;
      const text = frameText(this.header, blockToBinary(block));
      if (text.length <= MAX_FRAME_CHARS || block.indices.length === 1) return text;
    }
  }
}

function frameText(header: Uint8Array, block: Uint8Array): string {
  const body = new Uint8Array(header.length + block.length);
  body.set(header);
  body.set(block, header.length);
  const framed = new Uint8Array(body.length + CHECK_BYTES);
  framed.set(body);
  framed.set(digest(body).subarray(0, CHECK_BYTES), body.length);
  return PREFIX + toBase64(framed);
}

function uint32(value: number): number[] {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads the frames of one message of one perimeter. Nothing is applied here: the caller gets the
 * message only once every slice arrived and its checksum (CRC-32 over the inflated message, the
 * library's) matched.
 */
export class RelayReader {
  private decoder = createDecoder();
  private transfer: number | undefined;
  private seen = new Set<string>();
  private lastFreshAt: number | undefined;
  private decoded = 0;

  constructor(
    private readonly perimeterId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The share of slices recovered so far, 0 to 100 (100 only once the message is whole). */
  get percent(): number {
    const k = this.decoder.meta?.k;
    return k ? Math.min(99, Math.floor((100 * this.decoded) / k)) : 0;
  }

  /** Whether a transfer started and no new slice or frame came for `ms` milliseconds. */
  stalled(ms: number): boolean {
    return this.lastFreshAt !== undefined && this.now() - this.lastFreshAt >= ms;
  }

  /** Starts over: the next frame read may begin another transfer. */
  reset(): void {
    this.decoder = createDecoder();
    this.transfer = undefined;
    this.seen = new Set();
    this.lastFreshAt = undefined;
    this.decoded = 0;
  }

  read(text: string): FrameRead {
    const frame = parseFrame(text);
    if ('refusal' in frame) return { status: 'refused', refusal: frame.refusal };
    if (frame.perimeterId !== this.perimeterId) return { status: 'refused', refusal: 'other-perimeter' };
    if (this.transfer !== undefined && frame.transfer !== this.transfer)
      return { status: 'refused', refusal: 'other-transfer' };
    const { block } = frame;
    const meta = this.decoder.meta;
    const fits =
      block.k >= 1 &&
      block.k <= MAX_SLICES &&
      block.bytes <= block.k * SLICE_BYTES &&
      block.data.length === SLICE_BYTES &&
      block.indices.length >= 1 &&
      block.indices.every((i) => Number.isInteger(i) && i < block.k) &&
      (!meta || (meta.k === block.k && meta.bytes === block.bytes && meta.checksum === block.checksum));
    if (!fits) return { status: 'refused', refusal: 'corrupted' };
    this.transfer = frame.transfer;
    const fresh = !this.seen.has(text);
    this.seen.add(text);
    if (fresh) this.lastFreshAt = this.now();
    const whole = this.decoder.addBlock(block);
    this.decoded = this.decoder.decodedCount;
    if (!whole) return { status: 'progress', percent: this.percent, fresh };
    try {
      const message = this.decoder.getDecoded();
      if (message) return { status: 'complete', message };
    } catch {
      // The library's checksum over the whole message failed: a forged frame with a valid check.
    }
    this.reset();
    return { status: 'failed' };
  }
}

type Parsed = { refusal: FrameRefusal } | { perimeterId: string; transfer: number; block: EncodedBlock };

function parseFrame(text: string): Parsed {
  if (!text.startsWith(PREFIX)) return { refusal: text.startsWith('TSG') ? 'newer-format' : 'corrupted' };
  const base64 = text.slice(PREFIX.length);
  if (!BASE64.test(base64) || base64.length % 4 !== 0) return { refusal: 'corrupted' };
  const framed = fromBase64(base64);
  if (framed.length < 8 + CHECK_BYTES) return { refusal: 'corrupted' };
  const body = framed.subarray(0, framed.length - CHECK_BYTES);
  const check = digest(body).subarray(0, CHECK_BYTES);
  if (!check.every((byte, i) => byte === framed[body.length + i])) return { refusal: 'corrupted' };
  if (body[0] !== RELAY_FORMAT) return { refusal: 'newer-format' };
  const transfer = ((body[1]! << 24) | (body[2]! << 16) | (body[3]! << 8) | body[4]!) >>> 0;
  const idLength = body[5]!;
  if (body.length < 6 + idLength + 16) return { refusal: 'corrupted' };
  const perimeterId = new TextDecoder().decode(body.subarray(6, 6 + idLength));
  try {
    // binaryToBlock reads from its buffer's start with 4-byte alignment: give it a copy of its own.
    const block = binaryToBlock(body.slice(6 + idLength));
    return { perimeterId, transfer, block };
  } catch {
    return { refusal: 'corrupted' };
  }
}
