/**
 * The command layer of one perimeter on this device. Every write goes through here: the domain
 * validates the input against the current state, the changes go into the shared document in one
 * transaction, and the returned promise resolves only once they are durable in IndexedDB.
 * Loaded lazily: it pulls in Yjs, which the first screen does not need.
 */
import * as Y from 'yjs';
import {
  type AnswerValue,
  type Catalogue,
  type Change,
  type ChooseGroupInput,
  type ChooseLinkInput,
  type Env,
  type LocalIdeaInput,
  type MatchSummary,
  type Outcome,
  type PerimeterInput,
  type Result,
  type SessionInput,
  type SignUpInput,
  addLocalIdea,
  answer,
  chooseGroup,
  chooseLink,
  closeSession,
  createPerimeter,
  householdCredentialId,
  issueCredential,
  revokeCredential,
  fail,
  ok,
  openSession,
  retireIdea,
  setGroupThreshold,
  setPresence,
  signUpHousehold,
  summarize,
} from '../domain';
import type { ReportError } from '../domain/device-errors';
import type { DeviceDb, ScanRow } from '../storage/device-db';
import { errorLogger } from '../storage/error-log';
import { ReadModel, type ReadModelDb, openReadModelDb } from '../storage/read-model';
import { AnswerIndex } from '../sync/answer-index';
import { LocalDocStore } from '../sync/local-doc-store';
import { followErasures } from './erasure';
import { PerimeterDoc, readableDoc } from '../sync/perimeter-doc';
import { newHouseholdSecret, sha256hex } from './crypto';
import { LinksReader } from './links-reader';
import { storageFailure } from './storage-errors';

export interface WorkspaceDeps {
  device: DeviceDb;
  env: Env;
  catalogue: Catalogue;
  /** Names this device's set of databases (default 'tissage'): tests run several devices at once. */
  profile?: string;
  /**
   * Resolves when work nobody waits for (a scan move after an answer, a read model projection)
   * may start without holding up the screen: in the app, once the next frame has painted. By
   * default at once (tests, Node).
   */
  background?: () => Promise<void>;
}

/** IndexedDB name of a perimeter's shared document on this device. */
export function docName(perimeterId: string, profile = 'tissage'): string {
  return `${profile}-doc-${perimeterId}`;
}

export class PerimeterWorkspace {
  private readonly report: ReportError;
  /** The scan moves queued so far (see `queueScan`); never rejects. */
  private scanWrites: Promise<void> = Promise.resolve();

  private constructor(
    readonly id: string,
    readonly doc: PerimeterDoc,
    private readonly store: LocalDocStore,
    readonly readModel: ReadModel,
    private readonly deps: WorkspaceDeps,
    private readonly stopProjecting: () => void,
    private readonly answers: AnswerIndex,
    /** The links screens' reads, from the document in memory (links-reader.ts). */
    readonly links: LinksReader,
  ) {
    this.report = errorLogger(deps.device, deps.env.now);
  }

  /**
   * `readDb` lets the caller keep one read model database open across a rebuild of the document,
   * so that live queries on it keep running.
   */
  static async open(
    perimeterId: string,
    deps: WorkspaceDeps,
    readDb: ReadModelDb = openReadModelDb(perimeterId, deps.profile),
  ): Promise<PerimeterWorkspace> {
    const ydoc = new Y.Doc();
    const report = errorLogger(deps.device, deps.env.now);
    const store = await LocalDocStore.open(docName(perimeterId, deps.profile), ydoc, report);
    const doc = new PerimeterDoc(ydoc, deps.catalogue);
    const readModel = new ReadModel(readDb, doc);
    const answers = new AnswerIndex(doc);
    const links = new LinksReader(doc, () => answers.all());
    // A projection that fails leaves the read model behind the document: its state vector then
    // differs, and the next start rebuilds it.
    const stop = doc.onChanged((changed) => {
      // A newer format's records may mean something else here: they are not projected (format.ts).
      if (!doc.readable()) return;
      answers.changed(changed.get('answers') ?? []);
      links.answersChanged(changed.get('answers') ?? []);
      // After the local write this change may be part of (a tap's answer is durable first), and
      // after the frame that shows it.
      void readModel
        .project(changed, () => store.idle().then(deps.background))
        .catch((error: unknown) => report('read-model', error));
    });
    // Not waited for: the document is ready for commands and sync once loaded, and the screens'
    // live queries follow the read model as it catches up (a first open rebuilds it whole).
    if (doc.readable()) void readModel.catchUp().catch((error: unknown) => report('read-model', error));
    // An erasure the server wrote: the device forgets the household's details and compacts its store,
    // once the read model has overwritten the household's rows: the compaction's purge is what
    // makes the browser drop the old rows' bytes from its files (sync/doc-generations.ts).
    const stopErasures = followErasures({
      device: deps.device,
      perimeterId,
      doc: ydoc,
      compact: () => readModel.settled().then(() => store.compact()),
      report,
    });
    const stopAll = () => {
      stop();
      void stopErasures();
    };
    return new PerimeterWorkspace(perimeterId, doc, store, readModel, deps, stopAll, answers, links);
  }

