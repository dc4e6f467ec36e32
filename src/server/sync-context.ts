/**
 * What a connection carries once authenticated (Hocuspocus's `context`). A leaf module: `auth.ts`
 * produces it, and the sync hooks, the API and the tables keyed by credential (`client-ids.ts`)
 * read it, so none of them has to import the authentication code (and through it the store) for
 * a type.
 */
import type { Actor } from '../domain';

export interface SyncContext {
  actor: Actor;
  perimeterId: string;
  credentialId: string;
}
