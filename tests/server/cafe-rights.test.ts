/**
 * The Café-Rencontre's records through a real server (issue 12, must-have 1): a household cannot
 * plan a café, decide on a proposed idea or record another household's presence (refused, never
 * applied nor forwarded to another device); it can record its own presence, propose an idea, start
 * a project and join one; a facilitator can do all of it, for any household of its perimeter.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  type Attendance,
  type Cafe,
  type Membership,
  type Proposal,
  type ProposalDecision,
  MAX_PROPOSALS_PER_HOUSEHOLD,
  attendanceKey,
  membershipKey,
  projectKey,
  proposalKey,
} from '../../src/domain';
import {
  type Client,
  at,
  facilitatorTablet,
  received,
  serverPerTest,
  signUpHousehold,
  synced,
  waitUntil,
} from './helpers';

const ctx = serverPerTest();
let perimeterId = '';
let tablet: Client;
let tabletToken = '';
let fatimaToken = '';
let jeanToken = '';

const CAFE = 'cafe0001';
const cafe: Cafe = {
  id: CAFE,
  date: '2026-12-05',
  start: '14:00',
  end: '16:30',
  place: '12 rue des Lilas',
  theme: 'jardin',
  localTheme: null,
  ideaIds: [],
  welcome: 'Venez avec vos graines !',
  state: 'planned',
  createdAt: at,
  updatedAt: at,
};
const proposal: Proposal = { title: 'Troc de graines', theme: 'jardin', kind: 'collective', hint: '', at };
const presence = (by: Attendance['by']): Attendance => ({ present: true, how: 'scanned', by, at });

const open = (token: string, doc?: Y.Doc): Client => ctx.connect(perimeterId, token, doc);

const refused = (client: Client) => client.messages.filter((m) => m.type === 'rejected');

async function openSynced(token: string): Promise<Client> {
  const client = open(token);
  await synced(client);
  return client;
}

/** Writes `value` under `map`/`key` on `client`, then waits for the server's refusal `reason`. */
async function expectRefused(
  client: Client,
  reason: 'forbidden' | 'invalid',
  write: (doc: Y.Doc) => void,
): Promise<void> {
  write(client.doc);
  await waitUntil(() => refused(client).length > 0, 'rejection');
  expect(client.messages).toContainEqual({ type: 'rejected', reason });
}

/** The server's document as a fresh facilitator device receives it. */
const serverCopy = () => openSynced(tabletToken);

beforeEach(async () => {
  ({ perimeterId, token: tabletToken, tablet } = await facilitatorTablet(ctx));
  fatimaToken = signUpHousehold(tablet, perimeterId, 'fatima01');
  jeanToken = signUpHousehold(tablet, perimeterId, 'jean0001');
  await received(tablet);
});

describe('cafés through the server', () => {
  it('refuses a café planned by a household: not applied, not forwarded; a facilitator plans it', async () => {
    const fatima = await openSynced(fatimaToken);
    const jean = await openSynced(jeanToken);
    await expectRefused(fatima, 'forbidden', (doc) => doc.getMap('cafes').set(CAFE, cafe));

    tablet.doc.getMap('cafes').set('cafe0002', { ...cafe, id: 'cafe0002' });
    await received(tablet);
    await waitUntil(() => jean.doc.getMap('cafes').has('cafe0002'), 'forwarded to jean');
    // Had Fatima's café been forwarded, it would have reached Jean before the tablet's.
    expect(jean.doc.getMap('cafes').has(CAFE)).toBe(false);
    expect(refused(tablet)).toEqual([]);
    const copy = await serverCopy();
    expect([...copy.doc.getMap('cafes').keys()]).toEqual(['cafe0002']);
  });

  it('refuses a café of the wrong shape, even from a facilitator', async () => {
    await expectRefused(tablet, 'invalid', (doc) =>
      doc.getMap('cafes').set(CAFE, { ...cafe, theme: null, localTheme: null }),
    );
    const copy = await serverCopy();
    expect(copy.doc.getMap('cafes').size).toBe(0);
  });
});

