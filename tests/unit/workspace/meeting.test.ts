/**
 * The meeting on two phones (workspace/meeting.ts), each with its own device database on
 * fake-indexeddb and its own 'met' command: Léa shows, Omar reads; each records only its own
 * household's 'met', and Omar's phone keeps the code as seen, across a reopening. A card Léa
 * chose to put in her code goes to Omar's `keepCard` (the device-local table, tested in
 * tests/server/neighbour-contacts-device.test.ts), only once his 'met' is recorded.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/domain/errors';
import type { MeetingCard } from '../../../src/domain/meeting-code';
import { openDeviceDb } from '../../../src/storage/device-db';
import { type MeetingDeps, readNeighbourCode, showMeetingCode } from '../../../src/workspace/meeting';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';

beforeEach(() => {
  freshIndexedDb();
});

const LEA = 'hh-lea-0001';
const OMAR = 'hh-omar-0002';
const IN_COMMON = ['pret-perceuse', 'bricolage-plomberie'];

/**
 * One household's phone; `met` collects the 'met' choices its command recorded, as `other/idea`,
 * and `cards` the cards it was asked to keep, with the 'met' choices recorded by then.
 */
function phone(householdId: string, deviceName: string, refuse: string[] = []) {
  const met: string[] = [];
  const cards: { otherId: string; card: MeetingCard; metBefore: string[] }[] = [];
  const deps: MeetingDeps = {
    device: openDeviceDb(deviceName),
    env: testEnv(),
    perimeterId: 'perim-tilleuls',
    householdId,
    households: () => [LEA, OMAR],
    ideasInCommon: () => IN_COMMON,
    recordMet: async (otherId, ideaId): Promise<Result<null>> => {
      if (refuse.includes(ideaId)) return { ok: false, errors: [{ field: 'ideaId', code: 'idea-retired' }] };
      met.push(`${otherId}/${ideaId}`);
      return { ok: true, value: null };
    },
    keepCard: async (otherId, card) => {
      cards.push({ otherId, card, metBefore: [...met] });
      return true;
    },
  };
  return { deps, met, cards };
}

describe('meeting face to face, phone to phone', () => {
  it('each phone records its own household’s “met”, and the code read twice is a replay', async () => {
    const lea = phone(LEA, 'lea-phone');
    const shown = await showMeetingCode(lea.deps, OMAR, IN_COMMON);
    if (!shown.ok) throw new Error('expected a code');
    expect(lea.met).toEqual([`${OMAR}/pret-perceuse`, `${OMAR}/bricolage-plomberie`]);

    const omar = phone(OMAR, 'omar-phone');
    const read = await readNeighbourCode(omar.deps, shown.value.qr);
    expect(read).toMatchObject({ ok: true, meeting: { householdId: LEA }, recorded: IN_COMMON });
    expect(omar.met).toEqual([`${LEA}/pret-perceuse`, `${LEA}/bricolage-plomberie`]);

    omar.deps.device.close();
    const reopened = phone(OMAR, 'omar-phone');
    expect(await readNeighbourCode(reopened.deps, shown.value.typed)).toEqual({
      ok: false,
      error: 'meeting-replayed',
    });
    expect(reopened.met).toEqual([]);
    expect(omar.cards).toEqual([]);
  });

  it('hands over the card Léa chose to include, once Omar’s “met” is recorded; none without one', async () => {
    const lea = phone(LEA, 'lea-phone');
    const withCard = await showMeetingCode(lea.deps, OMAR, IN_COMMON, { phone: '06 11 22 33 44' });
    if (!withCard.ok) throw new Error('expected a code');
    const omar = phone(OMAR, 'omar-phone');
    expect(await readNeighbourCode(omar.deps, withCard.value.qr)).toMatchObject({ ok: true, cardKept: true });
    expect(omar.cards).toEqual([
      {
        otherId: LEA,
        card: { phone: '06 11 22 33 44' },
        metBefore: [`${LEA}/pret-perceuse`, `${LEA}/bricolage-plomberie`],
      },
    ]);
    // The typed code carries no card.
    const again = await showMeetingCode(lea.deps, OMAR, IN_COMMON, { phone: '06 11 22 33 44' });
    if (!again.ok) throw new Error('expected a code');
    const typing = phone(OMAR, 'omar-typing');
    expect(await readNeighbourCode(typing.deps, again.value.typed)).toMatchObject({
      ok: true,
      cardKept: false,
    });
    expect(typing.cards).toEqual([]);
  });

  it('records the ideas it can; with none, keeps the code unseen so it can be read after a sync', async () => {
    const lea = phone(LEA, 'lea-phone');
    const shown = await showMeetingCode(lea.deps, OMAR, IN_COMMON);
    if (!shown.ok) throw new Error('expected a code');

    const partly = phone(OMAR, 'omar-phone', ['pret-perceuse']);
    expect(await readNeighbourCode(partly.deps, shown.value.qr)).toMatchObject({
      ok: true,
      recorded: ['bricolage-plomberie'],
    });

    const refused = phone(OMAR, 'other-omar-phone', IN_COMMON);
    expect(await readNeighbourCode(refused.deps, shown.value.qr)).toEqual({
      ok: false,
      errors: [{ field: 'ideaId', code: 'idea-retired' }],
    });
    expect(await refused.deps.device.meetingsSeen.count()).toBe(0);
  });

  it('a refused code records nothing and is not kept', async () => {
    const omar = phone(OMAR, 'omar-phone');
    expect(await readNeighbourCode(omar.deps, 'TS1:PERIM-AILLEURS:HH-LEA-0001:ABCDEFGH:0000')).toEqual({
      ok: false,
      error: 'meeting-other-perimeter',
    });
    expect(omar.met).toEqual([]);
    expect(await omar.deps.device.meetingsSeen.count()).toBe(0);
  });
});
