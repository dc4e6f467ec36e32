/**
 * Hocuspocus extension, one job: who may open a perimeter's document, and how many document
 * connections a socket and a credential may hold. Each authentication is budgeted per address and
 * per credential (budgets.ts) before anything is loaded; a token is checked before its document is
 * loaded when it can be (a stranger cannot make the server create documents), and a household's
 * credential against the loaded document, where the tablet that issued it wrote it.
 *
 * Caps: one socket opened 1,000 sessions on one document and received every change 1,000 times
 * (issue 8). A socket holds at most `documentsPerSocket` document connections, a credential at
 * most `connectionsPerCredential`; counted from the moment an authentication is admitted (before
 * its first await, so concurrent authentications on one socket cannot all pass) until Hocuspocus
 * reports the connection's end.
 */
import type {
  Extension,
  connectedPayload,
  onAuthenticatePayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import { authenticateFacilitator, authenticateHousehold, documentNameOf } from '../auth';
import { type Budgets, RATE_LIMITED } from '../budgets';
import type { DocumentHolds } from '../document-holds';
import type { ConnectionContext } from '../socket-context';
import type { PrivateStore } from '../ports';
import type { SyncContext } from '../sync-context';
import { parseToken } from '../tokens';
import { refused } from './refusal';

/** The key budgets and caps count a credential under: ids are unique within a perimeter only. */
export function credentialKey({
  perimeterId,
  credentialId,
}: Pick<SyncContext, 'perimeterId' | 'credentialId'>) {
  return `${perimeterId}/${credentialId}`;
}

export class Authentication implements Extension<ConnectionContext> {
  readonly extensionName = 'tissage-authentication';
  private readonly perSocket = new Counts();
  private readonly perCredential = new Counts();

  constructor(
    private readonly store: PrivateStore,
    private readonly budgets: Budgets,
    private readonly holds: DocumentHolds,
  ) {}

  async onAuthenticate(payload: onAuthenticatePayload<ConnectionContext>): Promise<SyncContext> {
    try {
      return await this.authenticate(payload);
    } catch (error) {
      // Counted per address: a client refused again and again is turned away at the upgrade.
      this.budgets.countRefusal(payload.context.address);
      throw error;
    }
  }

  private async authenticate({
    token,
    documentName,
    request,
    socketId,
    connectionConfig,
    context,
    instance,
  }: onAuthenticatePayload<ConnectionContext>): Promise<SyncContext> {
    const parsed = parseToken(token);
    // What a refusal line says: ids the token claims, never the token.
    const who = {
      socketId,
      address: context.address,
      perimeterId: parsed?.perimeterId,
      credentialId: parsed?.credentialId,
    };
    const wait = await this.budgets.spend(
      'authentications',
      context.address,
      parsed ? credentialKey(parsed) : undefined,
    );
    if (wait !== null) {
      context.closeSocket(RATE_LIMITED.code, RATE_LIMITED.reason);
      throw refused('authentication', RATE_LIMITED.reason, who, RATE_LIMITED.code);
    }
    if (
      !parsed ||
      documentName !== documentNameOf(parsed.perimeterId) ||
      !this.store.perimeter(parsed.perimeterId)
    )
      throw refused('authentication', 'unauthorized', who);
    const { documentsPerSocket, connectionsPerCredential } = this.budgets.options;
    const key = credentialKey(parsed);
    if (this.perSocket.of(socketId) >= documentsPerSocket)
      throw refused('authentication', 'too-many-documents', who);
    if (this.perCredential.of(key) >= connectionsPerCredential)
      throw refused('authentication', 'too-many-connections', who);
    this.perSocket.add(socketId);
    this.perCredential.add(key);
    try {
      const document = await instance.createDocument(
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
        throw refused('authentication', result, who);
      }
      // A tablet's first upload of a perimeter is one frame of megabytes (budgets.ts).
      context.allowFrameBytes(this.budgets.messageBytes(result.actor));
      return result;
    } catch (error) {
      this.perSocket.remove(socketId);
      this.perCredential.remove(key);
      throw error;
    }
  }

  /** The connection is established: it now keeps the document loaded itself. */
  async connected({ socketId, documentName }: connectedPayload<ConnectionContext>): Promise<void> {
    this.holds.release(holdKey(socketId, documentName));
  }

  async onDisconnect({ socketId, context, document }: onDisconnectPayload<ConnectionContext>): Promise<void> {
    // Before Hocuspocus checks whether this was the document's last connection.
    this.holds.linger(document, this.budgets.options.documentLingerMs);
    this.perSocket.remove(socketId);
    // Only established connections end here, and each was admitted with its credential.
    this.perCredential.remove(credentialKey(context));
  }
}

function holdKey(socketId: string, documentName: string): string {
  return `${socketId}\n${documentName}`;
}

/** Counts per key, forgetting a key at zero so that ended sockets leave nothing behind. */
class Counts {
  private readonly counts = new Map<string, number>();

  of(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string): void {
    this.counts.set(key, this.of(key) + 1);
  }

  remove(key: string): void {
    const count = this.of(key) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }
}
