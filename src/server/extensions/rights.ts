/**
 * Hocuspocus extension, one job: the rights check of every incoming update (rights-check.ts),
 * before Hocuspocus applies and forwards it. `beforeSync` is the last hook before that: throwing
 * there means the update is neither applied nor sent to anyone else, nor logged (the durable log
 * runs after it, at a lower priority). `onChange` would be too late (it runs after applying and
 * cannot veto).
 *
 * The update reaches this hook already bounded in size by its role (message-budget.ts), so its
 * check costs a few milliseconds for a household. The largest facilitator update (a tablet's first
 * upload of a 500-household perimeter, 8.2 MB) costs about 0.8 s here, and Hocuspocus's own apply
 * about 0.4 s more on the same thread: bench/flood.ts prints both. It stays on the event loop: the
 * check reads the live document (no worker can without a copy, which costs as much as the check),
 * and slicing it would let other updates change the document between slices. Such an upload
 * happens once per perimeter, from an authenticated facilitator, within the message rate.
 */
import type { Extension, beforeSyncPayload } from '@hocuspocus/server';
import { stillValid } from '../auth';
import { log } from '../logger';
import { ownerOf } from '../client-ids';
import { rejectedMessage } from '../../domain/server-messages';
import { type Checked, checkUpdate } from '../rights-check';
import type { ConnectionContext } from '../socket-context';
import type { PrivateStore } from '../ports';
import { refused } from './refusal';

/** y-protocols' sync step 1 carries a state vector: a question, not a change. */
const SYNC_STEP_1 = 0;

export class RightsCheck implements Extension<ConnectionContext> {
  readonly extensionName = 'tissage-rights-check';

  constructor(private readonly store: PrivateStore) {}

  async beforeSync({ connection, document, type, payload, context }: beforeSyncPayload<ConnectionContext>) {
    if (type === SYNC_STEP_1) return;
    const { perimeterId } = context;
    const owner = ownerOf(context);
    const checked: Checked = stillValid(this.store, document, context)
      ? checkUpdate(
          { actor: context.actor, owner, perimeterId },
          (clientId) => this.store.clientIds.owner(perimeterId, clientId),
          document,
          payload,
        )
      : { refusal: 'revoked', problem: 'credential revoked' };
    if (checked.refusal === null) {
      // Bound before Hocuspocus applies the update, with no await in between: no other update can
      // claim the same client ids meanwhile.
      this.store.clientIds.bind(perimeterId, checked.newClientIds, owner);
      return;
    }
    // Which check failed, for whoever investigates a refusal; the warning below names only the kind.
    log.debug(
      { perimeterId, socketId: connection.socketId, actor: context.actor.kind, problem: checked.problem },
      `update ${checked.refusal}: ${checked.problem}`,
    );
    // Told first, so the client knows why the connection closes and can recover its document.
    connection.sendStateless(rejectedMessage(checked.refusal));
    throw refused('update', checked.refusal, {
      perimeterId,
      credentialId: context.credentialId,
      socketId: connection.socketId,
      address: context.address,
    });
  }
}
