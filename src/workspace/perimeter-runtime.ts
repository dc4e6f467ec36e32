/**
 * One perimeter at work on this device: its document and command layer, its sync with the server
 * when this device has a credential, the relay between tabs, and the recovery when the server
 * refuses a change. Loaded lazily with Yjs.
 *
 * What must stay true: the read model database stays the same object for the life of the page,
 * even when the document is rebuilt, so the screens' live queries keep working.
 */
import * as Y from 'yjs';
import {
  type Actor,
  type ExportFile,
  type ImportOutcome,
  PERIMETER_KEY,
  belongsToPerimeter,
  decryptExport,
  encryptExport,
} from '../domain';
import type { ReportError } from '../domain/device-errors';
import type { AccessRow } from '../storage/device-db';
import { errorLogger } from '../storage/error-log';
import { type ReadModelDb, openReadModelDb } from '../storage/read-model';
import { type Cell, cell } from '../sync/cell';
import { LocalDocStore } from '../sync/local-doc-store';
import { readableDoc } from '../sync/perimeter-doc';
import { PerimeterSync, type ReconnectDelays, type SyncOptions } from '../sync/perimeter-sync';
import { ownChangesToReplay } from '../sync/recover';
import { type Connection, LOCAL_STATUS, type SyncStatus } from '../sync/sync-status';
import { relayBetweenTabs } from '../sync/tab-relay';
import { changesWaiting } from '../sync/waiting';
import { keepNeighbourContacts } from './neighbour-contacts';
import { PerimeterWorkspace, type WorkspaceDeps, docName } from './perimeter-workspace';

export interface ServerAddress {
  /** WebSocket address of the sync endpoint. */
  sync: string;
  /** Base of the HTTP API. */
  http: string;
  WebSocketPolyfill?: unknown;
  /** Reconnection backoff; the defaults suit devices in the field (tests pass shorter ones). */
  reconnect?: ReconnectDelays;
}

/** Refusals in a row while a replay is in flight before the replay is given up. */
const MAX_REFUSED_REPLAYS = 5;

export class PerimeterRuntime {
  readonly status: Cell<SyncStatus> = cell(LOCAL_STATUS);
  private current: Promise<PerimeterWorkspace>;
  private sync: PerimeterSync | undefined;
  private stopRelay: (() => void) | undefined;
  /** On a household's phone: keeps its linked neighbours' details (neighbour-contacts.ts). */
  private stopNeighbourContacts: (() => Promise<void>) | undefined;
  /**
   * Recoveries in a row with a replay the server has not stored yet. Refusals keep coming while a
   * replay is in flight when the replay itself is refused (rules that differ between app and
   * server versions): past a few, the next recovery replays nothing rather than loop for ever.
   */
  private refusalsDuringReplay = 0;
  private closed = false;
  private readonly report: ReportError;

  constructor(
    readonly id: string,
    private readonly deps: WorkspaceDeps,
    private readonly server: ServerAddress,
    readonly readDb: ReadModelDb = openReadModelDb(id, deps.profile),
    opened?: PerimeterWorkspace,
  ) {
    this.report = errorLogger(deps.device, deps.env.now);
    this.current = opened ? Promise.resolve(opened) : PerimeterWorkspace.open(id, deps, readDb);
    // A document that cannot open fails every command, which says so; the log keeps the cause.
    void this.current
      .then((workspace) => this.started(workspace))
      .catch((error: unknown) => this.report('document-open', error));
  }

  workspace(): Promise<PerimeterWorkspace> {
    return this.current;
  }

  /** This device just received a credential for the perimeter: start syncing with it. */
  async attach(access: AccessRow): Promise<void> {
    await this.deps.device.access.put(access);
    const workspace = await this.current;
    this.startSync(workspace, access);
  }

  /** The document and the contact details the server does not have yet, encrypted. */
  async exportFile(passphrase: string): Promise<ExportFile> {
    const workspace = await this.current;
    const contacts = await this.pendingContacts();
    return encryptExport(
      {
        perimeterId: this.id,
        exportedAt: this.deps.env.now(),
        document: workspace.snapshot(),
        contacts: contacts.map(({ householdId, phone, email, flat }) => ({
          householdId,
          phone,
          email,
          flat,
        })),
      },
      passphrase,
    );
  }

