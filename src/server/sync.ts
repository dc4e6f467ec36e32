/**
 * The Hocuspocus side of the server: one shared document per perimeter, served by extensions with
 * one job each (Hocuspocus's own way, see @hocuspocus/extension-database):
 * - Authentication (extensions/authentication.ts): who may open a document, caps per socket and
 *   per credential;
 * - MessageBudget (extensions/message-budget.ts): rate, size and type of each incoming message;
 * - RightsCheck (extensions/rights.ts): every incoming update, before it is applied or forwarded;
 * - CredentialIndexing (extensions/credential-indexing.ts): tissage.sqlite's credential index;
 * - FreshJoins (document-state.ts): a fresh device's sync step 1, answered from the document's
 *   encoded state while it has not changed;
 * - DurablePersistence (persistence.ts): the durable log, compaction and the "stored"
 *   acknowledgement.
 */
import type { Document } from '@hocuspocus/server';
import { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { documentNameOf } from './auth';
import type { Budgets } from './budgets';
import { type ImportData, type ImportFailure, type ImportSummary, mergeImport } from './import';
import { DocumentHolds } from './document-holds';
import { type Erased, eraseHouseholds } from './erasure';
import { EncodedStates, FreshJoins } from './document-state';
import { Authentication } from './extensions/authentication';
import { CredentialIndexing, disconnectCredential } from './extensions/credential-indexing';
import { MessageBudget } from './extensions/message-budget';
import { RightsCheck } from './extensions/rights';
import { DurablePersistence } from './persistence';
import type { DocumentPersistence } from './ports';
import type { ConnectionContext } from './socket-context';
import type { PrivateStore } from './ports';

export interface SyncOptions {
  /** Where the shared documents are stored and logged; closed by `stop()`. */
  persistence: DocumentPersistence;
  /** Milliseconds of quiet before a changed document is stored, and the most a store may wait. */
  debounce: number;
  maxDebounce: number;
  /** What each client may cost: message sizes, rates, connections. */
  budgets: Budgets;
}

export class Sync {
  readonly hocuspocus: Hocuspocus<ConnectionContext>;
  private readonly persistence: DurablePersistence;
  private readonly stored: DocumentPersistence;
  private readonly holds: DocumentHolds;

  constructor(
    private readonly store: PrivateStore,
    options: SyncOptions,
  ) {
    this.stored = options.persistence;
    const states = new EncodedStates();
    this.persistence = new DurablePersistence(this.stored.documents, this.stored.log, states);
    // Unloading goes through the instance created just below.
    this.holds = new DocumentHolds({
      unloadDocument: (document) => this.hocuspocus.unloadDocument(document),
      shouldUnloadDocument: (document) => this.hocuspocus.shouldUnloadDocument(document),
    });
    this.hocuspocus = new Hocuspocus<ConnectionContext>({
      name: 'tissage',
      quiet: true,
      debounce: options.debounce,
      maxDebounce: options.maxDebounce,
      // The checks run at Hocuspocus's default priority, before the durable log
      // (DURABLE_LOG_PRIORITY): only accepted updates are logged.
      extensions: [
        new Authentication(store, options.budgets, this.holds),
        new MessageBudget(options.budgets),
        new RightsCheck(store),
        new CredentialIndexing(store),
        new FreshJoins(states),
        this.persistence,
      ],
    });
  }

  /** Whether the perimeter's document was ever stored or is in memory now. */
  hasDocument(perimeterId: string): boolean {
    const name = documentNameOf(perimeterId);
    return (
      this.hocuspocus.documents.has(name) ||
      this.hocuspocus.loadingDocuments.has(name) ||
      this.stored.documents.has(name) ||
      this.stored.log.has(name)
    );
  }

  /**
   * Indexes the documents stored before the credential index existed: each perimeter whose
   * document is stored but has no credential indexed is loaded once (loading indexes it).
   */
  async indexStoredDocuments(): Promise<void> {
    for (const { id } of this.store.perimeters()) {
      if (this.store.householdCredentials.has(id) || !this.hasDocument(id)) continue;
      await this.readDocument(id, () => undefined);
    }
  }

  /** Runs `read` on the perimeter's document, loading it for the time of the call if needed. */
  async readDocument<T>(perimeterId: string, read: (document: Document) => T): Promise<T> {
    const name = documentNameOf(perimeterId);
    const document = await this.hocuspocus.createDocument(
      name,
      new Request('http://localhost/'),
      'server',
      { readOnly: true, isAuthenticated: true },
      {} as ConnectionContext,
    );
    const release = this.holds.hold(document);
    try {
      return read(document);
    } finally {
      release();
    }
  }

  /**
   * Merges an imported export into the perimeter's live document, as a change of the server's own:
   * logged first, then applied, so connected devices receive only what is durable; closing the
   * connection stores the document.
   */
  async importDocument(data: ImportData): Promise<ImportSummary | ImportFailure> {
    const name = documentNameOf(data.perimeterId);
    const connection = await this.hocuspocus.openDirectConnection(name);
    try {
      return await mergeImport(this.store, connection.document!, data, async (update) => {
        await this.persistence.logServerUpdate(name, update);
        await connection.transact((document) => Y.applyUpdate(document, update));
      });
    } finally {
      await connection.disconnect();
    }
  }

  /**
   * Erases households from the perimeter's live document and the private store, as a change of the
   * server's own (server/erasure.ts), then compacts the document and purges the databases' files.
   */
  async eraseHouseholds(
    perimeterId: string,
    householdIds: readonly string[],
    erasedAt: string,
  ): Promise<Erased> {
    const name = documentNameOf(perimeterId);
    const connection = await this.hocuspocus.openDirectConnection(name);
    try {
      return await eraseHouseholds(this.store, perimeterId, connection, householdIds, erasedAt, {
        log: (update) => this.persistence.logServerUpdate(name, update),
        compactAndPurge: async (doc) => {
          await this.persistence.compactNowFor(name, doc);
          this.stored.purge?.();
        },
        disconnect: (credentialId) => this.disconnectCredential(perimeterId, credentialId),
      });
    } finally {
      await connection.disconnect();
    }
  }

  /** Ends the live connections of a credential that was just revoked through the API. */
  disconnectCredential(perimeterId: string, credentialId: string): void {
    const document = this.hocuspocus.documents.get(documentNameOf(perimeterId));
    if (document) disconnectCredential(document, credentialId);
  }

  /**
   * Stops syncing: every document connection is closed, what they had already sent is applied, and
   * every document in memory is compacted whatever its debounce timer and its log's size say (the
   * next start then loads one state per document); then the documents database is closed.
   */
  async stop(): Promise<void> {
    this.holds.stop();
    this.persistence.compactEveryStore();
    const documents = [...this.hocuspocus.documents.values()];
    const connections = documents.flatMap((document) => document.getConnections());
    this.hocuspocus.closeConnections();
    await Promise.all(connections.map((connection) => connection.waitForPendingMessages()));
    await Promise.all(
      [...this.hocuspocus.documents.values()].map((document) =>
        this.hocuspocus.storeDocumentHooks(
          document,
          {
            clientsCount: document.getConnectionsCount(),
            document,
            documentName: document.name,
            instance: this.hocuspocus,
            lastContext: {},
            lastTransactionOrigin: { source: 'local' },
          },
          true,
        ),
      ),
    );
    this.stored.close();
  }
}
