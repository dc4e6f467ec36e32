/**
 * The frozen version-1 samples of tests/fixtures/v1/ (scripts/make-v1-fixtures.ts), served and
 * imported by today's server: a data directory as the version-1 server wrote it starts and serves
 * its perimeter, and the version-1 export file imports through `admin import`. These files never
 * change; if this test fails, today's server no longer reads what version-1 servers hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatToken } from '../../src/server/tokens';
import { runAdmin } from './child-server';
import {
  type Client,
  type TestServer,
  connect,
  startServer,
  stopServer,
  synced,
  tempDataDir,
  waitUntil,
} from './helpers';

const V1 = path.resolve(import.meta.dirname, '../fixtures/v1');
/** The passphrase scripts/make-v1-fixtures.ts encrypted export.tissage.json with. */
const PASSPHRASE = 'tilleul bleu cafe quatorze';
const PERIMETER_ID = 'tilleuls-v1-fixture';
const AMINA = {
  householdId: 'fixture-id-0004',
  credentialId: 'c078878af6b2cb97',
  secret: 'fixtureaminakeep',
};
const BRUNO = {
  householdId: 'fixture-id-0005',
  credentialId: 'c9a4e7342ede94b0',
  secret: 'fixturebrunawent',
};
const HOUSEHOLDS = ['fixture-id-0001', 'fixture-id-0002', 'fixture-id-0004', 'fixture-id-0005'];

let server: TestServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await stopServer(server);
  server = undefined;
});

function open(token: string): Client {
  const client = connect(server!.wsUrl, PERIMETER_ID, token);
  clients.push(client);
  return client;
}

const householdToken = (household: typeof AMINA) =>
  formatToken({ kind: 'household', perimeterId: PERIMETER_ID, ...household });

/** A fresh data directory holding a copy of the version-1 databases (the originals stay untouched). */
function copyOfV1DataDir(): string {
  const dataDir = tempDataDir();
  for (const name of ['tissage.sqlite', 'documents.sqlite'])
    fs.copyFileSync(path.join(V1, name), path.join(dataDir, name));
  return dataDir;
}

describe("a version-1 server's data directory", () => {
  it("starts today's server, which serves the perimeter to its facilitator and households", async () => {
    server = await startServer({ dataDir: copyOfV1DataDir() });
    const facilitator = open(fs.readFileSync(path.join(V1, 'facilitator-token.txt'), 'utf8').trim());
    await synced(facilitator);
    expect([...facilitator.doc.getMap('profiles').keys()].sort()).toEqual(HOUSEHOLDS);
    expect(facilitator.doc.getMap('answers').size).toBe(6);
    expect(facilitator.doc.getMap('meta').get('perimeter')).toMatchObject({ id: PERIMETER_ID });

    const amina = open(householdToken(AMINA));
    await synced(amina);
    expect(amina.doc.getMap('answers').get(`${AMINA.householdId}/pret-perceuse`)).toMatchObject({
      value: 'offer',
    });
    const bruno = open(householdToken(BRUNO));
    await waitUntil(() => bruno.authFailure !== undefined, 'refusal');
    expect(bruno.authFailure).toBe('revoked');

    const lookup = await fetch(`${server.url}/api/credentials/${AMINA.credentialId}`);
    expect(await lookup.json()).toEqual({ perimeterId: PERIMETER_ID, householdId: AMINA.householdId });
    expect((await fetch(`${server.url}/api/credentials/${BRUNO.credentialId}`)).status).toBe(404);
    const contact = await fetch(`${server.url}/api/contacts/${AMINA.householdId}`, {
      headers: { Authorization: `Bearer ${householdToken(AMINA)}` },
    });
    expect(await contact.json()).toMatchObject({ phone: '06 12 34 56 78' });
  });
});

describe('a version-1 export file', () => {
  it('imports into an empty server, and again into the server that already holds it, changing nothing', async () => {
    const file = path.join(V1, 'export.tissage.json');
    const empty = tempDataDir();
    const first = await runAdmin(empty, ['import', '--file', file], `${PASSPHRASE}\n`);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(
      /"Résidence des Tilleuls" \(tilleuls-v1-fixture\), a perimeter new to this server/,
    );
    expect(first.output).toMatch(/households: 4 \(4 new or changed\)/);
    expect(first.output).toMatch(/answers: 6 \(6 new or changed\)/);
    expect(first.output).toMatch(/contacts: 1 in the file \(1 new or changed\)/);
    server = await startServer({ dataDir: empty });
    await synced(open(householdToken(AMINA)));
    await stopServer(server);

    const holding = copyOfV1DataDir();
    const again = await runAdmin(holding, ['import', '--file', file], `${PASSPHRASE}\n`);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/households: 4 \(0 new or changed\)/);
    expect(again.output).toMatch(/answers: 6 \(0 new or changed\)/);
    expect(again.output).toMatch(/contacts: 1 in the file \(0 new or changed\)/);
    server = await startServer({ dataDir: holding });
  });
});
