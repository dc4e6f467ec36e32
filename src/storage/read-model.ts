/**
 * The read model of a perimeter: its shared document projected into Dexie tables for queries
 * (a household's answers, everyone's answers for the matches, households, sessions, local and
 * retired ideas). It is derived data: the perimeter's Yjs document is the source of truth, and the
 * read model can be dropped and rebuilt from it at any time. It records the document state vector
 * it reflects, so a device that stopped between a document write and its projection notices at the
 * next start and rebuilds.
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

/**
 * Every answer of one household, keyed by idea id. One row per household rather than per answer:
 * the worst case (500 households × 169 ideas) is 500 rows, which a rebuild writes and the matches
 * read in milliseconds, where 84,000 indexed rows took seconds. No answer, no row.
 */
export interface HouseholdAnswersRow {
  householdId: string;
  answers: Record<string, AnswerValue>;
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
  householdAnswers: EntityTable<HouseholdAnswersRow, 'householdId'>;
  sessions: EntityTable<Session, 'id'>;
  ideas: EntityTable<LocalIdea, 'id'>;
  retired: EntityTable<RetiredRow, 'ideaId'>;
};

/**
 * The IndexedDB name of a perimeter's read model. `profile` names this device's set of databases:
 * tests run several devices in one process.
 */
export function readModelDbName(perimeterId: string, profile = 'tissage'): string {
  return `${profile}-read-${perimeterId}`;
}

/** Opens (and, on first use or after an app update, creates or upgrades) the read model. */
export function openReadModelDb(perimeterId: string, profile = 'tissage'): ReadModelDb {
  const db = new Dexie(readModelDbName(perimeterId, profile)) as ReadModelDb;
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
  // Version 3 keeps one row per household instead of one per answer (see HouseholdAnswersRow).
  // The answer rows are dropped, not converted: forgetting the state vector makes the next start
  // rebuild everything from the document.
  db.version(3)
    .stores({ answers: null, householdAnswers: 'householdId' })
    .upgrade((tx) => tx.table('meta').delete('stateVector'));
  return db;
}

/** What the read model is derived from: the perimeter's shared document, seen through its maps. */
export interface ReadModelSource {
  entries<M extends MapName>(map: M): Iterable<[string, RecordTypes[M]]>;
  get<M extends MapName>(map: M, key: string): RecordTypes[M] | undefined;
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
   * Drops every table and projects the whole document again, in one transaction with its state
   * vector: a rebuild cut short leaves the previous state vector, so the next start rebuilds again.
   */
  rebuild(): Promise<void> {
    const all: ChangedKeys = new Map(
      MAP_NAMES.map((map) => [map, new Set([...this.source.entries(map)].map(([key]) => key))]),
    );
    const rows = this.snapshot(all);
    return this.enqueue(() =>
      this.db.transaction('rw', this.tables(), async () => {
        await Promise.all(this.tables().map((table) => table.clear()));
        await this.write(rows);
      }),
    );
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
    const { meta, households, householdAnswers, sessions, ideas, retired } = this.db;
    return [meta, households, householdAnswers, sessions, ideas, retired];
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
      answers: answersByHousehold(changed.get('answers') ?? [], source),
      stateVector: source.stateVector(),
    };
  }

  private async write(rows: Rows): Promise<void> {
    const { db } = this;
    await Promise.all([
      rows.perimeter ? db.meta.put({ key: 'perimeter', value: rows.perimeter }) : undefined,
      db.households.bulkPut(rows.households),
      db.sessions.bulkPut(rows.sessions),
      db.ideas.bulkPut(rows.ideas),
      db.retired.bulkPut(rows.retired),
      this.writeAnswers(rows.answers),
      db.meta.put({ key: 'stateVector', value: rows.stateVector }),
    ]);
  }

  /**
   * Folds each household's changed answers into its row: read, change, write back, inside the
   * caller's transaction, so the row keeps the household's other answers.
   */
  private async writeAnswers(changed: Map<string, Map<string, AnswerValue | undefined>>): Promise<void> {
    const { householdAnswers } = this.db;
    const ids = [...changed.keys()];
    if (ids.length === 0) return;
    const stored = await householdAnswers.bulkGet(ids);
    const puts: HouseholdAnswersRow[] = [];
    const deletes: string[] = [];
    ids.forEach((householdId, i) => {
      const answers = { ...stored[i]?.answers };
      for (const [ideaId, value] of changed.get(householdId)!) {
        if (value === undefined) delete answers[ideaId];
        else answers[ideaId] = value;
      }
      if (Object.keys(answers).length === 0) deletes.push(householdId);
      else puts.push({ householdId, answers });
    });
    await Promise.all([householdAnswers.bulkPut(puts), householdAnswers.bulkDelete(deletes)]);
  }
}

/** The changed answer keys, grouped by household: each idea's value now, undefined once removed. */
function answersByHousehold(
  keys: Iterable<string>,
  source: ReadModelSource,
): Map<string, Map<string, AnswerValue | undefined>> {
  const byHousehold = new Map<string, Map<string, AnswerValue | undefined>>();
  for (const key of keys) {
    const ids = parseAnswerKey(key);
    if (!ids) continue;
    const answers = byHousehold.get(ids.householdId) ?? new Map<string, AnswerValue | undefined>();
    answers.set(ids.ideaId, source.get('answers', key)?.value);
    byHousehold.set(ids.householdId, answers);
  }
  return byHousehold;
}

interface Rows {
  perimeter: Perimeter | undefined;
  households: Household[];
  sessions: Session[];
  ideas: LocalIdea[];
  retired: RetiredRow[];
  answers: Map<string, Map<string, AnswerValue | undefined>>;
  stateVector: Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
