/**
 * What the sync benches do as a facilitator's tablet: push a synthetic perimeter built offline
 * (bench/synthetic.ts) to a fresh server, issue household credentials into the shared document
 * the way the app does (PerimeterWorkspace.issueCredential), and write answers through the
 * domain's own command.
 */
import * as Y from 'yjs';
import {
  type AnswerValue,
  type Env,
  answer,
  answerKey,
  answersFor,
  issueCredential,
  systemEnv,
} from '../src/domain';
import { formatToken, householdCredentialId } from '../src/domain/credentials';
import { PerimeterDoc } from '../src/sync/perimeter-doc';
import { newHouseholdSecret, sha256hex } from '../src/workspace/crypto';
import type { BenchServer } from './sync-server';
import { Device } from './sync-device';
import { type SyntheticPerimeter, catalogue } from './synthetic';

export interface Seeded {
  facilitator: Device;
  /** The facilitator's token, for more tablets. */
  token: string;
  /** The whole perimeter as one update (Y.encodeStateAsUpdate), as pushed. */
  bytes: number;
  /** From applying the perimeter on the synced tablet to the server's `stored` covering all of it. */
  pushToStoredMs: number;
}

/**
 * A tablet that built `perimeter` offline connects to `server` and pushes it once, with `token`
 * when given (a facilitator token for this perimeter), or a new one.
 */
export async function seedPerimeter(
  server: BenchServer,
  perimeter: SyntheticPerimeter,
  token?: string,
): Promise<Seeded> {
  token ??= await server.facilitatorToken(perimeter.perimeterId);
  const facilitator = new Device(server.wsUrl, perimeter.perimeterId, token);
  await facilitator.sync.whenSynced();
  const update = Y.encodeStateAsUpdate(perimeter.doc);
  const started = performance.now();
  Y.applyUpdate(facilitator.doc, update);
  const storedAt = await facilitator.whenStored(() => facilitator.everythingStored());
  if (facilitator.refusals.length > 0) throw new Error(`seed refused: ${facilitator.refusals.join(', ')}`);
  return { facilitator, token, bytes: update.length, pushToStoredMs: storedAt - started };
}

/**
 * Issues one household credential per household, one transaction each as at a sign-up desk, and
 * waits until the server stored them all (before that, it would refuse the households' tokens).
 * Returns each household's token.
 */
export async function issueCredentials(
  facilitator: Device,
  perimeterId: string,
  householdIds: string[],
): Promise<Map<string, string>> {
  const view = new PerimeterDoc(facilitator.doc, catalogue);
  const tokens = new Map<string, string>();
  for (const householdId of householdIds) {
    const secret = newHouseholdSecret();
    const [credentialId, secretHash] = await Promise.all([
      householdCredentialId(secret, sha256hex),
      sha256hex(secret),
    ]);
    const issued = issueCredential(view, systemEnv, householdId, credentialId, secretHash);
    if (!issued.ok) throw new Error(`credential refused: ${JSON.stringify(issued.errors)}`);
    view.apply(issued.value.changes, null);
    tokens.set(householdId, formatToken({ kind: 'household', perimeterId, credentialId, secret }));
  }
  await facilitator.whenStored(() => facilitator.ownChangesStored());
  return tokens;
}

/** The households of a perimeter, in a stable order (the founder first). */
export function householdIds(doc: Y.Doc): string[] {
  return [...doc.getMap('profiles').keys()].sort();
}

/**
 * One tap of the scan on `doc`: the household's answer to an idea, through the domain command, in
 * one transaction. Returns the record written.
 */
export function tapAnswer(
  doc: Y.Doc,
  householdId: string,
  ideaIndex: number,
  env: Env = systemEnv,
): { key: string; value: { value: AnswerValue; at: string } } {
  const view = new PerimeterDoc(doc, catalogue);
  const idea = catalogue.ideas[ideaIndex % catalogue.ideas.length]!;
  const values = answersFor(idea);
  const current = view.get('answers', answerKey(householdId, idea.id))?.value;
  // Always a different value, so that every tap is a real change.
  const value = values[(values.indexOf(current ?? values[0]!) + 1) % values.length]!;
  const result = answer(view, env, { householdId, ideaId: idea.id, value });
  if (!result.ok) throw new Error(`answer refused: ${JSON.stringify(result.errors)}`);
  view.apply(result.value.changes, null);
  const change = result.value.changes[0]!;
  return { key: change.key, value: change.value as { value: AnswerValue; at: string } };
}
