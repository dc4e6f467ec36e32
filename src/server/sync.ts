/**
 * The Hocuspocus side of the server: one shared document per perimeter, authenticated connections,
 * a rights check on every incoming update, and persistence with a "stored" acknowledgement. What
 * tissage.sqlite derives from the documents (credential index, client id owners) is kept up to
 * date here.
 *
 * Updates are checked in `beforeSync`, the last hook before Hocuspocus applies and forwards them:
 * throwing there means the update is neither applied nor sent to anyone else. `onChange` would be
 * too late (it runs after applying and cannot veto).
 */
import type { Connection, Document, beforeSyncPayload, onAuthenticatePayload } from '@hocuspocus/server';
import { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { CREDENTIALS_MAP } from '../domain';
import {
  authenticateFacilitator,
  authenticateHousehold,
  documentNameOf,
  householdCredential,
  perimeterIdOf,
  stillValid,
} from './auth';
import { ownerOf } from './client-ids';
import { indexCredentials, indexDocument } from './document-index';
import { type ImportData, type ImportFailure, type ImportSummary, mergeImport } from './import';
import { rejectedMessage } from '../domain/server-messages';
import { DocumentHolds } from './document-holds';
import { DurablePersistence } from './persistence';
import type { DocumentPersistence } from './ports';
import { type Checked, type Refusal, checkUpdate } from './rights-check';
import type { SyncContext } from './sync-context';
import type { ServerStore } from './store';
import { parseToken } from './tokens';

export interface SyncOptions {
  /** Where the shared documents are stored and logged; closed by `stop()`. */
  persistence: DocumentPersistence;
  /** Milliseconds of quiet before a changed document is stored, and the most a store may wait. */
  debounce: number;
  maxDebounce: number;
}

/** y-protocols' sync step 1 carries a state vector: a question, not a change. */
const SYNC_STEP_1 = 0;

/** Close code for a connection whose update or credential was refused (as Hocuspocus's Forbidden). */
const REFUSED = 4403;

class Denied extends Error {
  constructor(readonly reason: string) {
    super(`connection refused: ${reason}`);
  }
}

class UpdateRefused extends Error {
  readonly code = REFUSED;

  constructor(readonly reason: Refusal) {
    super(`update refused: ${reason}`);
  }
}

export class Sync {
  readonly hocuspocus: Hocuspocus<SyncContext>;
  private readonly persistence: DurablePersistence;
  private readonly stored: DocumentPersistence;
  private readonly holds: DocumentHolds;

  constructor(
    private readonly store: ServerStore,
    options: SyncOptions,
  ) {
    this.stored = options.persistence;
    this.persistence = new DurablePersistence(this.stored.documents, this.stored.log);
    this.hocuspocus = new Hocuspocus<SyncContext>({
      name: 'tissage',
      quiet: true,
      debounce: options.debounce,
      maxDebounce: options.maxDebounce,
      // The rights check before the durable log (DURABLE_LOG_PRIORITY): only accepted updates are
      // logged. Hooks given here at the top level would run after every extension.
      extensions: [{ beforeSync: (payload) => this.beforeSync(payload) }, this.persistence],
      onAuthenticate: (payload) => this.onAuthenticate(payload),
      // The connection is established: it now keeps the document loaded itself.
      connected: async ({ socketId, documentName }) => this.holds.release(holdKey(socketId, documentName)),
      afterLoadDocument: async ({ document }) => this.watchCredentials(document),
    });
    this.holds = new DocumentHolds(this.hocuspocus);
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
      {} as SyncContext,
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

  /** Ends the live connections of a credential that was just revoked through the API. */
  disconnectCredential(perimeterId: string, credentialId: string): void {
    const document = this.hocuspocus.documents.get(documentNameOf(perimeterId));
    if (document) this.disconnect(document, credentialId);
  }

  /**
   * Stops syncing: every document connection is closed, what they had already sent is applied, and
   * every document in memory is stored whatever its debounce timer says; then the documents
   * database is closed.
   */
  async stop(): Promise<void> {
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

  private async onAuthenticate({
    token,
    documentName,
    request,
    socketId,
    connectionConfig,
    context,
  }: onAuthenticatePayload<SyncContext>): Promise<SyncContext> {
    const parsed = parseToken(token);
    // Checked before loading anything, so a stranger cannot make the server create documents.
    if (
      !parsed ||
      documentName !== documentNameOf(parsed.perimeterId) ||
      !this.store.perimeter(parsed.perimeterId)
    ) {
      throw new Denied('unauthorized');
    }
    const document = await this.hocuspocus.createDocument(
      documentName,
      request,
      socketId,
      connectionConfig,
      context,
    );
    // Held until `connected`, so the document stays loaded between authentication and connection.
    const release = this.holds.hold(document, holdKey(socketId, documentName));
    const result =
      parsed.kind === 'facilitator'
        ? authenticateFacilitator(this.store, parsed)
        : authenticateHousehold(this.store, document, parsed);
    if (typeof result === 'string') {
      release();
      throw new Denied(result);
    }
    return result;
  }

  private async beforeSync({ connection, document, type, payload, context }: beforeSyncPayload<SyncContext>) {
    if (type === SYNC_STEP_1) return;
    const { perimeterId } = context;
    const owner = ownerOf(context);
    const checked: Checked = stillValid(this.store, document, context)
      ? checkUpdate(
          { actor: context.actor, owner },
          (clientId) => this.store.clientIds.owner(perimeterId, clientId),
          document,
          payload,
        )
      : { refusal: 'revoked' };
    if (checked.refusal === null) {
      // Bound before Hocuspocus applies the update, with no await in between: no other update can
      // claim the same client ids meanwhile.
      this.store.clientIds.bind(perimeterId, checked.newClientIds, owner);
      return;
    }
    // Told first, so the client knows why the connection closes and can recover its document.
    connection.sendStateless(rejectedMessage(checked.refusal));
    throw new UpdateRefused(checked.refusal);
  }

  private watchCredentials(document: Document): void {
    const perimeterId = perimeterIdOf(document.name);
    if (perimeterId === undefined) return;
    indexDocument(this.store, perimeterId, document);
    document.getMap(CREDENTIALS_MAP).observe((event) => {
      indexCredentials(this.store, perimeterId, document, event.keysChanged);
      for (const credentialId of event.keysChanged) {
        if (householdCredential(document, credentialId)?.revoked) this.disconnect(document, credentialId);
      }
    });
  }

  private disconnect(document: Document, credentialId: string): void {
    for (const connection of document.getConnections() as Connection<SyncContext>[]) {
      if (connection.context.credentialId !== credentialId) continue;
      connection.sendStateless(rejectedMessage('revoked'));
      connection.close({ code: REFUSED, reason: 'revoked' });
    }
  }
}

function holdKey(socketId: string, documentName: string): string {
  return `${socketId}\n${documentName}`;
}
