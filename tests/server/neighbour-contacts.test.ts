/**
 * Contact details between linked neighbours (issue 11, must-have 3), against a real server: the
 * server answers a household with a neighbour's details only once both said yes (or met) on an
 * idea and both consented at sign-up, only what the neighbour shares, never for another household
 * or another perimeter, and no longer once either side withdrew. Households write their choices
 * from their own phones; a facilitator's tablet writes one on a household's behalf.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type ChoiceValue, type Household, choiceKey } from '../../src/domain';
import { parseToken } from '../../src/server/tokens';
import {
  type Client,
  at,
  facilitatorTablet,
  facilitatorToken,
  postJson,
  received,
  serverPerTest,
  signUpHousehold,
  synced,
} from './helpers';

const ctx = serverPerTest();
const IDEA = 'pret-perceuse';
const OTHER_IDEA = 'pret-echelle';
const consenting: Partial<Household> = { consent: { dataUse: true, shareContact: true, at } };

let perimeterId = '';
let tabletToken = '';
let tablet: Client;
const tokens: Record<string, string> = {};

const open = (token: string): Client => ctx.connect(perimeterId, token);

/** A household's phone records its own choice; resolves once the server applied it. */
async function choose(owner: string, other: string, value: ChoiceValue, ideaId = IDEA): Promise<void> {
  const phone = open(tokens[owner]!);
  await synced(phone);
  phone.doc.getMap('choices').set(choiceKey(owner, other, ideaId), { value, at, by: 'household' });
  await received(phone);
}

/** The facilitator records a choice on a household's behalf. */
async function chooseFor(owner: string, other: string, value: ChoiceValue, ideaId = IDEA): Promise<void> {
  tablet.doc.getMap('choices').set(choiceKey(owner, other, ideaId), { value, at, by: 'facilitator' });
  await received(tablet);
}

