/**
 * What one client may cost the server: how large a sync message may be for its role, how many sync
 * messages, authentications and API requests it may send, how many documents one socket may open
 * and how many connections one credential may hold. A single household credential once flooded its
 * whole perimeter (issue 8): every budget here is a bound that holds whatever the client sends.
 *
 * Rates are counted with rate-limiter-flexible's `RateLimiterMemory` (one process, no shared
 * store), in fixed windows of `rateWindowSeconds`, per credential and per address. Addresses are
 * the TCP peer's: behind a reverse proxy every client shares the proxy's address, which is why the
 * per-address defaults let 200 phones of one perimeter sync at once through one address.
 * `X-Forwarded-For` is not read: any client can write it.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Actor } from '../domain';
import { MAX_MESSAGE_BYTES } from './websocket';

export interface BudgetOptions {
  /** Every rate below is counted over windows of this many seconds. */
  rateWindowSeconds: number;
  /**
   * Largest sync message from a household connection, in bytes. Measured (bench/flood.ts): a
   * phone's sync step 2 after answering all 169 ideas twice offline, on the largest perimeter
   * (500 households × 169 answers, every other one changed), is about 120 kB, most of it the whole
   * document's delete set that every step 2 carries. 512 KiB leaves nearly four times that.
   */
  householdMessageBytes: number;
  /**
   * Largest sync message from a facilitator connection: a tablet's first upload of a whole
   * perimeter (8.2 MB for the largest, bench/rights-check.ts). The WebSocket frame limit
   * (MAX_MESSAGE_BYTES) caps it whatever is set here.
   */
  facilitatorMessageBytes: number;
  /**
   * Bytes of sync messages per window and household credential: what the rights check decodes.
   * A scan is a few kilobytes; a reconnection's step 2 up to 134 kB on the largest perimeter.
   */
  householdBytesPerCredential: number;
  /** Bytes of sync messages per window and facilitator credential: a first upload is 8.2 MB. */
  facilitatorBytesPerCredential: number;
  /** Sync messages per window and credential, all its devices together (a scan sends one per tap). */
  messagesPerCredential: number;
  /** Sync messages per window and address: a whole perimeter may sit behind one address. */
  messagesPerAddress: number;
  /** Authentications (one per document a socket opens) per window and credential. */
  authenticationsPerCredential: number;
  /** Authentications per window and address: 200 phones reconnecting at once through one address. */
  authenticationsPerAddress: number;
  /**
   * Refusals per window and address (a socket closed for a rate or a size, an authentication
   * denied) before that address may not open a socket until the window ends. A refused client
   * that reconnects at once costs a WebSocket handshake each time; a real device waits its delay,
   * and 200 phones behind one address are rarely refused at all.
   */
  refusalsPerAddress: number;
  /** `/api/` requests per window and address. */
  apiRequestsPerAddress: number;
  /**
   * How long a document stays loaded after a connection to it ended, in ms. A device that
   * reconnects, or a client refused and reconnecting at once, would otherwise make the server
   * load the whole document from SQLite at each connection (hundreds of milliseconds for a large
   * perimeter: bench/flood.ts showed it as the longest stalls of a flood).
   */
  documentLingerMs: number;
  /** Document connections one socket may hold: the app opens one per perimeter it belongs to. */
  documentsPerSocket: number;
  /** Connections one credential may hold at once: a household's or a facilitator's few devices. */
  connectionsPerCredential: number;
}

export const DEFAULT_BUDGETS: BudgetOptions = {
  rateWindowSeconds: 10,
  householdMessageBytes: 512 * 1024,
  facilitatorMessageBytes: MAX_MESSAGE_BYTES,
  householdBytesPerCredential: 2 * 1024 * 1024,
  facilitatorBytesPerCredential: 64 * 1024 * 1024,
  messagesPerCredential: 200,
  messagesPerAddress: 20_000,
  authenticationsPerCredential: 30,
  authenticationsPerAddress: 2_000,
  apiRequestsPerAddress: 2_000,
  refusalsPerAddress: 100,
  documentLingerMs: 10_000,
  documentsPerSocket: 4,
  connectionsPerCredential: 8,
};

/**
 * Close code for a socket that went over a rate: outside Hocuspocus's own codes (4xxx mirror HTTP
 * statuses there), so a client can tell "slow down" from a refusal. The provider reconnects after
 * its delay and resends what the server has not acknowledged; nothing is dropped on the device.
 */
export const RATE_LIMITED = { code: 4429, reason: 'rate-limited' } as const;

export type RateName = 'messages' | 'authentications' | 'api';

/** The budgets of one running server. */
export class Budgets {
  readonly options: BudgetOptions;
  private readonly limiters: Record<RateName, { address: RateLimiterMemory; credential?: RateLimiterMemory }>;
  private readonly bytes: Record<Actor['kind'], RateLimiterMemory>;
  private readonly refusals: RateLimiterMemory;

  constructor(options: Partial<BudgetOptions> = {}) {
    this.options = { ...DEFAULT_BUDGETS, ...options };
    const o = this.options;
    const limiter = (points: number) => new RateLimiterMemory({ points, duration: o.rateWindowSeconds });
    this.limiters = {
      messages: { address: limiter(o.messagesPerAddress), credential: limiter(o.messagesPerCredential) },
      authentications: {
        address: limiter(o.authenticationsPerAddress),
        credential: limiter(o.authenticationsPerCredential),
      },
      // An API request carries its token in each request, read after this budget: by address only.
      api: { address: limiter(o.apiRequestsPerAddress) },
    };
    this.refusals = limiter(o.refusalsPerAddress);
    this.bytes = {
      household: limiter(o.householdBytesPerCredential),
      facilitator: limiter(o.facilitatorBytesPerCredential),
    };
  }

  /** The largest sync message a connection of `actor` may send, in bytes. */
  messageBytes(actor: Actor): number {
    return actor.kind === 'facilitator'
      ? this.options.facilitatorMessageBytes
      : this.options.householdMessageBytes;
  }

  /**
   * Counts one `rate` event of `address` (and of `credential`, when known). Resolves to null when
   * within budget, or to the milliseconds until the budget allows another event.
   */
  spend(rate: RateName, address: string, credential?: string): Promise<number | null> {
    const { address: byAddress, credential: byCredential } = this.limiters[rate];
    return waitOf(async () => {
      await byAddress.consume(address);
      if (credential !== undefined) await byCredential?.consume(credential);
    });
  }

  /** Counts a refusal of `address` (see `refusalsPerAddress`). */
  countRefusal(address: string): void {
    // A penalty only counts (it never rejects): `admit` reads the count.
    void this.refusals.penalty(address);
  }

  /**
   * Whether `address` may open a socket: null, or the milliseconds until it may, when it was
   * refused more than `refusalsPerAddress` times in the current window.
   */
  async admit(address: string): Promise<number | null> {
    const counted = await this.refusals.get(address);
    return counted && counted.consumedPoints > this.options.refusalsPerAddress
      ? Math.max(counted.msBeforeNext, 1)
      : null;
  }

  /**
   * Counts `bytes` of sync messages of a credential of `actor`'s role: the work a flood of valid
   * but large messages makes the rights check do is bounded by bytes, not by messages. Resolves
   * as `spend`.
   */
  spendBytes(actor: Actor, credential: string, bytes: number): Promise<number | null> {
    return waitOf(() => this.bytes[actor.kind].consume(credential, bytes));
  }
}

async function waitOf(consume: () => Promise<unknown>): Promise<number | null> {
  try {
    await consume();
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(error.msBeforeNext, 1);
    throw error;
  }
}