  /**
   * First run: validates before anything is stored, then creates the perimeter's document and
   * makes it the one this device works on.
   */
  static async create(
    input: PerimeterInput,
    deps: WorkspaceDeps,
    perimeterId = deps.env.newId(),
    readDb?: ReadModelDb,
  ): Promise<Result<{ workspace: PerimeterWorkspace; founderIds: string[] }>> {
    const draft = createPerimeter(
      new PerimeterDoc(new Y.Doc(), deps.catalogue),
      deps.env,
      perimeterId,
      input,
    );
    if (!draft.ok) return draft;
    try {
      const workspace = await PerimeterWorkspace.open(perimeterId, deps, readDb);
      const founded = await workspace.found(input);
      return founded.ok ? ok({ workspace, founderIds: founded.value }) : founded;
    } catch (error) {
      return storageFailure(error);
    }
  }

  /**
   * Writes the perimeter and its founders into this (empty) document, and makes it the perimeter
   * this device works on: first run, or a tablet joined to a perimeter the server has no content for.
   */
  async found(input: PerimeterInput): Promise<Result<string[]>> {
    const { device, env } = this.deps;
    const created = await this.run((view) => createPerimeter(view, env, this.id, input));
    if (!created.ok) return created;
    try {
      await device.transaction('rw', device.perimeters, device.settings, async () => {
        const known = await device.perimeters.get(this.id);
        await device.perimeters.put({
          id: this.id,
          name: this.doc.perimeter()?.name ?? '',
          addedAt: known?.addedAt ?? env.now(),
        });
        await device.settings.put({ key: 'currentPerimeter', value: this.id });
      });
    } catch (error) {
      return storageFailure(error);
    }
    return ok(created.value.founderIds);
  }

  openSession(input: SessionInput): Promise<Result<string>> {
    return this.run((view) => openSession(view, this.deps.env, input));
  }

  setPresence(sessionId: string, present: string[]): Promise<Result<null>> {
    return this.run((view) => setPresence(view, sessionId, present));
  }

  closeSession(sessionId: string): Promise<Result<null>> {
    return this.run((view) => closeSession(view, this.deps.env, sessionId));
  }

  /**
   * Data before pointers: the contact details go to this device first (if the shared document then
   * fails to store the household, nothing refers to them, and a retry starts afresh), then the
   * household into the shared document, and only then the scan row that points at it, so that no
   * scan is ever listed for a household that was not stored. Once the household is stored the
   * sign-up has happened: a scan row that then fails to write is only logged (a household without
   * one starts its scan at the first idea, which is where the row would have put it), so that a
   * retry never signs the same household up twice.
   */
  async signUp(sessionId: string, input: SignUpInput): Promise<Result<string>> {
    const { device, env } = this.deps;
    if (!this.doc.readable()) return fail('', 'app-outdated');
    const built = signUpHousehold(this.doc, env, sessionId, input);
    if (!built.ok) return built;
    const { householdId, contact } = built.value.value;
    const now = env.now();
    try {
      if (contact)
        await device.contacts.put({ ...contact, householdId, perimeterId: this.id, updatedAt: now });
    } catch (error) {
      return storageFailure(error);
    }
    const stored = await this.commit(built.value.changes);
    if (!stored.ok) {
      await device.contacts.delete(householdId).catch((error: unknown) => this.report('sign-up-undo', error));
      return stored;
    }
    await device.scans
      .put(this.scanRow(householdId, sessionId, undefined, null))
      .catch((error: unknown) => this.report('scan-start', error));
    await this.readModel.settled();
    return ok(householdId);
  }

