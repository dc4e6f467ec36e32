/**
 * Writes the frozen version-1 samples of tests/fixtures/v1/: what a perimeter looks like on disk
 * and on the wire in format version 1, so that every later app and server is tested against it.
 *
 *   node --import tsx scripts/make-v1-fixtures.ts [output directory, default tests/fixtures/v1]
 *
 * - `document.yjs`: Y.encodeStateAsUpdate of a small perimeter's shared document, built with the
 *   domain's own commands (two founders, a sign-up session, two households signed up, answers to
 *   shipped ideas and to a local idea, a household credential and a revoked one). The clock, the
 *   ids and the Yjs client id are fixed, so this file comes out byte for byte the same each run.
 * - `export.tissage.json`: that document and one contact, in an export file encrypted with
 *   PASSPHRASE (its salt and iv are random: it differs each run, and opens the same way).
 * - `tissage.sqlite` and `documents.sqlite`: the data directory of a real server that received the
 *   document from a facilitator's tablet over the sync protocol and one contact over the API, then
 *   stopped. `facilitator-token.txt` is that tablet's token (a test secret, valid only there).
 *
 * The files in the repository are frozen: do not regenerate them when the code changes. They were
 * written by this script at the commit named in tests/fixtures/v1/README.md; a new format version
 * gets its own folder (v2/) and keeps this one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import catalogueJson from '../src/catalogue/catalogue.v1.json';
import {
  type Catalogue,
  type Change,
  type Env,
  type Result,
  addLocalIdea,
  answer,
  createPerimeter,
  encryptExport,
  householdCredentialId,
  issueCredential,
  openSession,
  revokeCredential,
  signUpHousehold,
} from '../src/domain';
import { start } from '../src/server/server';
import { ServerStore } from '../src/server/store';
import { sha256hex } from '../src/server/tokens';
import { PerimeterDoc } from '../src/sync/perimeter-doc';

/** The passphrase of export.tissage.json; tests/*\/fixtures-v1 tests write it too. */
export const PASSPHRASE = 'tilleul bleu cafe quatorze';
const PERIMETER_ID = 'tilleuls-v1-fixture';
/** Household secrets as a tablet makes them up (16 letters of the id alphabet). */
const SECRETS = { valid: 'fixtureaminakeep', revoked: 'fixturebrunawent' };

const out = path.resolve(process.argv[2] ?? 'tests/fixtures/v1');
fs.mkdirSync(out, { recursive: true });

// A fixed clock (one second per call) and fixed ids make the document deterministic.
let tick = Date.parse('2026-11-29T10:00:00.000Z');
let serial = 0;
const env: Env = {
  now: () => new Date((tick += 1000)).toISOString(),
  newId: () => `fixture-id-${String(++serial).padStart(4, '0')}`,
};

const doc = new Y.Doc();
doc.clientID = 1001;
const view = new PerimeterDoc(doc, catalogueJson as Catalogue);
function run<T>(result: Result<{ changes: Change[]; value: T }>): T {
  if (!result.ok) throw new Error(`command refused: ${JSON.stringify(result.errors)}`);
  view.apply(result.value.changes, 'fixture');
  return result.value.value;
}

const { founderIds } = run(
  createPerimeter(view, env, PERIMETER_ID, {
    name: 'Résidence des Tilleuls',
    places: ['Bâtiment A', 'Bâtiment B'],
    dwellings: 120,
    founders: [
      { name: 'Odile', place: 'Bâtiment A' },
      { name: 'Karim', place: 'Bâtiment B' },
    ],
  }),
);
const sessionId = run(
  openSession(view, env, { date: '2026-11-29', place: 'Local commun', kind: 'cafe', present: founderIds }),
);
const signUp = (name: string, place: string, phone: string) =>
  run(
    signUpHousehold(view, env, sessionId, {
      name,
      place,
      languages: ['fr', 'ar'],
      contact: { phone, email: '', flat: '' },
      dataUse: true,
      shareContact: true,
      witnesses: [founderIds[0]!],
    }),
  ).householdId;
