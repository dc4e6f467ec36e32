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
import { ANSWER_VALUES } from '../domain/constants';
import type { HouseholdAnswers } from '../domain/matching';
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

/**
 * The same answers packed for the matches, which read every household's: one character per idea,
 * at the idea's place in the `answerIdeas` meta row (`PACKED_NONE` where the household gave no
 * answer; see `packAnswers`). About 170 bytes a household against some 4.6 KB as a record, so the
 * summary's read of the 500 households of the worst case costs a few milliseconds, not a hundred.
 */
export interface PackedAnswersRow {
  householdId: string;
  codes: string;
}

export interface RetiredRow {
  ideaId: string;
  retired: boolean;
  at: string;
}

export type MetaRow =
  | { key: 'perimeter'; value: Perimeter }
  | { key: 'stateVector'; value: Uint8Array }
  /**
   * The idea ids, each at the place its answers take in every packed row: a new idea is added at
   * the end, none moves until a rebuild, which places them afresh.
   */
  | { key: 'answerIdeas'; value: string[] };

export type ReadModelDb = Dexie & {
  meta: EntityTable<MetaRow, 'key'>;
  households: EntityTable<Household, 'id'>;
  householdAnswers: EntityTable<HouseholdAnswersRow, 'householdId'>;
  packedAnswers: EntityTable<PackedAnswersRow, 'householdId'>;
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
  // Version 4 adds the packed answers for the matches; forgetting the state vector fills them.
  db.version(4)
    .stores({ packedAnswers: 'householdId' })
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

  /**
   * Brings the read model up to date with the document, rebuilding it if it lags behind. Queued
   * like the projections, so a change projected after this call lands after the rebuild, and a
   * caller that does not wait for it (the workspace at open) can still wait with `settled`.
   */
  catchUp(): Promise<'current' | 'rebuilt'> {
    return this.enqueue(async () => {
      const stored = await this.db.meta.get('stateVector');
      if (stored && sameBytes(stored.value as Uint8Array, this.source.stateVector())) return 'current';
      await this.replaceAll(this.snapshotAll());
      return 'rebuilt';
    });
  }

  /**
   * Drops every table and projects the whole document again, in one transaction with its state
   * vector: a rebuild cut short leaves the previous state vector, so the next start rebuilds again.
   */
  rebuild(): Promise<void> {
    const rows = this.snapshotAll();
    return this.enqueue(() => this.replaceAll(rows));
  }

  private snapshotAll(): Rows {
    const all: ChangedKeys = new Map(
      MAP_NAMES.map((map) => [map, new Set([...this.source.entries(map)].map(([key]) => key))]),
    );
    return this.snapshot(all);
  }

  private replaceAll(rows: Rows): Promise<void> {
    return this.db.transaction('rw', this.tables(), async () => {
      await Promise.all(this.tables().map((table) => table.clear()));
      await this.write(rows);
    });
  }

  /**
   * Projects the keys a transaction changed. Must be called synchronously after that transaction:
   * the rows and the state vector are read at once, so what lands together is one consistent
   * state, and writes are queued so they land in document order.
   *
   * `after` holds the write back until it resolves: the workspace passes the local store's pending
   * writes, so that the projection, which is rebuildable, never competes with the durable write of
   * the change it follows (a tap's answer). Its rejection does not stop the projection.
   */
  project(changed: ChangedKeys, after: () => Promise<unknown> = () => Promise.resolve()): Promise<void> {
    const rows = this.snapshot(changed);
    return this.enqueue(async () => {
      await after().catch(() => undefined);
      await this.db.transaction('rw', this.tablesFor(rows), () => this.write(rows));
    });
  }

  /** Resolves once every projection queued so far has landed. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    // Not swallowed: `run` carries the failure to whoever enqueued the task; the queue goes on.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private tables() {
    const { meta, households, householdAnswers, packedAnswers, sessions, ideas, retired } = this.db;
    return [meta, households, householdAnswers, packedAnswers, sessions, ideas, retired];
  }

  /** Only the tables `rows` writes to (meta always): an answer locks three, not seven. */
  private tablesFor(rows: Rows) {
    const { db } = this;
    return [
      db.meta,
      ...(rows.households.length > 0 ? [db.households] : []),
      ...(rows.answers.size > 0 ? [db.householdAnswers, db.packedAnswers] : []),
      ...(rows.sessions.length > 0 ? [db.sessions] : []),
      ...(rows.ideas.length > 0 ? [db.ideas] : []),
      ...(rows.retired.length > 0 ? [db.retired] : []),
    ];
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

  /** Writes only what `rows` holds: a bulkPut of nothing would still open its table's store. */
  private async write(rows: Rows): Promise<void> {
    const { db } = this;
    const put = <T>(table: { bulkPut(items: T[]): Promise<unknown> }, items: T[]) =>
      items.length > 0 ? table.bulkPut(items) : undefined;
    await Promise.all([
      rows.perimeter ? db.meta.put({ key: 'perimeter', value: rows.perimeter }) : undefined,
      put(db.households, rows.households),
      put(db.sessions, rows.sessions),
      put(db.ideas, rows.ideas),
      put(db.retired, rows.retired),
      this.writeAnswers(rows.answers),
      db.meta.put({ key: 'stateVector', value: rows.stateVector }),
    ]);
  }

  /**
   * Folds each household's changed answers into its row: read, change, write back, inside the
   * caller's transaction, so the row keeps the household's other answers; and packs the row again
   * (`PackedAnswersRow`), placing ideas never answered before at the end of `answerIdeas`.
   */
  private async writeAnswers(changed: Map<string, Map<string, AnswerValue | undefined>>): Promise<void> {
    const { householdAnswers, packedAnswers, meta } = this.db;
    const ids = [...changed.keys()];
    if (ids.length === 0) return;
    const [stored, placed] = await Promise.all([householdAnswers.bulkGet(ids), meta.get('answerIdeas')]);
    const ideas = placed?.key === 'answerIdeas' ? placed.value : [];
    const places = new Map(ideas.map((ideaId, i) => [ideaId, i]));
    const known = ideas.length;
    const puts: HouseholdAnswersRow[] = [];
    const packed: PackedAnswersRow[] = [];
    const deletes: string[] = [];
    ids.forEach((householdId, i) => {
      const answers = { ...stored[i]?.answers };
      for (const [ideaId, value] of changed.get(householdId)!) {
        if (value === undefined) delete answers[ideaId];
        else answers[ideaId] = value;
        if (value !== undefined && !places.has(ideaId)) places.set(ideaId, ideas.push(ideaId) - 1);
      }
      if (Object.keys(answers).length === 0) deletes.push(householdId);
      else {
        puts.push({ householdId, answers });
        packed.push({ householdId, codes: packAnswers(answers, places) });
      }
    });
    await Promise.all([
      puts.length > 0 ? householdAnswers.bulkPut(puts) : undefined,
      packed.length > 0 ? packedAnswers.bulkPut(packed) : undefined,
      deletes.length > 0 ? householdAnswers.bulkDelete(deletes) : undefined,
      deletes.length > 0 ? packedAnswers.bulkDelete(deletes) : undefined,
      ideas.length > known ? meta.put({ key: 'answerIdeas', value: ideas }) : undefined,
    ]);
  }
}

/** What a packed row holds where its household gave no answer. */
export const PACKED_NONE = ' ';

/** The character of each answer value in a packed row: 'a' for the first of ANSWER_VALUES, and on. */
const packedCode = (value: AnswerValue) => String.fromCharCode(97 + ANSWER_VALUES.indexOf(value));

/**
 * A household's answers packed at their ideas' places (`places`: idea id → place, holding every
 * idea of `answers`): one character each, `PACKED_NONE` in between, nothing after the last answer.
 */
export function packAnswers(
  answers: Readonly<Record<string, AnswerValue>>,
  places: ReadonlyMap<string, number>,
): string {
  const codes: string[] = [];
  for (const ideaId in answers) codes[places.get(ideaId)!] = packedCode(answers[ideaId]!);
  return Array.from(codes, (code) => code ?? PACKED_NONE).join('');
}

/**
 * The packed rows as `summarize` reads them (household id → its answers), looked into where asked,
 * never unpacked whole. `ideas` is the `answerIdeas` meta row.
 */
export function packedAnswersViews(
  ideas: readonly string[],
  rows: readonly PackedAnswersRow[],
): Map<string, HouseholdAnswers> {
  const places = new Map(ideas.map((ideaId, i) => [ideaId, i]));
  const valueAt = (codes: string, place: number | undefined): AnswerValue | undefined =>
    place === undefined ? undefined : ANSWER_VALUES[codes.charCodeAt(place) - 97];
  return new Map(
    rows.map(({ householdId, codes }) => [
      householdId,
      {
        get: (ideaId: string) => valueAt(codes, places.get(ideaId)),
        *entries(): Generator<[string, AnswerValue]> {
          for (let place = 0; place < codes.length; place++) {
            const value = valueAt(codes, place);
            if (value !== undefined) yield [ideas[place]!, value];
          }
        },
      },
    ]),
  );
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
