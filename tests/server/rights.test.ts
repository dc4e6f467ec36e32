import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_FORMAT_VERSION, FORMAT_VERSION_KEY, type Household } from '../../src/domain';
import {
  type Client,
  answerOf,
  facilitatorTablet,
  received,
  setAnswer,
  signUpHousehold,
  synced,
  waitUntil,
  serverPerTest,
} from './helpers';

const ctx = serverPerTest();
let perimeterId = '';
let tablet: Client;
let tabletToken = '';
let fatimaToken = '';

const open = (token: string, doc?: Y.Doc): Client => ctx.connect(perimeterId, token, doc);

beforeEach(async () => {
  ({ perimeterId, token: tabletToken, tablet } = await facilitatorTablet(ctx));
  fatimaToken = signUpHousehold(tablet, perimeterId, 'fatima01');
  signUpHousehold(tablet, perimeterId, 'jean0001');
  setAnswer(tablet, 'jean0001', 'cuisine-part-en-plus', 'seek');
  await received(tablet);
});

/** A fresh device that reads what the server holds. */
async function serverCopy(): Promise<Client> {
  const reader = open(signUpReader());
  await synced(reader);
  return reader;
}

let readers = 0;
function signUpReader(): string {
  return signUpHouseholdToken(`reader${String(++readers).padStart(2, '0')}`);
}

function signUpHouseholdToken(householdId: string): string {
  return signUpHousehold(tablet, perimeterId, householdId);
}

describe('what a household may write', () => {
  it("refuses a household's write to another household's answer: told, not applied, not forwarded", async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);

    setAnswer(fatima, 'jean0001', 'cuisine-part-en-plus', 'no');
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });

    // A later accepted change reaches the tablet: had the forbidden one been forwarded, it would have
    // arrived first, since the server forwards in order.
    setAnswer(tablet, 'jean0001', 'jardin-tonte', 'offer');
    await received(tablet);
    expect(answerOf(tablet, 'jean0001', 'cuisine-part-en-plus')).toMatchObject({ value: 'seek' });

    const copy = await serverCopy();
    expect(answerOf(copy, 'jean0001', 'jardin-tonte')).toMatchObject({ value: 'offer' });
    expect(answerOf(copy, 'jean0001', 'cuisine-part-en-plus')).toMatchObject({ value: 'seek' });
  });

  it("accepts a household's own answer and forwards it", async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    setAnswer(fatima, 'fatima01', 'cuisine-part-en-plus', 'offer');
    await received(fatima);
    await waitUntil(() => answerOf(tablet, 'fatima01', 'cuisine-part-en-plus') !== undefined, 'forwarded');
    // An overwrite carries no key in the update, only its origin: the server resolves it.
    setAnswer(fatima, 'fatima01', 'cuisine-part-en-plus', 'both');
    await waitUntil(
      () => (answerOf(tablet, 'fatima01', 'cuisine-part-en-plus') as { value: string }).value === 'both',
    );
    expect(fatima.messages.filter((m) => m.type === 'rejected')).toEqual([]);
  });

  it('refuses a household writing a session, and a record of the wrong shape', async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    fatima.doc.getMap('sessions').set('session1', { id: 'session1' });
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });

    const again = open(fatimaToken);
    await synced(again);
    again.doc.getMap('answers').set('fatima01/cuisine-part-en-plus', { value: 'maybe', at: 'yesterday' });
    await waitUntil(() => again.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(again.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });
  });

  it("refuses deleting another household's answer", async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    fatima.doc.getMap('answers').delete('jean0001/cuisine-part-en-plus');
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });
  });

  it('refuses a nested type even under an own key', async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    const nested = new Y.Map();
    fatima.doc.getMap('answers').set('fatima01/cuisine-part-en-plus', nested);
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });
  });
});

