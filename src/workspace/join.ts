/**
 * Joining a server: a facilitator's tablet redeems an invitation, a household's phone presents the
 * credential the tablet issued (scanned as a link, or typed as a short code). Both need a
 * connection, once; everything afterwards works offline.
 */
import {
  type Token,
  formatToken,
  householdCredentialId,
  parseToken,
  secretFromShortCode,
} from '../domain/credentials';
import { sha256hex } from './crypto';

export type JoinFailure =
  'offline' | 'invalid-code' | 'unknown-credential' | 'perimeter-in-use' | 'server-error';

export type Joined<T> = { ok: true; value: T } | { ok: false; reason: JoinFailure };

export async function redeemInvitation(
  http: string,
  code: string,
  attachPerimeterId: string | undefined,
): Promise<Joined<{ perimeterId: string; perimeterName: string; token: string }>> {
  const response = await request(`${http}/api/invitations/redeem`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      code: code.trim().toLowerCase(),
      ...(attachPerimeterId ? { attachPerimeterId } : {}),
    }),
  });
  if (!response.ok) return response;
  const { status, body } = response.value;
  if (status === 200)
    return { ok: true, value: body as { perimeterId: string; perimeterName: string; token: string } };
  if (status === 409) return { ok: false, reason: 'perimeter-in-use' };
  return { ok: false, reason: status >= 500 ? 'server-error' : 'invalid-code' };
}

/** A household's token from a scanned link, a pasted token or a typed short code. */
export async function householdToken(
  http: string,
  input: string,
): Promise<Joined<{ token: string; perimeterId: string; householdId: string }>> {
  const text = decodeURIComponent(input.trim().replace(/^.*#\/rejoindre\//, ''));
  let token: Token | undefined = parseToken(text);
  const secret = token?.secret ?? secretFromShortCode(text);
  if (!secret || (token && token.kind !== 'household')) return { ok: false, reason: 'invalid-code' };
  const credentialId = token?.credentialId ?? (await householdCredentialId(secret, sha256hex));
  const response = await request(`${http}/api/credentials/${encodeURIComponent(credentialId)}`, {
    method: 'GET',
  });
  if (!response.ok) return response;
  const { status, body } = response.value;
  if (status === 404) return { ok: false, reason: 'unknown-credential' };
  if (status !== 200) return { ok: false, reason: 'server-error' };
  const { perimeterId, householdId } = body as { perimeterId: string; householdId: string };
  token ??= { kind: 'household', perimeterId, credentialId, secret };
  return { ok: true, value: { token: formatToken(token), perimeterId, householdId } };
}

/** How long joining waits for the server before saying it does not answer. */
const ANSWER_MS = 15_000;

async function request(url: string, init: RequestInit): Promise<Joined<{ status: number; body: unknown }>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_MS) });
  } catch {
    // No network on this device, or a network on which the server does not answer: the person
    // does something different about each (find a network, or try again later).
    return { ok: false, reason: globalThis.navigator?.onLine === false ? 'offline' : 'server-error' };
  }
  // A body that is not JSON is an answer too: the callers read `undefined` as the server failing.
  const body: unknown = await response.json().catch(() => undefined);
  return { ok: true, value: { status: response.status, body } };
}
