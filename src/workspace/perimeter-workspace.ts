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
  type Env,
  type LocalIdeaInput,
  type Outcome,
  type PerimeterInput,
  type Result,
  type SessionInput,
  type SignUpInput,
  addLocalIdea,
  answer,
  closeSession,
  createPerimeter,
  ok,
  openSession,
  retireIdea,
  setPresence,
  signUpHousehold,
} from '../domain';
import type { DeviceDb, ScanRow } from '../storage/device-db';
import { ReadModel, openReadModelDb } from '../storage/read-model';
import { LocalDocStore } from '../sync/local-doc-store';
import { PerimeterDoc } from '../sync/perimeter-doc';
import { storageFailure } from './storage-errors';

export interface WorkspaceDeps {
  device: DeviceDb;
  env: Env;
  catalogue: Catalogue;
}

/** IndexedDB name of a perimeter's shared document on this device. */
export function docName(perimeterId: string): string {
  return `tissage-doc-${perimeterId}`;
}

export class PerimeterWorkspace {
  private constructor(
    readonly id: string,
    readonly doc: PerimeterDoc,
    private readonly store: LocalDocStore,
    readonly readModel: ReadModel,
    private readonly deps: WorkspaceDeps,
    private readonly stopProjecting: () => void,
  ) {}

  static async open(perimeterId: string, deps: WorkspaceDeps): Promise<PerimeterWorkspace> {
    const ydoc = new Y.Doc();
    const store = await LocalDocStore.open(docName(perimeterId), ydoc);
    const doc = new PerimeterDoc(ydoc, deps.catalogue);
    const readModel = new ReadModel(openReadModelDb(perimeterId), doc);
    const stop = doc.onChanged((changed) => void readModel.project(changed));
    await readModel.catchUp();
    return new PerimeterWorkspace(perimeterId, doc, store, readModel, deps, stop);
  }

  /**
   * First run: validates before anything is stored, then creates the perimeter's document and
   * makes it the one this device works on.
   */
  static async create(
    input: PerimeterInput,
    deps: WorkspaceDeps,
  ): Promise<Result<{ workspace: PerimeterWorkspace; founderIds: string[] }>> {
    const perimeterId = deps.env.newId();
    const draft = createPerimeter(
      new PerimeterDoc(new Y.Doc(), deps.catalogue),
      deps.env,
      perimeterId,
      input,
    );
    if (!draft.ok) return draft;
    try {
      const workspace = await PerimeterWorkspace.open(perimeterId, deps);
      const created = await workspace.run((view) => createPerimeter(view, deps.env, perimeterId, input));
      if (!created.ok) return created;
      const perimeter = workspace.doc.perimeter();
      await deps.device.transaction('rw', deps.device.perimeters, deps.device.settings, async () => {
        await deps.device.perimeters.put({
          id: perimeterId,
          name: perimeter?.name ?? '',
          addedAt: deps.env.now(),
        });
        await deps.device.settings.put({ key: 'currentPerimeter', value: perimeterId });
      });
      return ok({ workspace, founderIds: created.value.founderIds });
    } catch (error) {
      return storageFailure(error);
    }
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
   * The contact details and the scan are written to this device first: if the shared document
   * then fails to store the household, nothing refers to them, and a retry starts afresh.
   */
  async signUp(sessionId: string, input: SignUpInput): Promise<Result<string>> {
    const { device, env } = this.deps;
    const built = signUpHousehold(this.doc, env, sessionId, input);
    if (!built.ok) return built;
    const { householdId, contact } = built.value.value;
    const now = env.now();
    try {
      await device.transaction('rw', device.contacts, device.scans, async () => {
        if (contact)
          await device.contacts.put({ ...contact, householdId, perimeterId: this.id, updatedAt: now });
        await device.scans.put(this.scanRow(householdId, sessionId, undefined, null));
      });
    } catch (error) {
      return storageFailure(error);
    }
    const stored = await this.commit(built.value.changes);
    if (!stored.ok) {
      await device.transaction('rw', device.contacts, device.scans, async () => {
        await device.contacts.delete(householdId);
        await device.scans.delete(householdId);
      });
      return stored;
    }
    await this.readModel.settled();
    return ok(householdId);
  }

  /**
   * The answer and the household's place in the scan are written together; the promise resolves
   * once both are on disk, and only then does the UI show the next idea.
   */
  async answer(
    householdId: string,
    ideaId: string,
    value: AnswerValue,
    nextIdeaId: string | undefined,
  ): Promise<Result<null>> {
    const built = answer(this.doc, this.deps.env, { householdId, ideaId, value });
    if (!built.ok) return built;
    const [stored, moved] = await Promise.all([
      this.commit(built.value.changes),
      this.moveScan(householdId, nextIdeaId),
    ]);
    return stored.ok ? moved : stored;
  }

  async moveScan(householdId: string, ideaId: string | undefined): Promise<Result<null>> {
    const { device, env } = this.deps;
    try {
      await device.transaction('rw', device.scans, async () => {
        const previous = await device.scans.get(householdId);
        const now = env.now();
        await device.scans.put(
          this.scanRow(householdId, previous?.sessionId ?? null, ideaId, ideaId ? null : now),
        );
      });
      return ok(null);
    } catch (error) {
      return storageFailure(error);
    }
  }

  addLocalIdea(input: LocalIdeaInput): Promise<Result<string>> {
    return this.run((view) => addLocalIdea(view, this.deps.env, input));
  }

  retireIdea(ideaId: string, retired: boolean): Promise<Result<null>> {
    return this.run((view) => retireIdea(view, this.deps.env, ideaId, retired));
  }

  async close(): Promise<void> {
    this.stopProjecting();
    await this.store.close();
    await this.readModel.settled();
    this.readModel.db.close();
  }

  private async run<T>(build: (view: PerimeterDoc) => Result<Outcome<T>>): Promise<Result<T>> {
    const built = build(this.doc);
    if (!built.ok) return built;
    const stored = await this.commit(built.value.changes);
    if (!stored.ok) return stored;
    await this.readModel.settled();
    return ok(built.value.value);
  }

  private async commit(changes: Change[]): Promise<Result<null>> {
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
