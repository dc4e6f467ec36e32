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
  ImportOutcome,
  LocalIdeaInput,
  MatchSummary,
  Perimeter,
  PerimeterInput,
  Result,
  Session,
  SessionInput,
  SignUpInput,
} from '../domain';
import type { BackgroundTask, ReportError } from '../domain/device-errors';
import type { SyncStatus } from '../workspace/app-services';

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

/** How this device stands with the sync server: the one status type, from src/sync/sync-status.ts. */
export type { SyncStatus };

export interface DeviceAccess {
  role: 'facilitator' | 'household';
  /** The household this device speaks for, in the household role. */
  householdId: string | null;
}

export interface IssuedCredential {
  credentialId: string;
  token: string;
  /** The secret in groups of four, to write down: "abcd-efgh-jkmn-pqrs". */
  shortCode: string;
  /** The link to open on the household's phone (what the QR code holds). */
  link: string;
}

export type JoinResult =
  | { ok: true; perimeterId: string }
  | {
      ok: false;
      reason: 'offline' | 'invalid-code' | 'unknown-credential' | 'perimeter-in-use' | 'server-error';
    };

export type ImportResult = ImportOutcome;

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
  /** Contact details recorded here that the server has not stored yet. */
  contactsWaiting(): Live<number>;
  sync(): Live<SyncStatus>;
  /** How this device joined the perimeter; undefined for a tablet not attached to a server. */
  access(): Live<DeviceAccess | undefined>;
  credentialsOf(householdId: string): Promise<{ credentialId: string; issuedAt: string; revoked: boolean }[]>;
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
  /** Gives a household access from its phone, with no network needed; shown once, never kept. */
  issueCredential(householdId: string): Promise<Result<IssuedCredential>>;
  revokeCredential(credentialId: string): Promise<Result<null>>;
  /** The perimeter and the contacts not yet uploaded, encrypted with the passphrase, as a file's JSON. */
  exportFile(passphrase: string): Promise<unknown>;
  importFile(file: unknown, passphrase: string): Promise<ImportResult>;
}

export interface PerimeterServices {
  id: string;
  /**
   * Loads the perimeter's document and starts syncing it, once; commands do it too. Screens call
   * it after their first paint, so that the document's loading does not delay it.
   */
  start(): void;
  queries: PerimeterQueries;
  commands: PerimeterCommands;
}

export interface AppServices {
  /** The perimeter this device works on, if any (first run otherwise). */
  currentPerimeter(): Live<string | undefined>;
  /** Joins this tablet to the server as facilitator, with an invitation code (needs a connection once). */
  joinAsFacilitator(code: string): Promise<JoinResult>;
  /** Joins this phone as a household, with the link or short code a facilitator's tablet issued. */
  joinAsHousehold(codeOrLink: string): Promise<JoinResult>;
  /** Opens (lazily loads) everything to work on a perimeter. */
  openPerimeter(id: string): Promise<PerimeterServices>;
  /** First run: creates the perimeter and its founding residents on this device. */
  createPerimeter(input: PerimeterInput): Promise<Result<string>>;
  /** Asks the browser to keep this device's data; says what it answered. */
  requestPersistence(): Promise<PersistenceStatus>;
  persistence(): Live<PersistenceStatus>;
  /** A new version of the app is waiting; `apply` reloads into it. */
  onUpdateReady(listener: (apply: () => void) => void): () => void;
  /** Records an error nobody waits for in this device's log. */
  reportError: ReportError;
  /** This device's log of such errors, newest first. */
  errors(): Live<DeviceError[]>;
}

/** One entry of the device's error log: when, during which task, and the error's kind (its name). */
export interface DeviceError {
  id?: number;
  at: string;
  task: BackgroundTask;
  kind: string;
}
