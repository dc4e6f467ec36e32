/**
 * Hocuspocus extension, one job: keep tissage.sqlite's credential index (credential-index.ts) as
 * each loaded document's `credentials` map says, and end the connections of a credential the
 * moment a facilitator revokes it there.
 */
import type { Connection, Document, Extension, afterLoadDocumentPayload } from '@hocuspocus/server';
import { CREDENTIALS_MAP } from '../../domain';
import { householdCredential, householdErased, perimeterIdOf } from '../auth';
import { indexCredentials, indexDocument } from '../document-index';
import { rejectedMessage } from '../../domain/server-messages';
import type { PrivateStore } from '../ports';
import type { SyncContext } from '../sync-context';
import { REFUSED } from './refusal';

export class CredentialIndexing implements Extension {
  readonly extensionName = 'tissage-credential-indexing';

  constructor(private readonly store: PrivateStore) {}

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    const perimeterId = perimeterIdOf(document.name);
    if (perimeterId === undefined) return;
    indexDocument(this.store, perimeterId, document);
    document.getMap(CREDENTIALS_MAP).observe((event) => {
      indexCredentials(this.store, perimeterId, document, event.keysChanged);
      for (const credentialId of event.keysChanged) {
        if (householdCredential(document, credentialId)?.revoked)
          disconnectCredential(document, credentialId);
      }
    });
  }
}

/**
 * Tells each connection of the credential that it was revoked ('erased' when its household was
 * erased: its device then forgets the perimeter), then closes it.
 */
export function disconnectCredential(document: Document, credentialId: string): void {
  for (const connection of document.getConnections() as Connection<SyncContext>[]) {
    if (connection.context.credentialId !== credentialId) continue;
    const { actor } = connection.context;
    const reason =
      actor.kind === 'household' && householdErased(document, actor.householdId) ? 'erased' : 'revoked';
    connection.sendStateless(rejectedMessage(reason));
    connection.close({ code: REFUSED, reason });
  }
}