  /**
   * Merges an export file of this perimeter. The file and its decrypted content are checked by
   * decryptExport (zod) before anything is merged; its refusal is the outcome.
   */
  async importFile(file: unknown, passphrase: string): Promise<ImportOutcome> {
    const decrypted = await decryptExport(file, passphrase);
    if (!decrypted.ok) return decrypted.refusal;
    const { payload } = decrypted;
    if (payload.perimeterId !== this.id) return 'other-perimeter';
    const workspace = await this.current;
    // The label can be rewritten: the document itself must be this perimeter's (as on the server).
    if (!belongsToPerimeter(perimeterRecordIn(payload.document), this.id, workspace.doc.perimeter()))
      return 'other-perimeter';
    const merged = await workspace.merge(payload.document);
    if (!merged.ok) return merged.errors[0]?.code === 'app-outdated' ? 'newer-version' : 'failed';
    const now = this.deps.env.now();
    // Contact details only of the perimeter's households: they go to the server from here.
    const contacts = payload.contacts.filter((contact) => workspace.doc.household(contact.householdId));
    await this.deps.device.contacts.bulkPut(
      contacts.map((contact) => ({ ...contact, perimeterId: this.id, updatedAt: now })),
    );
    return 'imported';
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sync?.destroy();
    this.stopRelay?.();
    await this.stopNeighbourContacts?.();
    await (await this.current).close();
  }

  private async started(workspace: PerimeterWorkspace): Promise<void> {
    this.watchFormat(workspace);
    if (!workspace.doc.readable()) return this.outdated();
    this.stopRelay = relayBetweenTabs(workspace.doc.doc, docName(this.id, this.deps.profile));
    const access = await this.deps.device.access.get(this.id);
    if (access) this.startSync(workspace, access);
    else this.status.set({ ...LOCAL_STATUS, waiting: changesWaiting(workspace.doc.doc, new Map()) });
  }

  /**
   * A newer app may stamp a newer format into the document while this one has it open (through
   * the server or another tab): from that update on, this app stops.
   */
  private watchFormat(workspace: PerimeterWorkspace): void {
    workspace.doc.doc.on('update', () => {
      if (workspace.doc.readable() || this.status.get().problem === 'app-outdated') return;
      // Not from inside the provider's own message handling, which this stops.
      queueMicrotask(() => this.outdated());
    });
  }

  /**
   * The document is of a newer format than this app knows (domain/format.ts): sync stops, so
   * nothing is sent under rules this app does not know, and the screens say to update the app.
   * The workspace refuses every write on its own.
   */
  private outdated(): void {
    this.sync?.destroy();
    this.sync = undefined;
    void this.stopNeighbourContacts?.();
    this.stopNeighbourContacts = undefined;
    this.stopRelay?.();
    this.stopRelay = undefined;
    this.status.set({ ...this.status.get(), connection: 'idle', problem: 'app-outdated' });
  }

  private connect(
    doc: Y.Doc,
    access: AccessRow,
    handlers: Pick<SyncOptions, 'saveStored' | 'onRejected'>,
  ): PerimeterSync {
    return new PerimeterSync({
      url: this.server.sync,
      WebSocketPolyfill: this.server.WebSocketPolyfill,
      reconnect: this.server.reconnect,
      perimeterId: this.id,
      token: access.token,
      doc,
      now: this.deps.env.now,
      report: this.report,
      ...handlers,
    });
  }

  private startSync(workspace: PerimeterWorkspace, access: AccessRow): void {
    if (!workspace.doc.readable()) return this.outdated();
    this.sync?.destroy();
    const { device } = this.deps;
    const sync = this.connect(workspace.doc.doc, access, {
      saveStored: (storedStateVector, storedAt) =>
        device.syncState.put({ perimeterId: this.id, storedStateVector, storedAt }).then(() => undefined),
      onRejected: () => void this.recover(access),
    });
    this.sync = sync;
    // Follows the document being synced: a rebuilt one after a refusal gets a new keeper.
    void this.stopNeighbourContacts?.();
    this.stopNeighbourContacts =
      access.role === 'household' && access.householdId
        ? keepNeighbourContacts(
            {
              device,
              http: this.server.http,
              perimeterId: this.id,
              doc: workspace.doc.doc,
              now: this.deps.env.now,
              onStored: (listener) => {
                let storedAt = sync.status.get().storedAt;
                const subscription = sync.status.subscribe((status) => {
                  if (status.storedAt === storedAt) return;
                  storedAt = status.storedAt;
                  listener();
                });
                return () => subscription.unsubscribe();
              },
            },
            access.householdId,
            this.report,
          )
        : undefined;
    void device.syncState.get(this.id).then(
      (saved) => {
        if (saved) sync.restoreStored(saved.storedStateVector, saved.storedAt);
      },
      (error: unknown) => this.report('stored-ack-restore', error),
    );
    let previous: { connection: Connection; storedAt: string | null } = {
      connection: 'idle',
      storedAt: null,
    };
    sync.status.subscribe((status) => {
      // Contacts go up when a connection comes back, and again after each store the server confirms.
      const moment =
        status.connection === 'online' &&
        (previous.connection !== 'online' || status.storedAt !== previous.storedAt);
      if (status.waiting === 0 && status.storedAt !== null) this.refusalsDuringReplay = 0;
      previous = status;
      this.status.set({ ...this.status.get(), ...status, mode: 'synced', role: access.role });
      if (moment)
        void this.uploadContacts(access).catch((error: unknown) => this.report('contacts-upload', error));
    });
  }

