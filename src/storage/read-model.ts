/**
 * The read model of a perimeter: its shared document projected into Dexie tables for queries
 * (answers by idea, by household, by theme; households by session). It is derived data: the
 * perimeter's Yjs document is the source of truth, and the read model can be dropped and rebuilt
 * from it at any time. It records the document state vector it reflects, so a device that stopped
 * between a document write and its projection notices at the next start and rebuilds.
 *
 * Schema versions are append-only; since the data is derived, a new version may simply clear the
 * tables and let the next start rebuild them.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AnswerValue, Household, LocalIdea, Perimeter, Session } from '../domain';
import {
  type MapName,
  type RecordTypes,
  MAP_NAMES,
  PERIMETER_KEY,
  asPerimeter,
  parseAnswerKey,
} from '../domain/records';

export interface AnswerRow {
  householdId: string;
  ideaId: string;
  theme: string;
  value: AnswerValue;
  at: string;
}

export interface RetiredRow {
  ideaId: string;
  retired: boolean;
  at: string;
}

export type MetaRow = { key: 'perimeter'; value: Perimeter } | { key: 'stateVector'; value: Uint8Array };

export type ReadModelDb = Dexie & {
  meta: EntityTable<MetaRow, 'key'>;
  households: EntityTable<Household, 'id'>;
  answers: EntityTable<AnswerRow, 'householdId'>;
  sessions: EntityTable<Session, 'id'>;
  ideas: EntityTable<LocalIdea, 'id'>;
  retired: EntityTable<RetiredRow, 'ideaId'>;
};

/** `profile` names this device's set of databases: tests run several devices in one process. */
export function openReadModelDb(perimeterId: string, profile = 'tissage'): ReadModelDb {
  const db = new Dexie(`${profile}-read-${perimeterId}`) as ReadModelDb;
  db.version(1).stores({
    meta: 'key',
    households: 'id, sessionId, place',
    answers: '[householdId+ideaId], householdId, ideaId, theme, [ideaId+value]',
    sessions: 'id, openedAt',
    ideas: 'id, theme',
    retired: 'ideaId',
  });
  // Version 2 drops the [ideaId+value] index no query used: fewer index writes per answer.
  db.version(2).stores({
    answers: '[householdId+ideaId], householdId, ideaId, theme',
  });
  return db;
}

/** What the read model is derived from: the perimeter's shared document, seen through its maps. */
export interface ReadModelSource {
  entries<M extends MapName>(map: M): Iterable<[string, RecordTypes[M]]>;
  get<M extends MapName>(map: M, key: string): RecordTypes[M] | undefined;
  themeOf(ideaId: string): string;
  stateVector(): Uint8Array;
}

export type ChangedKeys = Map<MapName, Set<string>>;

export class ReadModel {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly db: ReadModelDb,
    private readonly source: ReadModelSource,
  ) {}

  /** Brings the read model up to date with the document, rebuilding it if it lags behind. */
  async catchUp(): Promise<'current' | 'rebuilt'> {
    const stored = await this.db.meta.get('stateVector');
    if (stored && sameBytes(stored.value as Uint8Array, this.source.stateVector())) return 'current';
    await this.rebuild();
    return 'rebuilt';
  }

  /**
   * Drops every table and projects the whole document again. Everything but the answers lands in
   * a first transaction, so the first screens (profiles, sessions, counts) show at once; answers
   * follow in chunks; the state vector comes last, so a rebuild cut short is started again.
   */
  rebuild(): Promise<void> {
    const all: ChangedKeys = new Map(
      MAP_NAMES.map((map) => [map, new Set([...this.source.entries(map)].map(([key]) => key))]),
    );
    const { answers, stateVector, ...rest } = this.snapshot(all);
    return this.enqueue(async () => {
      await this.db.transaction('rw', this.tables(), async () => {
        await Promise.all(this.tables().map((table) => table.clear()));
        await this.write({ ...rest, answers: [] });
      });
      for (let at = 0; at < answers.length; at += REBUILD_CHUNK) {
        await this.db.answers.bulkPut(answers.slice(at, at + REBUILD_CHUNK));
      }
      await this.db.meta.put({ key: 'stateVector', value: stateVector });
    });
  }

  /**
   * Projects the keys a transaction changed. Must be called synchronously after that transaction:
   * the rows and the state vector are read at once, so what lands together is one consistent
   * state, and writes are queued so they land in document order.
   */
  project(changed: ChangedKeys): Promise<void> {
    const rows = this.snapshot(changed);
    return this.enqueue(() => this.db.transaction('rw', this.tables(), () => this.write(rows)));
  }

  /** Resolves once every projection queued so far has landed. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    // Not swallowed: `run` carries the failure to whoever enqueued the task; the queue goes on.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private tables() {
    const { meta, households, answers, sessions, ideas, retired } = this.db;
    return [meta, households, answers, sessions, ideas, retired];
  }

  private snapshot(changed: ChangedKeys): Rows {
    const { source } = this;
    const rows = <M extends MapName>(map: M) =>
      [...(changed.get(map) ?? [])].flatMap((key) => {
        const value = source.get(map, key);
        return value === undefined ? [] : [[key, value] as const];
      });
    return {
      perimeter: asPerimeter(rows('meta').find(([key]) => key === PERIMETER_KEY)?.[1]),
      households: rows('profiles').map(([, value]) => value),
      sessions: rows('sessions').map(([, value]) => value),
      ideas: rows('ideas').map(([, value]) => value),
      retired: rows('retired').map(([ideaId, value]) => ({ ideaId, ...value })),
      answers: rows('answers').flatMap(([key, value]) => {
        const ids = parseAnswerKey(key);
        return ids ? [{ ...ids, theme: source.themeOf(ids.ideaId), ...value }] : [];
      }),
      stateVector: source.stateVector(),
    };
  }

  /** Without a state vector, the rows land but the read model does not yet claim to be current. */
  private async write(rows: Omit<Rows, 'stateVector'> & { stateVector?: Uint8Array }): Promise<void> {
    const { db } = this;
    await Promise.all([
      rows.perimeter ? db.meta.put({ key: 'perimeter', value: rows.perimeter }) : undefined,
      db.households.bulkPut(rows.households),
      db.sessions.bulkPut(rows.sessions),
      db.ideas.bulkPut(rows.ideas),
      db.retired.bulkPut(rows.retired),
      db.answers.bulkPut(rows.answers),
      rows.stateVector ? db.meta.put({ key: 'stateVector', value: rows.stateVector }) : undefined,
    ]);
  }
}

interface Rows {
  perimeter: Perimeter | undefined;
  households: Household[];
  sessions: Session[];
  ideas: LocalIdea[];
  retired: RetiredRow[];
  answers: AnswerRow[];
  stateVector: Uint8Array;
}

/** Answer rows per transaction in a rebuild: big enough to amortize commits, small enough to yield. */
const REBUILD_CHUNK = 5000;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