describe('attendance through the server', () => {
  beforeEach(async () => {
    tablet.doc.getMap('cafes').set(CAFE, cafe);
    await received(tablet);
  });

  it("accepts a household's own presence and forwards it; refuses another's, and its own as a facilitator's", async () => {
    const fatima = await openSynced(fatimaToken);
    const jean = await openSynced(jeanToken);
    fatima.doc.getMap('attendance').set(attendanceKey(CAFE, 'fatima01'), presence('household'));
    await received(fatima);
    await waitUntil(() => tablet.doc.getMap('attendance').has(attendanceKey(CAFE, 'fatima01')), 'forwarded');
    expect(refused(fatima)).toEqual([]);

    await expectRefused(jean, 'forbidden', (doc) =>
      doc
        .getMap('attendance')
        .set(attendanceKey(CAFE, 'fatima01'), { ...presence('household'), present: false }),
    );
    const again = await openSynced(jeanToken);
    await expectRefused(again, 'forbidden', (doc) =>
      doc.getMap('attendance').set(attendanceKey(CAFE, 'jean0001'), presence('facilitator')),
    );
    const copy = await serverCopy();
    expect(copy.doc.getMap('attendance').toJSON()).toEqual({
      [attendanceKey(CAFE, 'fatima01')]: presence('household'),
    });
    expect(tablet.doc.getMap('attendance').get(attendanceKey(CAFE, 'fatima01'))).toEqual(
      presence('household'),
    );
  });

  it("accepts a facilitator's tick for any household, and a household's own presence its tablet carries", async () => {
    const jean = await openSynced(jeanToken);
    tablet.doc.getMap('attendance').set(attendanceKey(CAFE, 'jean0001'), presence('facilitator'));
    await received(tablet);
    await waitUntil(() => jean.doc.getMap('attendance').has(attendanceKey(CAFE, 'jean0001')), 'forwarded');
    // Fatima's phone scanned the poster with no network and handed its presence to the tablet by
    // the QR relay: the tablet syncs it as Fatima recorded it.
    tablet.doc.getMap('attendance').set(attendanceKey(CAFE, 'fatima01'), presence('household'));
    await received(tablet);
    await waitUntil(() => jean.doc.getMap('attendance').has(attendanceKey(CAFE, 'fatima01')), 'forwarded');
    expect(refused(tablet)).toEqual([]);
  });

  it('refuses a presence at a café or of a household the perimeter does not have', async () => {
    const fatima = await openSynced(fatimaToken);
    await expectRefused(fatima, 'invalid', (doc) =>
      doc.getMap('attendance').set(attendanceKey('cafe9999', 'fatima01'), presence('household')),
    );
    const facilitator = await openSynced(tabletToken);
    await expectRefused(facilitator, 'invalid', (doc) =>
      doc.getMap('attendance').set(attendanceKey(CAFE, 'nobody01'), presence('facilitator')),
    );
    const copy = await serverCopy();
    expect(copy.doc.getMap('attendance').size).toBe(0);
  });
});

