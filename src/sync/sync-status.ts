/**
 * The one description of where a perimeter's sync stands on this device, from the connection to
 * the server up to what the screens show (src/ui/sync-view.ts turns it into words). PerimeterSync
 * fills its connection part; the perimeter runtime (src/workspace/perimeter-runtime.ts) adds the
 * mode, the role, recoveries and the document's format.
 */
import type { Actor } from '../domain';

/**
 * Where this device stands with the server, in the three ways a person can act on differently:
 * - 'online': the server answers (a message came from it on this connection within the heartbeat);
 * - 'connecting': trying, for less than the bounded wait, with no attempt failed yet;
 * - 'no-network': the browser says this device has no network at all;
 * - 'unreachable': the network is up but the server does not answer: the connection is refused,
 *   or it stays silent past the bounded wait (a stalled link, a server that hangs);
 * - 'idle': not trying (no server for this perimeter, or sync stopped).
 * A refusal (credential or change) is a `SyncProblem`, not a connection state.
 */
export type Connection = 'online' | 'connecting' | 'no-network' | 'unreachable' | 'idle';

/**
 * - 'unauthorized': the server does not (yet) accept this device's credential;
 * - 'revoked': it no longer does; nothing is sent any more;
 * - 'erased': nor does it, because the household it belongs to was erased (issue 13): the
 *   household's own phone forgets the perimeter (workspace/app-services.ts);
 * - 'recovering': the server refused a change and the document is being rebuilt from its copy;
 * - 'app-outdated': the document is of a newer format than this app knows (domain/format.ts):
 *   nothing is shown, written or sent until the app is updated.
 */
export type SyncProblem = 'unauthorized' | 'revoked' | 'erased' | 'recovering' | 'app-outdated';

export interface SyncStatus {
  /** 'local': this device is not attached to a server (yet); everything stays on it. */
  mode: 'local' | 'synced';
  role: Actor['kind'] | null;
  connection: Connection;
  /** Changes on this device that the server has not stored yet. */
  waiting: number;
  /** When the server last said it stored everything it had (ISO 8601); null if never. */
  storedAt: string | null;
  problem: SyncProblem | null;
  /** The last rebuild after a refusal, and how many records it could not keep. */
  recovered: { at: string; dropped: number } | null;
}

/** The part of the status one connection to the server knows (PerimeterSync). */
export type ConnectionStatus = Pick<SyncStatus, 'connection' | 'waiting' | 'storedAt'> & {
  problem: Extract<SyncProblem, 'unauthorized' | 'revoked' | 'erased'> | null;
};

/** A perimeter on this device only, or not loaded yet: nothing connected, nothing waiting. */
export const LOCAL_STATUS: SyncStatus = {
  mode: 'local',
  role: null,
  connection: 'idle',
  waiting: 0,
  storedAt: null,
  problem: null,
  recovered: null,
};
