/**
 * The shared document of one perimeter: the single source of truth for what its neighbours share
 * (public profiles, answers, sessions, local ideas, retirements). Everything is kept in flat
 * top-level maps of plain JSON values (see domain/records.ts for why); contact details never enter it.
 */
import * as Y from 'yjs';
import {
  type AnswerValue,
  type Catalogue,
  type Change,
  type Household,
  type Idea,
  type MapName,
  type Perimeter,
  type PerimeterView,
  type RecordTypes,
  type Session,
  type SharedMapName,
  type HouseholdCredential,
  FORMAT_VERSION_KEY,
  MAP_NAMES,
  PERIMETER_KEY,
  answerKey,
  asPerimeter,
  canReadFormat,
} from '../domain';

export class PerimeterDoc implements PerimeterView {
  private readonly shippedIdeas: Map<string, Idea>;
  private readonly themes: Set<string>;

  constructor(
    readonly doc: Y.Doc,
    catalogue: Catalogue,
  ) {
    this.shippedIdeas = new Map(catalogue.ideas.map((idea) => [idea.id, idea]));
    this.themes = new Set(catalogue.themes.map((theme) => theme.id));
  }

  map<M extends SharedMapName>(name: M): Y.Map<RecordTypes[M]> {
    return this.doc.getMap<RecordTypes[M]>(name);
  }

  /** Applies a command's changes in one transaction, so they reach storage and peers as one update. */
  apply(changes: Change[], origin: unknown): void {
    this.doc.transact(() => {
      for (const change of changes) this.map(change.map).set(change.key, change.value);
    }, origin);
  }

  perimeter(): Perimeter | undefined {
    return asPerimeter(this.map('meta').get(PERIMETER_KEY));
  }

  /**
   * Whether this app knows the document's format (domain/format.ts). When it does not, nothing of
   * the document may be projected, shown or written: a newer app wrote it under rules this one
   * does not know.
   */
  readable(): boolean {
    return readableDoc(this.doc);
  }

  household(id: string): Household | undefined {
    return this.map('profiles').get(id);
  }

  session(id: string): Session | undefined {
    return this.map('sessions').get(id);
  }

  idea(id: string): Idea | undefined {
    return this.shippedIdeas.get(id) ?? this.map('ideas').get(id);
  }

  isRetired(ideaId: string): boolean {
    return this.map('retired').get(ideaId)?.retired === true;
  }

  credential(id: string): HouseholdCredential | undefined {
    return this.map('credentials').get(id);
  }

  answerOf(householdId: string, ideaId: string): AnswerValue | undefined {
    return this.map('answers').get(answerKey(householdId, ideaId))?.value;
  }

  hasTheme(themeId: string): boolean {
    return this.themes.has(themeId);
  }

  themeOf(ideaId: string): string {
    return this.idea(ideaId)?.theme ?? '';
  }

  get<M extends MapName>(map: M, key: string): RecordTypes[M] | undefined {
    return this.map(map).get(key);
  }

  entries<M extends MapName>(map: M): Iterable<[string, RecordTypes[M]]> {
    return this.map(map).entries();
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /**
   * Calls `listener` after every transaction that changed the document, local or remote, with the
   * record keys it touched per map: possibly none, when it touched only maps outside MAP_NAMES
   * (credentials). Projections record the state vector they reflect, so they must
   * hear of every transaction that moves it, or they look behind at the next start and rebuild.
   * Returns the function that stops listening.
   */
  onChanged(listener: (changed: Map<MapName, Set<string>>) => void): () => void {
    const names = new Map<unknown, MapName>(MAP_NAMES.map((name) => [this.map(name), name]));
    const handler = (transaction: Y.Transaction) => {
      const changed = new Map<MapName, Set<string>>();
      for (const [type, keys] of transaction.changed) {
        const name = names.get(type);
        if (!name) continue;
        changed.set(name, new Set([...keys].filter((key): key is string => key !== null)));
      }
      if (transaction.changed.size > 0) listener(changed);
    };
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }
}

/** Whether this app knows the format of `doc` (a whole document, or one about to be merged). */
export function readableDoc(doc: Y.Doc): boolean {
  return canReadFormat(doc.getMap('meta').get(FORMAT_VERSION_KEY));
}
