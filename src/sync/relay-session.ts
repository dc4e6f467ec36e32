/**
 * One device's side of a QR relay (qr-relay.ts), as the relay screens use it: what to show
 * (`showing`: the frames of this device's next message) and what to do with each text the camera
 * reads (`read`). The device's document changes only when a whole message arrived and passed the
 * rights check; every other outcome leaves it as it was.
 */
import type * as Y from 'yjs';
import type { Actor } from '../domain';
import {
  type Arrived,
  type RelayMessage,
  answerMessage,
  applyMessage,
  decodeMessage,
  encodeMessage,
  openingMessage,
} from './qr-relay';
import { type FrameRefusal, RelayFrames, RelayReader } from './relay-frames';

/** What one text read by the camera led to, for the receiving screen. */
export type RelayStep =
  | { status: 'progress'; percent: number }
  | { status: 'refused'; problem: FrameRefusal }
  | { status: 'done'; arrived: Arrived }
  | { status: 'rejected'; problem: 'failed' | 'unreadable' | 'forbidden' | 'invalid' };

export interface RelaySessionOptions {
  doc: Y.Doc;
  perimeterId: string;
  /** Who this device writes as: the facilitator, or the phone's household. */
  self: Actor;
  catalogueIdeas: ReadonlySet<string>;
  /** The transaction origin of an applied message. */
  origin: unknown;
  now?: () => number;
  /** 32-bit transfer ids; crypto.getRandomValues by default. */
  transferId?: () => number;
}

export class RelaySession {
  private readonly reader: RelayReader;
  private peer: RelayMessage | undefined;

  constructor(private readonly options: RelaySessionOptions) {
    this.reader = new RelayReader(options.perimeterId, options.now);
  }

  /**
   * The frames of this device's next message: its state vector first, and once it read the
   * peer's, what the peer lacks with it.
   */
  showing(): RelayFrames {
    const { doc, self, perimeterId } = this.options;
    const message = this.peer ? answerMessage(doc, self, this.peer) : openingMessage(doc, self);
    const id = this.options.transferId?.() ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
    return new RelayFrames(encodeMessage(message), perimeterId, id);
  }

  read(text: string): RelayStep {
    const read = this.reader.read(text);
    if (read.status === 'progress') return { status: 'progress', percent: read.percent };
    if (read.status === 'refused') return { status: 'refused', problem: read.refusal };
    if (read.status === 'failed') return { status: 'rejected', problem: 'failed' };
    // A whole message: the next one read is another transfer.
    this.reader.reset();
    const message = decodeMessage(read.message);
    if (!message) return { status: 'rejected', problem: 'unreadable' };
    const { doc, perimeterId, catalogueIdeas, origin } = this.options;
    const applied = applyMessage(doc, message, { perimeterId, catalogueIdeas, origin });
    if (!applied.ok) return { status: 'rejected', problem: applied.refusal };
    this.peer = message;
    return { status: 'done', arrived: applied.arrived };
  }

  /** Whether a transfer started and nothing new was read for `ms` milliseconds. */
  stalled(ms: number): boolean {
    return this.reader.stalled(ms);
  }

  /** Drops what was read of the current transfer. */
  restart(): void {
    this.reader.reset();
  }
}