function get(path: string, token?: string): Promise<Response> {
  return fetch(`${ctx.server.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
}

function put(path: string, body: unknown, token: string): Promise<Response> {
  return fetch(`${ctx.server.url}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** What `householdId` is given, asked with `token` (its own, unless said otherwise). */
async function seenBy(householdId: string, token = tokens[householdId]!): Promise<unknown> {
  const response = await get(`/api/neighbour-contacts/${householdId}`, token);
  expect(response.status).toBe(200);
  return response.json();
}

const none = (householdId: string) => ({ householdId, neighbours: [] });

beforeEach(async () => {
  ({ perimeterId, token: tabletToken, tablet } = await facilitatorTablet(ctx));
  tokens.amina001 = signUpHousehold(tablet, perimeterId, 'amina001', consenting);
  tokens.bruno001 = signUpHousehold(tablet, perimeterId, 'bruno001', consenting);
  tokens.chloe001 = signUpHousehold(tablet, perimeterId, 'chloe001');
  await received(tablet);
  const contacts = [
    { householdId: 'amina001', phone: '0611111111', email: 'amina@example.org', flat: '3B' },
    { householdId: 'bruno001', phone: '0622222222', email: 'bruno@example.org', flat: '5A' },
    { householdId: 'chloe001', phone: '0633333333', email: 'chloe@example.org' },
  ];
  expect((await postJson(`${ctx.server.url}/api/contacts`, { contacts }, tabletToken)).status).toBe(200);
});

describe('contact details between neighbours, as the server decides them', () => {
  it('gives nothing before two yeses', async () => {
    expect(await seenBy('amina001')).toEqual(none('amina001'));
    await choose('amina001', 'bruno001', 'yes');
    await chooseFor('bruno001', 'amina001', 'not-now');
    // A yes on one idea and a yes on another are not two yeses on one idea.
    await choose('bruno001', 'amina001', 'yes', OTHER_IDEA);
    expect(await seenBy('amina001')).toEqual(none('amina001'));
    expect(await seenBy('bruno001')).toEqual(none('bruno001'));
  });

  it('gives each side the other’s phone and e-mail after two yeses, never the flat', async () => {
    await choose('amina001', 'bruno001', 'yes');
    await chooseFor('bruno001', 'amina001', 'yes');
    expect(await seenBy('amina001')).toEqual({
      householdId: 'amina001',
      neighbours: [{ householdId: 'bruno001', phone: '0622222222', email: 'bruno@example.org' }],
    });
    expect(await seenBy('bruno001')).toEqual({
      householdId: 'bruno001',
      neighbours: [{ householdId: 'amina001', phone: '0611111111', email: 'amina@example.org' }],
    });
    // A facilitator of the perimeter, acting for a household, sees what that household sees.
    expect(await seenBy('amina001', tabletToken)).toEqual(await seenBy('amina001'));
  });

  it('gives nothing when only one of the two consented, either way round', async () => {
    await choose('amina001', 'chloe001', 'yes');
    await choose('chloe001', 'amina001', 'met');
    expect(await seenBy('amina001')).toEqual(none('amina001'));
    expect(await seenBy('chloe001')).toEqual(none('chloe001'));
  });

  it('stops as soon as the household that asks withdraws', async () => {
    await choose('amina001', 'bruno001', 'yes');
    await choose('bruno001', 'amina001', 'met');
    expect((await seenBy('amina001')) as { neighbours: unknown[] }).toMatchObject({
      neighbours: [{ householdId: 'bruno001' }],
    });
    await choose('amina001', 'bruno001', 'withdrawn');
    expect(await seenBy('amina001')).toEqual(none('amina001'));
    expect(await seenBy('bruno001')).toEqual(none('bruno001'));
  });

  it('stops as soon as the other side withdraws, even on another idea', async () => {
    await choose('amina001', 'bruno001', 'yes');
    await choose('bruno001', 'amina001', 'yes');
    await choose('bruno001', 'amina001', 'withdrawn', OTHER_IDEA);
    expect(await seenBy('amina001')).toEqual(none('amina001'));
    expect(await seenBy('bruno001')).toEqual(none('bruno001'));
  });

  it('gives only what the other shares, as the other sets it from its phone', async () => {
    await choose('amina001', 'bruno001', 'yes');
    await choose('bruno001', 'amina001', 'yes');
    const bruno = tokens.bruno001!;
    const sharing = await get('/api/contact-sharing/bruno001', bruno);
    expect(await sharing.json()).toEqual({
      share: 'both',
      chosen: null,
      consented: true,
      phone: '0622222222',
      email: 'bruno@example.org',
    });

    const phoneOnly = await put('/api/contact-sharing/bruno001', { share: 'phone' }, bruno);
    expect(phoneOnly.status).toBe(200);
    expect(await phoneOnly.json()).toMatchObject({ share: 'phone', chosen: 'phone' });
    expect(await seenBy('amina001')).toEqual({
      householdId: 'amina001',
      neighbours: [{ householdId: 'bruno001', phone: '0622222222' }],
    });

    // A new e-mail, no phone any more, e-mail only: the flat the tablet recorded stays.
    const changed = await put(
      '/api/contact-sharing/bruno001',
      { share: 'email', phone: '', email: 'b.nouveau@example.org' },
      bruno,
    );
    expect(await changed.json()).toEqual({
      share: 'email',
      chosen: 'email',
      consented: true,
      email: 'b.nouveau@example.org',
    });
    expect(await seenBy('amina001')).toEqual({
      householdId: 'amina001',
      neighbours: [{ householdId: 'bruno001', email: 'b.nouveau@example.org' }],
    });
    const kept = (await (await get('/api/contacts/bruno001', tabletToken)).json()) as object;
    expect(kept).toMatchObject({ email: 'b.nouveau@example.org', flat: '5A' });
    expect(kept).not.toHaveProperty('phone');

    await put('/api/contact-sharing/bruno001', { share: 'none' }, bruno);
    expect(await seenBy('amina001')).toEqual({
      householdId: 'amina001',
      neighbours: [{ householdId: 'bruno001' }],
    });
    // What Amina shares is hers to say: Bruno still sees both of hers.
    expect(await seenBy('bruno001')).toEqual({
      householdId: 'bruno001',
      neighbours: [{ householdId: 'amina001', phone: '0611111111', email: 'amina@example.org' }],
    });
  });

  it('never answers a household about another household', async () => {
    await choose('amina001', 'bruno001', 'yes');
    await choose('bruno001', 'amina001', 'yes');
    const amina = tokens.amina001!;
    const asked = await get('/api/neighbour-contacts/bruno001', amina);
    expect(asked.status).toBe(403);
    expect(await asked.json()).toEqual({ error: 'forbidden' });
    const sharingOfOther = await get('/api/contact-sharing/bruno001', amina);
    expect(sharingOfOther.status).toBe(403);
    expect(await sharingOfOther.json()).toEqual({ error: 'forbidden' });
    const changed = await put('/api/contact-sharing/bruno001', { share: 'none', phone: '0600000000' }, amina);
    expect(changed.status).toBe(403);
    expect(await changed.json()).toEqual({ error: 'forbidden' });
    expect(await seenBy('amina001')).toEqual({
      householdId: 'amina001',
      neighbours: [{ householdId: 'bruno001', phone: '0622222222', email: 'bruno@example.org' }],
    });
  });

  it('gives a facilitator of another perimeter nothing', async () => {
    await choose('amina001', 'bruno001', 'yes');
    await choose('bruno001', 'amina001', 'yes');
    const other = await facilitatorToken(ctx.server, 'Les Tilleuls');
    for (const path of ['/api/neighbour-contacts/amina001', '/api/contact-sharing/amina001']) {
      const response = await get(path, other.token);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not-found' });
    }
    const changed = await put('/api/contact-sharing/bruno001', { share: 'none' }, other.token);
    expect(changed.status).toBe(404);
    expect(await seenBy('amina001')).toMatchObject({ neighbours: [{ phone: '0622222222' }] });
  });

  it('answers malformed or unauthorised requests with a JSON error and stays up', async () => {
    const amina = tokens.amina001!;
    const cases: [Promise<Response>, number, string][] = [
      [get('/api/neighbour-contacts/amina001'), 401, 'unauthorized'],
      [get('/api/neighbour-contacts/amina001', 'v1.h.nope'), 401, 'unauthorized'],
      [get('/api/neighbour-contacts/NOT_AN_ID', amina), 404, 'not-found'],
      [get('/api/neighbour-contacts/%00%ff', amina), 404, 'not-found'],
      [put('/api/contact-sharing/amina001', '{"share":', amina), 400, 'invalid-json'],
      [put('/api/contact-sharing/amina001', { share: 'everything' }, amina), 400, 'invalid'],
      [put('/api/contact-sharing/amina001', { phone: 'call me' }, amina), 400, 'invalid'],
      [put('/api/contact-sharing/amina001', { email: 'not-an-address' }, amina), 400, 'invalid'],
      [put('/api/contact-sharing/amina001', [1, 2], amina), 400, 'invalid'],
      [put('/api/contact-sharing/amina001', { email: 'x'.repeat(5000) }, amina), 413, 'too-large'],
      [postJson(`${ctx.server.url}/api/neighbour-contacts/amina001`, {}, amina), 405, 'method-not-allowed'],
    ];
    for (const [request, status, error] of cases) {
      const response = await request;
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error });
    }
    expect((await get('/health')).status).toBe(200);
    expect(await (await get('/api/contact-sharing/amina001', amina)).json()).toMatchObject({ share: 'both' });
  });

  it('refuses a revoked household credential', async () => {
    const revoked = await postJson(
      `${ctx.server.url}/api/credentials/revoke`,
      { credentialId: parseToken(tokens.amina001!)?.credentialId },
      tabletToken,
    );
    expect(revoked.status).toBe(200);
    const response = await get('/api/neighbour-contacts/amina001', tokens.amina001);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'revoked' });
  });
});
