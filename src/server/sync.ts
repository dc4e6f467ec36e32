/**
 * The Hocuspocus side of the server: one shared document per perimeter, authenticated connections,
 * a rights check on every incoming update, and persistence with a "stored" acknowledgement.
 *
 * Updates are checked in `beforeSync`, the last hook before Hocuspocus applies and forwards them:
 * throwing there means the update is neither applied nor sent to anyone else. `onChange` would be
 * too late (it runs after applying and cannot veto).
 */
import type { Connection, Document, beforeSyncPayload, onAuthenticatePayload } from '@hocuspocus/server';
import { Hocuspocus } from '@hocuspocus/server';
import { CREDENTIALS_MAP } from '../domain';
import {
  type SyncContext,
  authenticateFacilitator,
  authenticateHousehold,
  documentNameOf,
  householdCredential,
  stillValid,
} from './auth';
import { rejectedMessage } from './messages';
import { DocumentHolds } from './document-holds';
import { AcknowledgedPersistence } from './persistence';
import { type Refusal, checkUpdate } from './rights-check';
import type { ServerStore } from './store';
import { parseToken } from './tokens';

export interface SyncOptions {
  documentsFile: string;
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
  private readonly persistence: AcknowledgedPersistence;
  private readonly holds: DocumentHolds;

  constructor(
    private readonly store: ServerStore,
    options: SyncOptions,
  ) {
    this.persistence = new AcknowledgedPersistence(options.documentsFile);
    this.persistence.open();
    this.hocuspocus = new Hocuspocus<SyncContext>({
      name: 'tissage',
      quiet: true,
      debounce: options.debounce,
      maxDebounce: options.maxDebounce,
      extensions: [this.persistence],
      onAuthenticate: (payload) => this.onAuthenticate(payload),
      // The connection is established: it now keeps the document loaded itself.
      connected: async ({ socketId, documentName }) => this.holds.release(holdKey(socketId, documentName)),
      beforeSync: (payload) => this.beforeSync(payload),
      afterLoadDocument: async ({ document }) => this.watchRevocations(document),
    });
    this.holds = new DocumentHolds(this.hocuspocus);
  }

  /** Whether the perimeter's document was ever stored or is in memory now. */
  hasDocument(perimeterId: string): boolean {
    const name = documentNameOf(perimeterId);
    return (
      this.hocuspocus.documents.has(name) ||
      this.hocuspocus.loadingDocuments.has(name) ||
      this.persistence.hasDocument(name)
    );
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
    this.persistence.close();
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
    const refusal = stillValid(this.store, document, context)
      ? checkUpdate(context.actor, document, payload)
      : 'revoked';
    if (refusal === null) return;
    // Told first, so the client knows why the connection closes and can recover its document.
    connection.sendStateless(rejectedMessage(refusal));
    throw new UpdateRefused(refusal);
  }

  private watchRevocations(document: Document): void {
    document.getMap(CREDENTIALS_MAP).observe((event) => {
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
