/**
 * A household's erasure (issue 13, must-have 4; GDPR art. 17) against a real server on port 0:
 * after the household erases itself from its phone, no byte of its name nor of its contact
 * details remains in any of the server's files (documents.sqlite and tissage.sqlite with their
 * -wal and -shm), its credential is refused, every connected device receives the erased marker,
 * and the other households' data are untouched. Also its own data (GET /api/own-data) and the
 * facilitator's erasure of several households in one step (retention).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerKey, choiceKey } from '../../src/domain';
import { householdExportSchema } from '../../src/domain/erasure';
import {
  type Client,
  at,
  facilitatorTablet,
  facilitatorToken,
  postJson,
  received,
  serverPerTest,
  setAnswer,
  signUpHousehold,
  synced,
  waitUntil,
} from './helpers';

const ctx = serverPerTest();

/** Distinctive values, so a byte search finds only them. */
const AMINA = {
  name: 'Amina Zephyrine-Quetzal',
  phone: '0611447799',
  email: 'amina.quetzal@example.org',
  flat: 'Bat Q 7',
};
const BRUNO = {
  name: 'Bruno Xylophage-Ombre',
  phone: '0622558833',
  email: 'bruno.ombre@example.org',
  flat: 'Bat Z 9',
};

let perimeterId = '';
let tabletToken = '';
let tablet: Client;
const tokens: Record<string, string> = {};

const open = (token: string): Client => ctx.connect(perimeterId, token);

function request(method: string, pathname: string, token: string): Promise<Response> {
  return fetch(`${ctx.server.url}${pathname}`, { method, headers: { Authorization: `Bearer ${token}` } });
}

/** Every file under the data directory, recursively (the databases, their WAL and shared memory). */
function dataFiles(dir = ctx.server.dataDir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? dataFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}

/** The files whose raw bytes hold `text` (UTF-8), checked at once with no reading of SQLite. */
function filesHolding(text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return dataFiles().filter((file) => fs.readFileSync(file).includes(needle));
}

beforeEach(async () => {
  ({ perimeterId, token: tabletToken, tablet } = await facilitatorTablet(ctx));
  tokens.amina001 = signUpHousehold(tablet, perimeterId, 'amina001', { name: AMINA.name });
  tokens.bruno001 = signUpHousehold(tablet, perimeterId, 'bruno001', { name: BRUNO.name });
  tokens.chloe001 = signUpHousehold(tablet, perimeterId, 'chloe001');
  setAnswer(tablet, 'amina001', 'pret-perceuse', 'offer');
  setAnswer(tablet, 'bruno001', 'pret-perceuse', 'seek');
  tablet.doc.getMap('choices').set(choiceKey('bruno001', 'amina001', 'pret-perceuse'), {
    value: 'yes',
    at,
    by: 'facilitator',
  });
  await received(tablet);
  const contacts = [
    { householdId: 'amina001', phone: AMINA.phone, email: AMINA.email, flat: AMINA.flat },
    { householdId: 'bruno001', phone: BRUNO.phone, email: BRUNO.email, flat: BRUNO.flat },
  ];
  expect((await postJson(`${ctx.server.url}/api/contacts`, { contacts }, tabletToken)).status).toBe(200);
  // The household's own choice, from its phone.
  const phone = open(tokens.amina001);
  await synced(phone);
  phone.doc.getMap('choices').set(choiceKey('amina001', 'bruno001', 'pret-perceuse'), {
    value: 'yes',
    at,
    by: 'household',
  });
  await received(phone);
  phone.destroy();
});