const amina = signUp('Amina', 'Bâtiment A', '06 12 34 56 78');
const bruno = signUp('Bruno', 'Bâtiment B', '06 98 76 54 32');
const localIdea = run(
  addLocalIdea(view, env, {
    theme: 'jardin',
    kind: 'collective',
    title: 'Bac à compost de la cour',
    hint: 'Un bac partagé au pied du bâtiment B.',
  }),
);
for (const [householdId, ideaId, value] of [
  [amina, 'pret-perceuse', 'offer'],
  [amina, 'pret-echelle', 'seek'],
  [amina, localIdea, 'join'],
  [bruno, 'pret-perceuse', 'seek'],
  [bruno, 'pret-placard-partage', 'join'],
  [founderIds[0]!, 'pret-echelle', 'both'],
] as const)
  run(answer(view, env, { householdId, ideaId, value }));
const credentialOf = (secret: string) => householdCredentialId(secret, async (text) => sha256hex(text));
const validCredential = await credentialOf(SECRETS.valid);
const revokedCredential = await credentialOf(SECRETS.revoked);
run(issueCredential(view, env, amina, validCredential, sha256hex(SECRETS.valid)));
run(issueCredential(view, env, bruno, revokedCredential, sha256hex(SECRETS.revoked)));
run(revokeCredential(view, revokedCredential));

const update = Y.encodeStateAsUpdate(doc);
fs.writeFileSync(path.join(out, 'document.yjs'), update);

const contact = { householdId: amina, phone: '06 12 34 56 78' };
const file = await encryptExport(
  { perimeterId: PERIMETER_ID, exportedAt: env.now(), document: update, contacts: [contact] },
  PASSPHRASE,
);
fs.writeFileSync(path.join(out, 'export.tissage.json'), `${JSON.stringify(file, null, 2)}\n`);

// The server's data directory, written by the server itself.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tissage-fixture-'));
const server = await start({ dataDir, port: 0, distDir: path.join(dataDir, 'no-dist') });
const store = ServerStore.open(dataDir);
store.createPerimeter('Résidence des Tilleuls', PERIMETER_ID);
const { code } = store.createInvitation(PERIMETER_ID);
store.close();
const redeemed = await fetch(`${server.url}/api/invitations/redeem`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ code }),
});
const { token } = (await redeemed.json()) as { token: string };
const tablet = new Y.Doc();
Y.applyUpdate(tablet, update);
const socket = new HocuspocusProviderWebsocket({
  url: `${server.url.replace(/^http/, 'ws')}/sync`,
  WebSocketPolyfill: WebSocket,
});
const provider = new HocuspocusProvider({
  websocketProvider: socket,
  name: `perimeter:${PERIMETER_ID}`,
  token,
  document: tablet,
});
provider.attach();
await new Promise<void>((resolve, reject) => {
  const deadline = setTimeout(() => reject(new Error('the server did not take the document')), 30_000);
  const check = () => {
    if (provider.isSynced && !provider.hasUnsyncedChanges) {
      clearTimeout(deadline);
      resolve();
    } else setTimeout(check, 20);
  };
  check();
});
const contacts = await fetch(`${server.url}/api/contacts`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify({ contacts: [contact] }),
});
if (!contacts.ok) throw new Error(`contacts refused: ${contacts.status}`);
provider.destroy();
socket.destroy();
// Stopping stores every document and closes both databases, which folds their WAL back in.
await server.stop();
for (const name of ['tissage.sqlite', 'documents.sqlite']) {
  if (fs.existsSync(path.join(dataDir, `${name}-wal`))) throw new Error(`${name} kept a WAL file`);
  fs.copyFileSync(path.join(dataDir, name), path.join(out, name));
}
fs.writeFileSync(path.join(out, 'facilitator-token.txt'), `${token}\n`);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(
  `v1 fixtures written to ${out}: perimeter ${PERIMETER_ID}, households ${[...founderIds, amina, bruno].join(', ')}, ` +
    `local idea ${localIdea}, credentials ${validCredential} (valid) and ${revokedCredential} (revoked)`,
);
