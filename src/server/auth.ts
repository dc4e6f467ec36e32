/**
 * Who is on the other end of a token. Facilitator credentials are the server's own (tissage.sqlite);
 * household credentials are issued offline by a facilitator's tablet into the perimeter's shared
 * document, so they count once that tablet has synced, and stop counting when a facilitator marks
 * them revoked there or through the API.
 */
import type * as Y from 'yjs';
import { CREDENTIALS_MAP, householdCredentialSchema } from '../domain';
import type { PrivateStore } from './ports';
import type { SyncContext } from './sync-context';
import { type Token, sameHash, sha256hex } from './tokens';

/**
 * Why a token is refused: 'unauthorized' (unknown, wrong secret, or not synced yet), 'revoked', or
 * 'erased': the token is the household's own (its secret checked) and the household was erased
 * (issue 13). Only the holder of the right secret learns it, so the device can forget the
 * perimeter instead of asking again and again.
 */
export type AuthFailure = 'unauthorized' | 'revoked' | 'erased';

const DOCUMENT_PREFIX = 'perimeter:';

/** One shared document per perimeter. */
export function documentNameOf(perimeterId: string): string {
  return DOCUMENT_PREFIX + perimeterId;
}

export function perimeterIdOf(documentName: string): string | undefined {
  return documentName.startsWith(DOCUMENT_PREFIX) ? documentName.slice(DOCUMENT_PREFIX.length) : undefined;
}

export function authenticateFacilitator(store: PrivateStore, token: Token): SyncContext | AuthFailure {
  const { perimeterId, credentialId } = token;
  const credential = store.facilitatorCredential(credentialId);
  if (token.kind !== 'facilitator' || !credential || credential.perimeterId !== perimeterId)
    return 'unauthorized';
  if (!sameHash(sha256hex(token.secret), credential.secretHash)) return 'unauthorized';
  if (credential.revoked) return 'revoked';
  return { actor: { kind: 'facilitator' }, perimeterId, credentialId };
}

/** `doc` is the token's perimeter document, loaded: household credentials live in it. */
export function authenticateHousehold(
  store: PrivateStore,
  doc: Y.Doc,
  token: Token,
): SyncContext | AuthFailure {
  const { perimeterId, credentialId } = token;
  const credential = householdCredential(doc, credentialId);
  if (token.kind !== 'household' || !credential) return 'unauthorized';
  if (!sameHash(sha256hex(token.secret), credential.secretHash)) return 'unauthorized';
  if (householdErased(doc, credential.householdId)) return 'erased';
  if (credential.revoked || store.householdCredentialRevoked(perimeterId, credentialId)) return 'revoked';
  // A profile is never deleted: absent means the tablet that signed the household up has not synced.
  if (!doc.getMap('profiles').has(credential.householdId)) return 'unauthorized';
  return { actor: { kind: 'household', householdId: credential.householdId }, perimeterId, credentialId };
}

/**
 * Whether an authenticated connection's credential still holds, checked before each of its updates:
 * it may have been revoked since it connected, or while its device was offline.
 */
export function stillValid(store: PrivateStore, doc: Y.Doc, context: SyncContext): boolean {
  const { actor, perimeterId, credentialId } = context;
  if (actor.kind === 'facilitator') {
    const credential = store.facilitatorCredential(credentialId);
    return credential !== undefined && !credential.revoked;
  }
  const credential = householdCredential(doc, credentialId);
  return (
    credential !== undefined &&
    !credential.revoked &&
    credential.householdId === actor.householdId &&
    !store.householdCredentialRevoked(perimeterId, credentialId)
  );
}

/** Whether `doc`'s profile of `householdId` is an erased marker (domain/erasure.ts). */
export function householdErased(doc: Y.Doc, householdId: string): boolean {
  const profile = doc.getMap('profiles').get(householdId) as { erasedAt?: unknown } | undefined;
  return typeof profile === 'object' && profile !== null && profile.erasedAt !== undefined;
}

export function householdCredential(doc: Y.Doc, credentialId: string) {
  const parsed = householdCredentialSchema.safeParse(doc.getMap(CREDENTIALS_MAP).get(credentialId));
  return parsed.success ? parsed.data : undefined;
}