describe('a household erases itself from its phone', () => {
  it('leaves no byte of its name or contact details in any of the server’s files', async () => {
    // The search works: before the erasure, the name and the details are on disk.
    await waitUntil(() => filesHolding(AMINA.name).length > 0, 'the name stored');
    expect(filesHolding(AMINA.phone).length).toBeGreaterThan(0);

    const response = await request('POST', '/api/erasure/amina001', tokens.amina001!);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ erased: ['amina001'] });

    const files = dataFiles().map((file) => path.basename(file));
    expect(files).toEqual(expect.arrayContaining(['documents.sqlite', 'tissage.sqlite']));
    for (const secret of [AMINA.name, AMINA.phone, AMINA.email, AMINA.flat])
      expect(filesHolding(secret), secret).toEqual([]);
    // The other households' data are untouched, on disk and through the API.
    expect(filesHolding(BRUNO.name).length).toBeGreaterThan(0);
    const bruno = await request('GET', '/api/contacts/bruno001', tabletToken);
    expect(await bruno.json()).toMatchObject({ phone: BRUNO.phone, email: BRUNO.email, flat: BRUNO.flat });

    // Still nothing once the server stopped and stored everything.
    await ctx.server.stop();
    for (const secret of [AMINA.name, AMINA.phone, AMINA.email, AMINA.flat])
      expect(filesHolding(secret), secret).toEqual([]);
  });

  it('reaches every connected device: the erased marker, its records gone, the others’ kept', async () => {
    const response = await request('POST', '/api/erasure/amina001', tokens.amina001!);
    expect(response.status).toBe(200);
    await waitUntil(
      () => (tablet.doc.getMap('profiles').get('amina001') as { erasedAt?: string }).erasedAt !== undefined,
      'the erased marker on the tablet',
    );
    const profile = tablet.doc.getMap('profiles').get('amina001') as Record<string, unknown>;
    expect(profile).toMatchObject({ id: 'amina001', name: '-', place: '-', languages: [] });
    expect(JSON.stringify(tablet.doc.toJSON())).not.toContain(AMINA.name);
    expect(tablet.doc.getMap('answers').has(answerKey('amina001', 'pret-perceuse'))).toBe(false);
    expect([...tablet.doc.getMap('choices').keys()]).toEqual([]);
    expect(tablet.doc.getMap('answers').get(answerKey('bruno001', 'pret-perceuse'))).toEqual({
      value: 'seek',
      at,
    });
    expect(tablet.doc.getMap('profiles').get('bruno001')).toMatchObject({ name: BRUNO.name });
    // A device that joins afterwards never sees the name either.
    const late = open(tabletToken);
    await synced(late);
    expect(JSON.stringify(late.doc.toJSON())).not.toContain(AMINA.name);
  });

  it('keeps the erased marker against a tablet’s later edit of the profile', async () => {
    expect((await request('POST', '/api/erasure/amina001', tokens.amina001!)).status).toBe(200);
    await waitUntil(
      () => (tablet.doc.getMap('profiles').get('amina001') as { erasedAt?: string }).erasedAt !== undefined,
      'the erased marker on the tablet',
    );
    const marker = tablet.doc.getMap('profiles').get('amina001') as Record<string, unknown>;
    const restored: Record<string, unknown> = { ...marker, name: AMINA.name };
    delete restored.erasedAt;
    tablet.doc.getMap('profiles').set('amina001', restored);
    await waitUntil(() => tablet.messages.some((m) => m.type === 'rejected'), 'the edit refused');
    // Nor may anything new refer to it: a neighbour's choice about a link with it (from another
    // tablet: the first one's connection stays reset after its rejection, SYNC-NOTES).
    const other = open(tabletToken);
    await synced(other);
    other.doc.getMap('choices').set(choiceKey('bruno001', 'amina001', 'pret-echelle'), {
      value: 'yes',
      at,
      by: 'facilitator',
    });
    await waitUntil(() => other.messages.some((m) => m.type === 'rejected'), 'the choice refused');
    const reader = open(tabletToken);
    await synced(reader);
    expect(reader.doc.getMap('profiles').get('amina001')).toMatchObject({ name: '-' });
    expect([...reader.doc.getMap('choices').keys()]).toEqual([]);
    expect(filesHolding(AMINA.name)).toEqual([]);
  });

  it('refuses the erased household’s credential afterwards, over HTTP and WebSocket, saying it is erased', async () => {
    // Her phone, connected while the erasure happens, is told why its connection ends.
    const live = open(tokens.amina001!);
    await synced(live);
    expect((await request('POST', '/api/erasure/amina001', tokens.amina001!)).status).toBe(200);
    await waitUntil(
      () => live.messages.some((m) => m.type === 'rejected' && m.reason === 'erased'),
      'the live phone told it is erased',
    );
    // Asked again (a lost answer), or its own data: refused as erased, in so many words.
    for (const [method, url] of [
      ['GET', '/api/own-data/amina001'],
      ['POST', '/api/erasure/amina001'],
    ] as const) {
      const refused = await request(method, url, tokens.amina001!);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'erased' });
    }
    const phone = open(tokens.amina001!);
    await waitUntil(() => phone.authFailure !== undefined, 'the phone refused');
    expect(phone.authFailure).toBe('erased');
    // Only the credential's holder learns it: a wrong secret is refused as unknown, as before.
    const wrong = tokens.amina001!.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    const guessed = await request('GET', '/api/own-data/amina001', wrong);
    expect(guessed.status).toBe(401);
    expect(await guessed.json()).toEqual({ error: 'unauthorized' });
    // The others still get in.
    expect((await request('GET', '/api/own-data/bruno001', tokens.bruno001!)).status).toBe(200);
  });

  it('refuses another household’s erasure, and a facilitator of another perimeter never reaches it', async () => {
    expect((await request('POST', '/api/erasure/amina001', tokens.bruno001!)).status).toBe(403);
    const other = await facilitatorToken(ctx.server, 'Autre quartier');
    expect((await request('POST', '/api/erasure/amina001', other.token)).status).toBe(404);
    expect((await request('POST', '/api/erasure/amina001', 'Bearer nonsense')).status).toBe(401);
    expect(filesHolding(AMINA.phone).length).toBeGreaterThan(0);
  });
});

