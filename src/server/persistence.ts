/**
 * documents.sqlite: each perimeter's shared document, stored whole by @hocuspocus/extension-sqlite,
 * plus the "stored" acknowledgement Hocuspocus lacks: after each store, every connection of the
 * document learns the state vector of what was stored, and so does each connection as it joins.
 */
import BetterSqlite3 from 'better-sqlite3';
import { SQLite } from '@hocuspocus/extension-sqlite';
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  connectedPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { storedMessage } from '../domain/server-messages';

export class AcknowledgedPersistence extends SQLite {
  /** Per loaded document, the state vector of what documents.sqlite holds. */
  private readonly stored = new Map<string, Uint8Array>();

  constructor(file: string) {
    super({ database: file });
  }

  /**
   * Opens the database synchronously, so that a bad path fails start() instead of surfacing later
   * from Hocuspocus's fire-and-forget onConfigure.
   */
  open(): void {
    const db = new BetterSqlite3(this.configuration.database);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(this.configuration.schema);
    this.db = db;
  }

  /** The extension would open the database here; open() already did. */
  override async onConfigure(): Promise<void> {}

  override async onStoreDocument(data: onStoreDocumentPayload): Promise<void> {
    // Encoded in the same synchronous step, the vector describes exactly the bytes stored.
    const state = Y.encodeStateAsUpdate(data.document);
    const stateVector = Y.encodeStateVector(data.document);
    await this.configuration.store({ ...data, state: Buffer.from(state) });
    this.stored.set(data.documentName, stateVector);
    data.document.broadcastStateless(storedMessage(stateVector));
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    // Just loaded from the database: everything in it is stored.
    this.stored.set(documentName, Y.encodeStateVector(document));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.stored.delete(documentName);
  }

  /** A (re)connecting client learns at once which of its changes are already stored. */
  async connected({ connection, documentName }: connectedPayload): Promise<void> {
    const stateVector = this.stored.get(documentName);
    if (stateVector) connection.sendStateless(storedMessage(stateVector));
  }

  hasDocument(documentName: string): boolean {
    return this.db?.prepare('SELECT 1 FROM documents WHERE name = ?').get(documentName) !== undefined;
  }

  close(): void {
    this.db?.close();
  }
}