  /**
   * Stores the answer, and resolves once it is durable on disk: the UI shows the next idea then.
   * The household's place in the scan moves after that, in the background (`settled` waits for it).
   *
   * What must stay true: a pointer never runs ahead of its data. The answer lives in the shared
   * document's database and the scan cursor in the device database, and no transaction spans the
   * two: the cursor is queued only once the answer is durable, so a failed answer write leaves the
   * cursor on the unanswered idea. The cursor is device-local and only says where to resume, so the
   * UI does not wait for it: a cursor write that fails, or that a dead battery cuts short, only shows
   * an answered idea again (with its answer), and the failure goes to the device's log.
   * `finished` as in `moveScan`.
   */
  async answer(
    householdId: string,
    ideaId: string,
    value: AnswerValue,
    nextIdeaId: string | undefined,
    finished?: boolean,
  ): Promise<Result<null>> {
    const built = answer(this.doc, this.deps.env, { householdId, ideaId, value });
    if (!built.ok) return built;
    const stored = await this.commit(built.value.changes);
    if (!stored.ok) return stored;
    void this.queueScan(householdId, nextIdeaId, ideaId, finished, this.deps.background?.()).catch(
      (error: unknown) => this.report('scan-move', error),
    );
    return ok(null);
  }

  /**
   * Moves the household's place in its scan to `ideaId`, noting that `seenIdeaId` (the idea that
   * was on screen) has been seen; resolves once on disk. The scan is finished when `finished` says
   * so, by default when no idea comes next: the caller, who knows the scan's order, passes an idea
   * as long as some were never seen (domain/scan.ts `scanTarget`), so that "finished" is never said
   * of a scan that skipped ideas.
   */
  async moveScan(
    householdId: string,
    ideaId: string | undefined,
    seenIdeaId?: string,
    finished: boolean = ideaId === undefined,
  ): Promise<Result<null>> {
    try {
      await this.queueScan(householdId, ideaId, seenIdeaId, finished);
      return ok(null);
    } catch (error) {
      return storageFailure(error);
    }
  }

  /**
   * Resolves once every write the UI did not wait for has landed: the scan cursors moved by
   * answers, and the read model's projections.
   */
  async settled(): Promise<void> {
    await this.scanWrites;
    await this.readModel.settled();
  }

  /**
   * Writes scan moves one after the other, in the order they were asked for: a cursor moved by an
   * answer in the background must not land after a later "back" or "skip". A move held until
   * `after` resolves holds up the moves queued behind it.
   */
  private queueScan(
    householdId: string,
    ideaId: string | undefined,
    seenIdeaId: string | undefined,
    finished: boolean = ideaId === undefined,
    after?: Promise<void>,
  ): Promise<void> {
    const write = this.scanWrites
      .then(() => after)
      .then(() => this.writeScan(householdId, ideaId, seenIdeaId, finished));
    // Not swallowed: `write` carries the failure to whoever queued it; the queue goes on.
    this.scanWrites = write.catch(() => undefined);
    return write;
  }

  private async writeScan(
    householdId: string,
    ideaId: string | undefined,
    seenIdeaId: string | undefined,
    finished: boolean,
  ): Promise<void> {
    const { device, env } = this.deps;
    await device.transaction('rw', device.scans, async () => {
      const previous = await device.scans.get(householdId);
      const now = env.now();
      const seen = new Set(previous?.seen);
      if (seenIdeaId) seen.add(seenIdeaId);
      await device.scans.put({
        ...this.scanRow(
          householdId,
          previous?.sessionId ?? null,
          ideaId,
          finished ? (previous?.finishedAt ?? now) : null,
        ),
        seen: [...seen],
      });
    });
  }

  addLocalIdea(input: LocalIdeaInput): Promise<Result<string>> {
    return this.run((view) => addLocalIdea(view, this.deps.env, input));
  }

  retireIdea(ideaId: string, retired: boolean): Promise<Result<null>> {
    return this.run((view) => retireIdea(view, this.deps.env, ideaId, retired));
  }

  /**
   * Gives a household access from its own phone. The secret is made up here, shown once and never
   * kept: only its hash goes into the shared document, where the server will find it.
   */
  async issueCredential(householdId: string): Promise<Result<{ credentialId: string; secret: string }>> {
    const secret = newHouseholdSecret();
    const [credentialId, secretHash] = await Promise.all([
      householdCredentialId(secret, sha256hex),
      sha256hex(secret),
    ]);
    const issued = await this.run((view) =>
      issueCredential(view, this.deps.env, householdId, credentialId, secretHash),
    );
    return issued.ok ? ok({ credentialId, secret }) : issued;
  }