describe('proposed ideas through the server', () => {
  const key = proposalKey('fatima01', 'prop0001');
  const accepted: ProposalDecision = { value: 'accepted', ideaId: 'local-troc-graines', at };

  it('lets a household propose an idea, never accept it; a facilitator accepts it as a local idea', async () => {
    const fatima = await openSynced(fatimaToken);
    fatima.doc.getMap('proposals').set(key, proposal);
    await received(fatima);
    await waitUntil(() => tablet.doc.getMap('proposals').has(key), 'forwarded');
    expect(refused(fatima)).toEqual([]);

    await expectRefused(fatima, 'forbidden', (doc) => doc.getMap('proposalDecisions').set(key, accepted));
    const again = await openSynced(fatimaToken);
    await expectRefused(again, 'forbidden', (doc) =>
      doc.getMap('ideas').set('local-troc-graines', {
        id: 'local-troc-graines',
        theme: 'jardin',
        kind: 'collective',
        title: 'Troc de graines',
        hint: '',
        createdAt: at,
      }),
    );
    expect((await serverCopy()).doc.getMap('proposalDecisions').size).toBe(0);

    tablet.doc.transact(() => {
      tablet.doc.getMap('ideas').set('local-troc-graines', {
        id: 'local-troc-graines',
        theme: 'jardin',
        kind: 'collective',
        title: 'Troc de graines',
        hint: '',
        createdAt: at,
      });
      tablet.doc.getMap('proposalDecisions').set(key, accepted);
    });
    await received(tablet);
    expect(refused(tablet)).toEqual([]);
    const copy = await serverCopy();
    expect(copy.doc.getMap('proposalDecisions').get(key)).toEqual(accepted);
    expect(copy.doc.getMap('ideas').has('local-troc-graines')).toBe(true);
  });

  it("refuses a proposal under another household's key, and a decision on no proposal", async () => {
    const jean = await openSynced(jeanToken);
    await expectRefused(jean, 'forbidden', (doc) => doc.getMap('proposals').set(key, proposal));
    await expectRefused(tablet, 'invalid', (doc) =>
      doc
        .getMap('proposalDecisions')
        .set(proposalKey('fatima01', 'prop9999'), { value: 'declined', ideaId: null, at }),
    );
    const copy = await serverCopy();
    expect(copy.doc.getMap('proposals').size).toBe(0);
    expect(copy.doc.getMap('proposalDecisions').size).toBe(0);
  });

  it(`refuses a household's proposal past the ${MAX_PROPOSALS_PER_HOUSEHOLD}th`, async () => {
    const fatima = await openSynced(fatimaToken);
    fatima.doc.transact(() => {
      for (let i = 0; i < MAX_PROPOSALS_PER_HOUSEHOLD; i++) {
        fatima.doc.getMap('proposals').set(proposalKey('fatima01', `prop${1000 + i}`), proposal);
      }
    });
    await received(fatima);
    expect(refused(fatima)).toEqual([]);
    await expectRefused(fatima, 'invalid', (doc) =>
      doc.getMap('proposals').set(proposalKey('fatima01', 'prop9999'), proposal),
    );
    const copy = await serverCopy();
    expect(copy.doc.getMap('proposals').size).toBe(MAX_PROPOSALS_PER_HOUSEHOLD);
  });
});

describe('micro-projects through the server', () => {
  const project = {
    name: 'Bac potager',
    ideaId: 'jardin-jardin-partage',
    nextStep: 'Choisir le bac',
    nextStepDate: '2026-12-20',
    createdAt: at,
    updatedAt: at,
  };
  const joined = (by: Membership['by']): Membership => ({ member: true, by, at });

  it('lets a household start its own project and join one; never join for another nor start a facilitator’s', async () => {
    const fatima = await openSynced(fatimaToken);
    const own = projectKey('fatima01', 'proj0001');
    fatima.doc.transact(() => {
      fatima.doc.getMap('projects').set(own, project);
      fatima.doc.getMap('memberships').set(membershipKey(own, 'fatima01'), joined('household'));
    });
    await received(fatima);
    expect(refused(fatima)).toEqual([]);

    const jean = await openSynced(jeanToken);
    await waitUntil(() => jean.doc.getMap('projects').has(own), 'forwarded');
    jean.doc.getMap('memberships').set(membershipKey(own, 'jean0001'), joined('household'));
    await received(jean);
    expect(refused(jean)).toEqual([]);

    await expectRefused(jean, 'forbidden', (doc) =>
      doc
        .getMap('memberships')
        .set(membershipKey(own, 'fatima01'), { ...joined('household'), member: false }),
    );
    const again = await openSynced(jeanToken);
    await expectRefused(again, 'forbidden', (doc) => doc.getMap('projects').set('proj0002', project));

    tablet.doc.transact(() => {
      tablet.doc.getMap('projects').set('proj0003', project);
      tablet.doc.getMap('memberships').set(membershipKey('proj0003', 'jean0001'), joined('facilitator'));
    });
    await received(tablet);
    expect(refused(tablet)).toEqual([]);
    const copy = await serverCopy();
    expect([...copy.doc.getMap('projects').keys()].sort()).toEqual([own, 'proj0003'].sort());
    expect(copy.doc.getMap('memberships').get(membershipKey(own, 'fatima01'))).toEqual(joined('household'));
    expect(copy.doc.getMap('memberships').size).toBe(3);
  });

  it('refuses a membership of a project the perimeter does not have', async () => {
    const fatima = await openSynced(fatimaToken);
    await expectRefused(fatima, 'invalid', (doc) =>
      doc.getMap('memberships').set(membershipKey('proj9999', 'fatima01'), joined('household')),
    );
    expect((await serverCopy()).doc.getMap('memberships').size).toBe(0);
  });
});
