/**
 * Match choices through a real server (issue 11, must-have 2): a household writes only its own
 * choices, recorded as its own; a facilitator writes any household's of its perimeter, recorded as
 * a facilitator's, and its device may carry a household's own (relayed by QR from a phone with no
 * network). A refused choice is never applied nor forwarded to another device.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { type Choice, choiceKey } from '../../src/domain';
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
const IDEA = 'cuisine-part-en-plus';
let perimeterId = '';
let tablet: Client;
let tabletToken = '';
let fatimaToken = '';
let jeanToken = '';

const open = (token: string, doc?: Y.Doc): Client => ctx.connect(perimeterId, token, doc);

function choose(
  client: Client,
  owner: string,
  other: string,
  value: Choice['value'],
  by: Choice['by'],
): void {
  client.doc.getMap('choices').set(choiceKey(owner, other, IDEA), { value, at, by });
}

const choiceOf = (client: Client, owner: string, other: string) =>
  client.doc.getMap<Choice>('choices').get(choiceKey(owner, other, IDEA));

const refused = (client: Client) => client.messages.filter((m) => m.type === 'rejected');

beforeEach(async () => {
  ({ perimeterId, token: tabletToken, tablet } = await facilitatorTablet(ctx));
  fatimaToken = signUpHousehold(tablet, perimeterId, 'fatima01');
  jeanToken = signUpHousehold(tablet, perimeterId, 'jean0001');
  await received(tablet);
});

/** A fresh facilitator device: what the server holds. */
async function serverCopy(): Promise<Client> {
  const reader = open(tabletToken);
  await synced(reader);
  return reader;
}

describe('match choices through the server', () => {
  it("refuses a household's choice under another household's key: not applied, not forwarded", async () => {
    const fatima = open(fatimaToken);
    const jean = open(jeanToken);
    await Promise.all([synced(fatima), synced(jean)]);

    choose(fatima, 'jean0001', 'fatima01', 'yes', 'household');
    await waitUntil(() => refused(fatima).length > 0, 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });

    // Jean's own later change is acknowledged after the server handled Fatima's: had the refused
    // one been forwarded, it would have reached Jean first.
    choose(jean, 'jean0001', 'fatima01', 'not-now', 'household');
    await received(jean);
    await waitUntil(() => choiceOf(tablet, 'jean0001', 'fatima01') !== undefined, 'forwarded');
    expect(choiceOf(jean, 'jean0001', 'fatima01')).toEqual({ value: 'not-now', at, by: 'household' });
    expect(choiceOf(tablet, 'jean0001', 'fatima01')).toEqual({ value: 'not-now', at, by: 'household' });
    expect(refused(jean)).toEqual([]);
    const copy = await serverCopy();
    expect(choiceOf(copy, 'jean0001', 'fatima01')).toEqual({ value: 'not-now', at, by: 'household' });
  });

  it("accepts a household's own choice and forwards it, but not one recorded as a facilitator's", async () => {
    const fatima = open(fatimaToken);
    const jean = open(jeanToken);
    await Promise.all([synced(fatima), synced(jean)]);
    choose(fatima, 'fatima01', 'jean0001', 'yes', 'household');
    await received(fatima);
    await waitUntil(() => choiceOf(jean, 'fatima01', 'jean0001') !== undefined, 'forwarded to jean');
    expect(refused(fatima)).toEqual([]);

    choose(fatima, 'fatima01', 'jean0001', 'withdrawn', 'facilitator');
    await waitUntil(() => refused(fatima).length > 0, 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });
    const copy = await serverCopy();
    expect(choiceOf(copy, 'fatima01', 'jean0001')).toEqual({ value: 'yes', at, by: 'household' });
    expect(choiceOf(jean, 'fatima01', 'jean0001')).toEqual({ value: 'yes', at, by: 'household' });
  });

  it("accepts a facilitator's choice for any household of its perimeter, and a household's it carries", async () => {
    const jean = open(jeanToken);
    await synced(jean);
    choose(tablet, 'fatima01', 'jean0001', 'yes', 'facilitator');
    choose(tablet, 'jean0001', 'fatima01', 'met', 'facilitator');
    await received(tablet);
    await waitUntil(() => choiceOf(jean, 'fatima01', 'jean0001') !== undefined, 'forwarded');
    expect(choiceOf(jean, 'jean0001', 'fatima01')).toEqual({ value: 'met', at, by: 'facilitator' });
    expect(refused(tablet)).toEqual([]);

    // Jean's own withdrawal, which his phone handed to the tablet by the QR relay.
    choose(tablet, 'jean0001', 'fatima01', 'withdrawn', 'household');
    await received(tablet);
    await waitUntil(() => choiceOf(jean, 'jean0001', 'fatima01')?.value === 'withdrawn', 'forwarded');
    expect(refused(tablet)).toEqual([]);
    const copy = await serverCopy();
    expect(choiceOf(copy, 'jean0001', 'fatima01')).toEqual({ value: 'withdrawn', at, by: 'household' });
  });

  it('refuses a choice about a household or an idea the perimeter does not have', async () => {
    const fatima = open(fatimaToken);
    await synced(fatima);
    choose(fatima, 'fatima01', 'nobody01', 'yes', 'household');
    await waitUntil(() => refused(fatima).length > 0, 'rejection');
    expect(fatima.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });
    const again = open(fatimaToken);
    await synced(again);
    again.doc
      .getMap('choices')
      .set(choiceKey('fatima01', 'jean0001', 'no-such-idea'), { value: 'yes', at, by: 'household' });
    await waitUntil(() => refused(again).length > 0, 'rejection');
    expect(again.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });
    const copy = await serverCopy();
    expect([...copy.doc.getMap('choices').keys()]).toEqual([]);
  });
});