describe('whose client id an update writes under', () => {
  it("refuses a household writing under another household's client id; that household's changes still apply", async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    setAnswer(fatima, 'fatima01', 'cuisine-part-en-plus', 'offer');
    await received(fatima);

    const jean = open(signUpHouseholdToken('jean0002'));
    await synced(jean);
    await waitUntil(() => answerOf(jean, 'fatima01', 'cuisine-part-en-plus') !== undefined, 'fatima seen');
    // Jean's own answer, but at Fatima's next clock: accepted, it would hide her next change.
    jean.doc.clientID = fatima.doc.clientID;
    setAnswer(jean, 'jean0002', 'cuisine-part-en-plus', 'seek');
    await waitUntil(() => jean.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(jean.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });

    setAnswer(fatima, 'fatima01', 'jardin-tonte', 'both');
    await received(fatima);
    await waitUntil(() => answerOf(tablet, 'fatima01', 'jardin-tonte') !== undefined, 'forwarded');
    expect(answerOf(tablet, 'jean0002', 'cuisine-part-en-plus')).toBeUndefined();
    expect(fatima.messages.filter((m) => m.type === 'rejected')).toEqual([]);
  });
});

describe('what a household may change in its profile', () => {
  it('its name, place, languages and consent; not who signed it up, when, nor who vouched', async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    const current = () => fatima.doc.getMap('profiles').get('fatima01') as Household;
    fatima.doc
      .getMap('profiles')
      .set('fatima01', { ...current(), name: 'Fatima B.', languages: ['fr', 'ar'] });
    await received(fatima);
    await waitUntil(() => (tablet.doc.getMap('profiles').get('fatima01') as Household).name === 'Fatima B.');

    for (const change of [
      { witnesses: ['jean0001'] },
      { founding: false },
      { joinedAt: '2026-11-22T10:00:00.000Z' },
      { sessionId: 'session1' },
    ]) {
      const again = open(fatimaToken);
      await synced(again);
      again.doc.getMap('profiles').set('fatima01', { ...current(), ...change });
      await waitUntil(() => again.messages.some((m) => m.type === 'rejected'), 'rejection');
      expect(again.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });
    }
    const copy = await serverCopy();
    expect(copy.doc.getMap('profiles').get('fatima01')).toMatchObject({ name: 'Fatima B.', founding: true });
  });
});

describe('deleting records', () => {
  it('is refused to everyone: records are only ever set', async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    setAnswer(fatima, 'fatima01', 'cuisine-part-en-plus', 'offer');
    await received(fatima);
    fatima.doc.getMap('answers').delete('fatima01/cuisine-part-en-plus');
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });

    tablet.doc.getMap('answers').delete('jean0001/cuisine-part-en-plus');
    await waitUntil(() => tablet.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(tablet.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });

    // The tablet's connection ended with the refusal: another facilitator device reads.
    const copy = open(tabletToken);
    await synced(copy);
    expect(answerOf(copy, 'fatima01', 'cuisine-part-en-plus')).toMatchObject({ value: 'offer' });
    expect(answerOf(copy, 'jean0001', 'cuisine-part-en-plus')).toMatchObject({ value: 'seek' });
  });
});

describe('what a facilitator may write', () => {
  it('accepts and forwards a facilitator change to other devices', async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    tablet.doc
      .getMap('retired')
      .set('cuisine-part-en-plus', { retired: true, at: '2026-11-21T15:00:00.000Z' });
    await received(tablet);
    await waitUntil(() => fatima.doc.getMap('retired').has('cuisine-part-en-plus'), 'forwarded');
    expect(tablet.messages.filter((m) => m.type === 'rejected')).toEqual([]);
  });
});

describe('the format stamp', () => {
  it('takes the version this server knows from a facilitator, and refuses a newer one or a household’s', async () => {
    tablet.doc.getMap('meta').set(FORMAT_VERSION_KEY, DOC_FORMAT_VERSION);
    await received(tablet);
    expect(tablet.messages.filter((m) => m.type === 'rejected')).toEqual([]);

    const fatima = open(fatimaToken);
    await synced(fatima);
    fatima.doc.getMap('meta').set(FORMAT_VERSION_KEY, DOC_FORMAT_VERSION);
    await waitUntil(() => fatima.messages.some((m) => m.type === 'rejected'), 'household refused');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });

    tablet.doc.getMap('meta').set(FORMAT_VERSION_KEY, DOC_FORMAT_VERSION + 1);
    await waitUntil(() => tablet.messages.some((m) => m.type === 'rejected'), 'newer stamp refused');
    expect(tablet.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });

    // The tablet's connection ended with the refusal: another facilitator device reads.
    const copy = open(tabletToken);
    await synced(copy);
    expect(copy.doc.getMap('meta').get(FORMAT_VERSION_KEY)).toBe(DOC_FORMAT_VERSION);
  });
});