  /**
   * The server refused one of this device's changes and closed the document's connection: fetch
   * the server's copy, rebuild the document from it, then write again what this device may still
   * write.
   *
   * What must stay true: until the server's copy is here, this device keeps working on its own
   * document, stored as before. A phone that lost its connection with the refusal still shows its
   * records, takes answers (replayed with the others) and loses nothing if it is switched off. Only
   * the swap, which needs no network, holds commands up.
   */
  private async recover(access: AccessRow): Promise<void> {
    // Destroyed first: its last status (offline, no problem) must not cover 'recovering'.
    this.sync?.destroy();
    this.status.set({ ...this.status.get(), problem: 'recovering' });
    const copy = new Y.Doc();
    const fetching = this.connect(copy, access, { saveStored: async () => {}, onRejected: () => {} });
    // Held as the current sync, so that close() stops it.
    this.sync = fetching;
    fetching.status.subscribe(({ connection }) => this.status.set({ ...this.status.get(), connection }));
    await fetching.whenSynced();
    fetching.destroy();
    // The server's copy is of a newer format: this document is kept as it is, and the app stops.
    if (!readableDoc(copy)) return this.outdated();

    const closing = this.current;
    let dropped = 0;
    // Replaced at once, so that commands issued meanwhile wait for the rebuilt document.
    this.current = (async () => {
      const previous = await closing;
      this.stopRelay?.();
      await previous.close({ keepReadModel: true });
      await LocalDocStore.clear(docName(this.id, this.deps.profile));
      const fresh = await PerimeterWorkspace.open(this.id, this.deps, this.readDb);
      await fresh.merge(Y.encodeStateAsUpdate(copy));
      const replay = this.refusalsDuringReplay < MAX_REFUSED_REPLAYS;
      const recovered = ownChangesToReplay(previous.doc, fresh.doc, actorOf(access));
      if (replay) await fresh.replay(recovered.changes);
      dropped = recovered.dropped.length + (replay ? 0 : recovered.changes.length);
      this.refusalsDuringReplay = replay && recovered.changes.length > 0 ? this.refusalsDuringReplay + 1 : 0;
      return fresh;
    })();
    const fresh = await this.current;
    if (this.closed) return;
    this.stopRelay = relayBetweenTabs(fresh.doc.doc, docName(this.id, this.deps.profile));
    this.startSync(fresh, access);
    this.status.set({
      ...this.status.get(),
      problem: null,
      recovered: { at: this.deps.env.now(), dropped },
    });
  }

  private pendingContacts() {
    return this.deps.device.contacts
      .where('perimeterId')
      .equals(this.id)
      .filter((row) => !row.uploadedAt)
      .toArray();
  }

  /** Contact details leave the tablet for the server's private store, never the shared document. */
  private async uploadContacts(access: AccessRow): Promise<void> {
    if (access.role !== 'facilitator') return;
    const pending = await this.pendingContacts();
    if (pending.length === 0) return;
    const response = await fetch(`${this.server.http}/api/contacts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${access.token}` },
      body: JSON.stringify({
        contacts: pending.map(({ householdId, phone, email, flat }) => ({ householdId, phone, email, flat })),
      }),
    });
    if (!response.ok) return;
    const uploadedAt = this.deps.env.now();
    const { contacts } = this.deps.device;
    await this.deps.device.transaction('rw', contacts, async () => {
      for (const row of pending) {
        const now = await contacts.get(row.householdId);
        // A detail corrected while the upload was on its way goes with the next one.
        if (now?.updatedAt === row.updatedAt) await contacts.put({ ...now, uploadedAt });
      }
    });
  }
}

function actorOf(access: AccessRow): Actor {
  return access.role === 'household' && access.householdId
    ? { kind: 'household', householdId: access.householdId }
    : { kind: 'facilitator' };
}

/** The perimeter record an update holds on its own; undefined when there is none or it does not decode. */
function perimeterRecordIn(update: Uint8Array): unknown {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return doc.getMap('meta').get(PERIMETER_KEY);
  } catch {
    return undefined;
  } finally {
    doc.destroy();
  }
}
