/**
 * Which credential owns each Yjs client id of a perimeter's document (tissage.sqlite `client_ids`).
 *
 * Yjs trusts the client id an update claims. Anyone could send structs under another device's id,
 * at clocks that device has not used yet, and Yjs would then ignore the device's real changes at
 * those clocks as already known: silently lost. So a client id belongs to the first credential
 * whose accepted update adds structs under it, and to nobody (no one may extend it) when it reached
 * the document another way: before this table existed, or through an import.
 *
 * Devices never need to continue someone else's id, nor one of an earlier session: every Y.Doc
 * draws a random client id when created (yjs `Doc` constructor), y-indexeddb and the provider never
 * set it, and if a loaded state already uses it Yjs draws a new one (`Transaction` cleanup,
 * "Changed the client-id because another client seems to be using it"). The one case that asks
 * for more: a device that imported another device's export file relays that device's changes. If
 * their client id is still unbound it becomes the relaying credential's; if it is bound, the
 * update is refused and the relaying device recovers (src/sync/recover.ts), writing again under a
 * new client id what it may write.
 */
import type { Database } from 'better-sqlite3';
import type { ClientIdOwners } from './ports';
import type { SyncContext } from './sync-context';

/** The owner as stored: the credential's kind and id, since both kinds share one id format. */
export function ownerOf({ actor, credentialId }: Pick<SyncContext, 'actor' | 'credentialId'>): string {
  return `${actor.kind}:${credentialId}`;
}

export class ClientIds implements ClientIdOwners {
  /** Bindings never change once made: known ones are kept here, off the path of every update. */
  private readonly known = new Map<string, string | null>();
  private readonly select;
  private readonly insert;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.select = db.prepare('SELECT owner FROM client_ids WHERE perimeter_id = ? AND client_id = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO client_ids (perimeter_id, client_id, owner, bound_at) VALUES (?, ?, ?, ?)',
    );
  }

  /** The owner of `clientId`: undefined while unbound, null when nobody may extend it. */
  owner(perimeterId: string, clientId: number): string | null | undefined {
    const key = `${perimeterId}:${clientId}`;
    if (this.known.has(key)) return this.known.get(key);
    const row = this.select.get(perimeterId, clientId) as { owner: string | null } | undefined;
    if (row) this.known.set(key, row.owner);
    return row?.owner;
  }

  /** Gives each unbound client id to `owner` (null: nobody); bound ones keep their owner. */
  bind(perimeterId: string, clientIds: Iterable<number>, owner: string | null): void {
    const unknown = [...clientIds].filter((clientId) => !this.known.has(`${perimeterId}:${clientId}`));
    if (unknown.length === 0) return;
    const now = this.now().toISOString();
    this.db.transaction(() => {
      for (const clientId of unknown) this.insert.run(perimeterId, clientId, owner, now);
    })();
  }
}
