/**
 * One perimeter at work on this device: its document and command layer, its sync with the server
 * when this device has a credential, the relay between tabs, and the recovery when the server
 * refuses a change. Loaded lazily with Yjs.
 *
 * What must stay true: the read model database stays the same object for the life of the page,
 * even when the document is rebuilt, so the screens' live queries keep working.
 */
import { clearDocument } from 'y-indexeddb';
import { type Actor, type ExportFile, decryptExport, encryptExport } from '../domain';
import type { AccessRow } from '../storage/device-db';
import { type ReadModelDb, openReadModelDb } from '../storage/read-model';
import { type Cell, cell } from '../sync/cell';
import { type Connection, PerimeterSync, type SyncProblem } from '../sync/perimeter-sync';
import { ownChangesToReplay } from '../sync/recover';
import { relayBetweenTabs } from '../sync/tab-relay';
import { changesWaiting } from '../sync/waiting';
import { PerimeterWorkspace, type WorkspaceDeps, docName } from './perimeter-workspace';

export interface ServerAddress {
  /** WebSocket address of the sync endpoint. */
  sync: string;
  /** Base of the HTTP API. */
  http: string;
  WebSocketPolyfill?: unknown;
}

export interface DeviceSyncStatus {
  /** 'local': this device is not attached to a server (yet); everything stays on it. */
  mode: 'local' | 'synced';
  role: AccessRow['role'] | null;
  connection: Connection;
  waiting: number;
  storedAt: string | null;
  problem: SyncProblem | 'recovering' | null;
  /** The last rebuild after a refusal, and how many records it could not keep. */
  recovered: { at: string; dropped: number } | null;
}

const initial: DeviceSyncStatus = {
  mode: 'local',
  role: null,
  connection: 'offline',
  waiting: 0,
  storedAt: null,
  problem: null,
  recovered: null,
};

export class PerimeterRuntime {
  readonly status: Cell<DeviceSyncStatus> = cell(initial);
  private current: Promise<PerimeterWorkspace>;
  private sync: PerimeterSync | undefined;
  private stopRelay: (() => void) | undefined;
  /**
   * False from a recovery until the server next confirms a store: if the replayed changes are
   * refused again, the next recovery replays nothing rather than loop.
   */
  private replayAllowed = true;

  constructor(
    readonly id: string,
    private readonly deps: WorkspaceDeps,
    private readonly server: ServerAddress,
    readonly readDb: ReadModelDb = openReadModelDb(id, deps.profile),
    opened?: PerimeterWorkspace,
  ) {
    this.current = opened ? Promise.resolve(opened) : PerimeterWorkspace.open(id, deps, readDb);
    void this.current.then((workspace) => this.started(workspace)).catch(() => {});
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

  /** Merges an export file of this perimeter; 'wrong-file' if it cannot be read with the passphrase. */
  async importFile(
    file: unknown,
    passphrase: string,
  ): Promise<'imported' | 'wrong-file' | 'other-perimeter' | 'failed'> {
    const payload = await decryptExport(file, passphrase);
    if (!payload) return 'wrong-file';
    if (payload.perimeterId !== this.id) return 'other-perimeter';
    const workspace = await this.current;
    const merged = await workspace.merge(payload.document);
    if (!merged.ok) return 'failed';
    const now = this.deps.env.now();
    await this.deps.device.contacts.bulkPut(
      payload.contacts.map((contact) => ({ ...contact, perimeterId: this.id, updatedAt: now })),
    );
    return 'imported';
  }

  async close(): Promise<void> {
    this.sync?.destroy();
    this.stopRelay?.();
    await (await this.current).close();
  }

  private async started(workspace: PerimeterWorkspace): Promise<void> {
    this.stopRelay = relayBetweenTabs(workspace.doc.doc, docName(this.id, this.deps.profile));
    const access = await this.deps.device.access.get(this.id);
    if (access) this.startSync(workspace, access);
    else this.status.set({ ...initial, waiting: changesWaiting(workspace.doc.doc, new Map()) });
  }

  private startSync(workspace: PerimeterWorkspace, access: AccessRow): PerimeterSync {
    this.sync?.destroy();
    const { device, env } = this.deps;
    const sync = new PerimeterSync({
      url: this.server.sync,
      WebSocketPolyfill: this.server.WebSocketPolyfill,
      perimeterId: this.id,
      token: access.token,
      doc: workspace.doc.doc,
      saveStored: (storedStateVector, storedAt) =>
        device.syncState.put({ perimeterId: this.id, storedStateVector, storedAt }).then(() => undefined),
      onRejected: () => void this.recover(access),
      now: env.now,
    });
    this.sync = sync;
    void device.syncState.get(this.id).then((saved) => {
      if (saved) sync.restoreStored(saved.storedStateVector, saved.storedAt);
    });
    let previous: { connection: Connection; storedAt: string | null } = {
      connection: 'offline',
      storedAt: null,
    };
    sync.status.subscribe((status) => {
      // Contacts go up when a connection comes back, and again after each store the server confirms.
      const moment =
        status.connection === 'online' &&
        (previous.connection !== 'online' || status.storedAt !== previous.storedAt);
      if (status.storedAt !== previous.storedAt) this.replayAllowed = true;
      previous = status;
      this.status.set({ ...this.status.get(), ...status, mode: 'synced', role: access.role });
      if (moment) void this.uploadContacts(access).catch(() => {});
    });
    return sync;
  }

  /**
   * The server refused one of this device's changes and closed the document's connection: rebuild
   * the document from the server's copy, then write again what this device may still write.
   */
  private async recover(access: AccessRow): Promise<void> {
    this.status.set({ ...this.status.get(), problem: 'recovering' });
    const closing = this.current;
    let previous: PerimeterWorkspace | undefined;
    // Replaced at once, so that commands issued meanwhile wait for the rebuilt document.
    this.current = (async () => {
      previous = await closing;
      this.sync?.destroy();
      this.stopRelay?.();
      await previous.close({ keepReadModel: true });
      await clearDocument(docName(this.id, this.deps.profile));
      return PerimeterWorkspace.open(this.id, this.deps, this.readDb);
    })();
    const fresh = await this.current;
    this.stopRelay = relayBetweenTabs(fresh.doc.doc, docName(this.id, this.deps.profile));
    const sync = this.startSync(fresh, access);
    await sync.whenSynced();
    const replay = this.replayAllowed;
    this.replayAllowed = false;
    const { changes, dropped } = previous
      ? ownChangesToReplay(previous.doc, fresh.doc, actorOf(access))
      : { changes: [], dropped: [] };
    if (replay) await fresh.replay(changes);
    else dropped.push(...changes);
    this.status.set({
      ...this.status.get(),
      problem: null,
      recovered: { at: this.deps.env.now(), dropped: dropped.length },
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
