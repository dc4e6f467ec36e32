/**
 * What the UI needs from the rest of the app, declared here so that screens depend on this
 * contract only; main.tsx hands them an implementation built from storage and sync.
 */
import type {
  AnswerValue,
  Catalogue,
  Contact,
  Household,
  Idea,
  LocalIdeaInput,
  MatchSummary,
  Perimeter,
  PerimeterInput,
  Result,
  Session,
  SessionInput,
  SignUpInput,
} from '../domain';

/** A value that changes over time (Dexie's liveQuery observables satisfy it). */
export interface Live<T> {
  subscribe(next: (value: T) => void, error?: (reason: unknown) => void): { unsubscribe(): void };
}

/** Where a household stands in its catalogue scan on this device. */
export interface ScanState {
  householdId: string;
  sessionId: string | null;
  /** The idea on screen when the scan was left; undefined before the first idea. */
  ideaId: string | undefined;
  finishedAt: string | null;
  updatedAt: string;
}

export interface EffectiveCatalogue {
  version: number;
  themes: Catalogue['themes'];
  /** Shipped and local ideas, retired ones included (see `retired`). */
  ideas: Idea[];
  retired: ReadonlySet<string>;
  localIds: ReadonlySet<string>;
}

export type PersistenceStatus = 'granted' | 'refused' | 'unsupported' | 'unknown';

export interface PerimeterQueries {
  perimeter(): Live<Perimeter | undefined>;
  households(): Live<Household[]>;
  sessions(): Live<Session[]>;
  /** idea id -> answer value, for one household. */
  answersOf(householdId: string): Live<Map<string, AnswerValue>>;
  scans(): Live<ScanState[]>;
  catalogue(): Live<EffectiveCatalogue>;
  summary(householdId: string): Promise<MatchSummary>;
  /** Contact details kept on this device; for the facilitator's eyes only. */
  contact(householdId: string): Promise<Contact | undefined>;
}

export interface PerimeterCommands {
  openSession(input: SessionInput): Promise<Result<string>>;
  setPresence(sessionId: string, present: string[]): Promise<Result<null>>;
  closeSession(sessionId: string): Promise<Result<null>>;
  /** Signs up a household; its scan starts on this device. */
  signUp(sessionId: string, input: SignUpInput): Promise<Result<string>>;
  /**
   * Records an answer and moves the household's scan to `nextIdeaId` (or marks it finished when
   * undefined). Resolves once both are durable on this device: only then may the UI move on.
   */
  answer(
    householdId: string,
    ideaId: string,
    value: AnswerValue,
    nextIdeaId: string | undefined,
  ): Promise<Result<null>>;
  /**
   * Moves the scan without answering (back, skip a theme), or marks it finished when `ideaId` is
   * undefined. Durable when it resolves.
   */
  moveScan(householdId: string, ideaId: string | undefined): Promise<Result<null>>;
  addLocalIdea(input: LocalIdeaInput): Promise<Result<string>>;
  retireIdea(ideaId: string, retired: boolean): Promise<Result<null>>;
}

export interface PerimeterServices {
  id: string;
  queries: PerimeterQueries;
  commands: PerimeterCommands;
}

export interface AppServices {
  /** The perimeter this device works on, if any (first run otherwise). */
  currentPerimeter(): Live<string | undefined>;
  /** Opens (lazily loads) everything to work on a perimeter. */
  openPerimeter(id: string): Promise<PerimeterServices>;
  /** First run: creates the perimeter and its founding residents on this device. */
  createPerimeter(input: PerimeterInput): Promise<Result<string>>;
  /** Asks the browser to keep this device's data; says what it answered. */
  requestPersistence(): Promise<PersistenceStatus>;
  persistence(): Live<PersistenceStatus>;
  /** A new version of the app is waiting; `apply` reloads into it. */
  onUpdateReady(listener: (apply: () => void) => void): () => void;
}