  /** The credentials issued to a household (never their secrets: those were shown once). */
  credentialsOf(householdId: string): { credentialId: string; issuedAt: string; revoked: boolean }[] {
    return [...this.doc.map('credentials').entries()]
      .filter(([, credential]) => credential.householdId === householdId)
      .map(([credentialId, { issuedAt, revoked }]) => ({ credentialId, issuedAt, revoked }));
  }

  revokeCredential(credentialId: string): Promise<Result<null>> {
    return this.run((view) => revokeCredential(view, credentialId));
  }

  /**
   * The household's matches, from the document in memory; undefined for a document of a newer
   * format, whose records may mean something else here (format.ts).
   */
  summary(householdId: string): MatchSummary | undefined {
    if (!this.doc.readable()) return undefined;
    return summarize(householdId, this.answers.all());
  }

  /**
   * Records a household's choice about a link (domain `chooseLink`: refusals and their codes
   * there); resolves once durable on this device. `by` is 'household' on the household's own
   * phone, 'facilitator' on the tablet: the sync server refuses any other.
   */
  chooseLink(input: ChooseLinkInput): Promise<Result<null>> {
    return this.run((view) => chooseLink(view, this.deps.env, input));
  }

  /** Says the same about every other member of a collective idea's group (domain `chooseGroup`). */
  chooseGroup(input: ChooseGroupInput): Promise<Result<null>> {
    return this.run((view) => chooseGroup(view, this.deps.env, input));
  }

  /** How many households a collective idea needs before its group shows (domain `setGroupThreshold`). */
  setGroupThreshold(threshold: number): Promise<Result<null>> {
    return this.run((view) => setGroupThreshold(view, threshold));
  }

  /** Writes again, after a rebuild from the server's copy, what this device still had to say. */
  async replay(changes: Change[]): Promise<Result<null>> {
    if (changes.length === 0) return ok(null);
    const stored = await this.commit(changes);
    await this.readModel.settled();
    return stored;
  }

  /** The whole document as one update, for an export file. */
  snapshot(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc.doc);
  }

  /**
   * Merges a whole document (an imported export file, the server's copy); durable when it
   * resolves. Refused with 'app-outdated' when the incoming document is of a newer format.
   */
  async merge(update: Uint8Array): Promise<Result<null>> {
    try {
      if (!this.doc.readable() || !readableUpdate(update)) return fail('', 'app-outdated');
      await this.store.commit(() => Y.applyUpdate(this.doc.doc, update, this.store.origin));
      await this.readModel.settled();
      return ok(null);
    } catch (error) {
      return storageFailure(error);
    }
  }

  /** Closes the document; the read model database stays open when `keepReadModel` says so. */
  async close({ keepReadModel = false } = {}): Promise<void> {
    this.stopProjecting();
    this.links.close();
    await this.store.close();
    await this.settled();
    if (!keepReadModel) this.readModel.db.close();
  }

  private async run<T>(build: (view: PerimeterDoc) => Result<Outcome<T>>): Promise<Result<T>> {
    const built = build(this.doc);
    if (!built.ok) return built;
    const stored = await this.commit(built.value.changes);
    if (!stored.ok) return stored;
    await this.readModel.settled();
    return ok(built.value.value);
  }

  /** Every write into the shared document goes through here; none into a newer format's. */
  private async commit(changes: Change[]): Promise<Result<null>> {
    if (!this.doc.readable()) return fail('', 'app-outdated');
    try {
      await this.store.commit(() => this.doc.apply(changes, this.store.origin));
      return ok(null);
    } catch (error) {
      return storageFailure(error);
    }
  }

  private scanRow(
    householdId: string,
    sessionId: string | null,
    ideaId: string | undefined,
    finishedAt: string | null,
  ): ScanRow {
    return {
      householdId,
      perimeterId: this.id,
      sessionId,
      ideaId,
      finishedAt,
      updatedAt: this.deps.env.now(),
    };
  }
}

/** Whether this app knows the format of the document `update` holds (a whole document). */
export function readableUpdate(update: Uint8Array): boolean {
  const incoming = new Y.Doc();
  Y.applyUpdate(incoming, update);
  return readableDoc(incoming);
}
