/**
 * Many phones for the sync benches, spread over worker threads (bench/sync-phones-worker.ts): each
 * phone is the app's PerimeterSync over ws with its own Y.Doc, as in bench/sync-device.ts.
 *
 * Why threads: 200 phones each holding a 500-household document make a 2 GB heap in one thread,
 * whose every minor collection then takes tens of milliseconds, and one thread handles every
 * message of every phone in turn. Real phones each have their own CPU; a few threads with their
 * own heaps come closer, so that the figures say more about the server than about this process.
 */
import { Worker } from 'node:worker_threads';

export interface FleetData {
  wsUrl: string;
  perimeterId: string;
  /** `index` numbers the phone across the fleet; it picks the ideas the phone answers. */
  phones: { householdId: string; token: string; index: number }[];
  expectedAnswers: number;
  answersEach: number;
  joinBatch: number;
}

/** Absolute times: performance.timeOrigin + performance.now(), comparable across threads. */
export interface Progress {
  allOnlineAt: number | null;
  allStoredAt: number | null;
  /** The state vector all of this thread's phones hold and were told is stored, if any. */
  agreedKey: string | null;
  agreedAt: number | null;
}

export interface PhoneReport {
  clientId: number;
  ownClock: number;
  /** After the `online` event: when the phone's socket opened, when it first sent changes, and when it got the ack covering its own. */
  openedAt: number | null;
  sentAt: number | null;
  storedAt: number | null;
  vectorKey: string;
  answersHash: string;
  refusals: number;
  sockets: number;
}

export type ToWorker =
  { type: 'offline' | 'write' | 'online' | 'report' | 'close' } | { type: 'tap'; taps: number };

/** One thread's phones tapping online (absolute times, ms): see PhoneFleet.tapOnline. */
export interface Tapped {
  startedAt: number;
  finishedAt: number;
  /** Per tap, from the local write to the acknowledgement covering it (ms). */
  saved: number[];
  refusals: number;
}

export type FromWorker =
  | { type: 'joined' | 'offline' | 'closed' }
  | { type: 'online'; at: number }
  | { type: 'written'; written: [string, unknown][] }
  | { type: 'progress'; progress: Progress }
  | ({ type: 'tapped' } & Tapped)
  | {
      type: 'report';
      phones: PhoneReport[];
      stores: { at: number; vector: [number, number][] }[];
      loopDelay: { mean: number; max: number };
    }
  | { type: 'error'; message: string };

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

const WORKER = new URL('./sync-phones-worker.ts', import.meta.url).href;
/** Workers do not inherit `--import tsx`; this registers tsx in the worker before loading it. */
const BOOTSTRAP = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(WORKER)});`;

export class PhoneFleet {
  private readonly waiting = new Map<
    Worker,
    { type: string; resolve(message: FromWorker): void; reject(error: Error): void }
  >();
  private readonly failures: string[] = [];
  /** Each thread's latest progress after `online`. */
  readonly progress = new Map<Worker, Progress>();
  private onProgress: (() => void) | undefined;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: FromWorker) => this.receive(worker, message));
      worker.on('error', (error) => this.fail(`worker error: ${String(error)}`));
    }
  }

  /** Starts the threads; resolves once every phone synced the whole document. */
  static async start(data: FleetData, threads: number): Promise<PhoneFleet> {
    const workers = Array.from({ length: threads }, (_, t) => {
      const phones = data.phones.filter((_, p) => p % threads === t);
      const joinBatch = Math.max(1, Math.round(data.joinBatch / threads));
      return new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, phones, joinBatch } });
    });
    const fleet = new PhoneFleet(workers);
    try {
      await fleet.all('joined');
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return fleet;
  }

  async goOffline(): Promise<void> {
    await this.request({ type: 'offline' }, 'offline');
  }

  /** Every answer written offline, by key. */
  async writeOffline(): Promise<Map<string, unknown>> {
    const replies = await this.request({ type: 'write' }, 'written');
    return new Map(replies.flatMap(({ written }) => written));
  }

  /**
   * Brings every phone back online at once; resolves when all threads agree on one stored state
   * vector that covers every phone's own changes, or after `timeout` ms. `started` is when the
   * first thread dispatched `online`, `skew` how much later the last one did (ms).
   */
  async reconnect(timeout: number): Promise<{ started: number; skew: number; agreed: boolean }> {
    this.progress.clear();
    const agreed = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeout);
      this.onProgress = () => {
        const all = [...this.progress.values()];
        const key = all[0]?.agreedKey;
        if (all.length === this.workers.length && key && all.every((p) => p.agreedKey === key)) {
          clearTimeout(timer);
          resolve(true);
        }
      };
    });
    const online = (await this.request({ type: 'online' }, 'online')).map(({ at }) => at);
    const started = Math.min(...online);
    return { started, skew: Math.max(...online) - started, agreed: await agreed };
  }

  /**
   * Every phone, online, answers `taps` ideas one after the other, each tap as soon as the server
   * acknowledged the previous one as stored: as many writers as phones, each as fast as the server
   * lets it. Resolves with every thread's account.
   */
  async tapOnline(taps: number): Promise<Tapped[]> {
    return (await this.request({ type: 'tap', taps }, 'tapped')).map(({ type: _, ...tapped }) => tapped);
  }

  /** The latest of each thread's times (all of them, or null if one thread never got there). */
  latest(field: Exclude<keyof Progress, 'agreedKey'>): number | null {
    const times = [...this.progress.values()].map((p) => p[field]);
    if (times.length < this.workers.length || times.some((t) => t === null)) return null;
    return Math.max(...(times as number[]));
  }

  async report(): Promise<Omit<Reply<'report'>, 'type'>> {
    const replies = await this.request({ type: 'report' }, 'report');
    return {
      phones: replies.flatMap((r) => r.phones),
      stores: replies.flatMap((r) => r.stores),
      loopDelay: {
        mean: replies.reduce((sum, r) => sum + r.loopDelay.mean, 0) / replies.length,
        max: Math.max(...replies.map((r) => r.loopDelay.max)),
      },
    };
  }

  async close(): Promise<void> {
    await this.request({ type: 'close' }, 'closed').catch(() => undefined);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private request<T extends FromWorker['type']>(message: ToWorker, reply: T): Promise<Reply<T>[]> {
    const replies = this.all(reply);
    for (const worker of this.workers) worker.postMessage(message);
    return replies;
  }

  private all<T extends FromWorker['type']>(type: T): Promise<Reply<T>[]> {
    if (this.failures.length > 0) return Promise.reject(new Error(this.failures.join('\n')));
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<Reply<T>>((resolve, reject) =>
            this.waiting.set(worker, { type, resolve: (m) => resolve(m as Reply<T>), reject }),
          ),
      ),
    );
  }

  private receive(worker: Worker, message: FromWorker): void {
    if (message.type === 'progress') {
      this.progress.set(worker, message.progress);
      this.onProgress?.();
    } else if (message.type === 'error') {
      this.fail(message.message);
    } else if (this.waiting.get(worker)?.type === message.type) {
      const { resolve } = this.waiting.get(worker)!;
      this.waiting.delete(worker);
      resolve(message);
    }
  }

  /** A thread failed: whatever waits on the fleet fails with it, and so does any later request. */
  private fail(why: string): void {
    this.failures.push(why);
    for (const { reject } of this.waiting.values()) reject(new Error(`phone fleet: ${why}`));
    this.waiting.clear();
  }
}