describe('a household’s own data', () => {
  it('gives the household everything kept about it, contact details included, in format version 2', async () => {
    const response = await request('GET', '/api/own-data/amina001', tokens.amina001!);
    expect(response.status).toBe(200);
    const data = householdExportSchema.parse(await response.json());
    expect(data).toMatchObject({
      format: 'tissage-household-data',
      version: 2,
      perimeterId,
      householdId: 'amina001',
      contactFrom: 'server',
      profile: { name: AMINA.name },
      answers: [{ ideaId: 'pret-perceuse', value: 'offer', at }],
      choices: [{ otherId: 'bruno001', ideaId: 'pret-perceuse', value: 'yes', by: 'household' }],
      choicesAboutIt: [{ ownerId: 'bruno001', ideaId: 'pret-perceuse', value: 'yes', by: 'facilitator' }],
      contact: { phone: AMINA.phone, email: AMINA.email, flat: AMINA.flat },
    });
    // A facilitator acting for it gets the same; another household does not.
    expect((await request('GET', '/api/own-data/amina001', tabletToken)).status).toBe(200);
    expect((await request('GET', '/api/own-data/amina001', tokens.bruno001!)).status).toBe(403);
  });
});

describe('retention: a facilitator erases several households in one step', () => {
  it('erases each, skips the unknown and the already erased, and refuses a household caller', async () => {
    const body = { householdIds: ['amina001', 'chloe001', 'nobody01'] };
    expect((await postJson(`${ctx.server.url}/api/erasures`, body, tokens.bruno001)).status).toBe(403);
    const response = await postJson(`${ctx.server.url}/api/erasures`, body, tabletToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ erased: ['amina001', 'chloe001'] });
    const again = await postJson(`${ctx.server.url}/api/erasures`, body, tabletToken);
    expect(await again.json()).toMatchObject({ erased: [] });
    expect(filesHolding(AMINA.name)).toEqual([]);
    expect((await request('GET', '/api/own-data/chloe001', tokens.chloe001!)).status).toBe(403);
    expect((await request('GET', '/api/own-data/bruno001', tokens.bruno001!)).status).toBe(200);
  });
});
