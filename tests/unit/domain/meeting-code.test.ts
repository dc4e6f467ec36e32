/**
 * The meeting code (domain/meeting-code.ts): what one phone shows, another reads back whole; every
 * refusal has its own code and records nothing; the QR text stays in the QR alphanumeric set and
 * at version 10 or less.
 */
import fc from 'fast-check';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { systemEnv } from '../../../src/domain/env';
import {
  MAX_MEETING_CARD_BYTES,
  MAX_MEETING_IDEAS,
  type MeetingCard,
  type MeetingContext,
  decodeBase45,
  encodeBase45,
  householdTag,
  newMeetingCode,
  meetingCardFits,
  normalizeTyped,
  readMeetingCode,
} from '../../../src/domain/meeting-code';
import { testEnv } from '../../fixtures/env';

const PERIMETER = 'perim-tilleuls';
const LEA = 'hh-lea-0001';
const OMAR = 'hh-omar-0002';
const IDEAS = ['pret-perceuse', 'pret-echelle', 'bricolage-plomberie', 'jardin-arrosage'];

/** Omar's phone: it knows both households and sees `inCommon` between them. */
function omarsPhone(overrides: Partial<MeetingContext> = {}, inCommon = IDEAS): MeetingContext {
  return {
    perimeterId: PERIMETER,
    ownHouseholdId: OMAR,
    households: [LEA, OMAR],
    ideasInCommon: (id) => (id === LEA ? inCommon : []),
    seen: new Set(),
    ...overrides,
  };
}

const leasCode = (ideaIds = IDEAS.slice(0, 2), card?: MeetingCard) =>
  newMeetingCode(testEnv(), { perimeterId: PERIMETER, householdId: LEA, ideaIds, ...(card ? { card } : {}) });

const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{3,20}$/);
const phone = fc.stringMatching(/^\+?[0-9][0-9 .()-]{5,20}[0-9]$/);
const email = fc.stringMatching(/^[a-z0-9]{1,10}([._-][a-z0-9]{1,10})?@[a-z0-9]{1,20}\.[a-z]{2,6}$/);

describe('the meeting code', () => {
  it('reads back what it carries: household, ideas and the card as given, from the QR or typed', () => {
    fc.assert(
      fc.property(
        id,
        id,
        fc.uniqueArray(id, { minLength: 1, maxLength: MAX_MEETING_IDEAS }),
        fc.option(
          fc.record({
            phone: fc.option(phone, { nil: undefined }),
            email: fc.option(email, { nil: undefined }),
          }),
          { nil: undefined },
        ),
        (perimeterId, householdId, ideaIds, card) => {
          fc.pre(householdId !== OMAR);
          const code = newMeetingCode(systemEnv, {
            perimeterId,
            householdId,
            ideaIds,
            ...(card ? { card } : {}),
          });
          const context = omarsPhone({
            perimeterId,
            households: [householdId, OMAR],
            ideasInCommon: () => ideaIds,
          });
          const read = readMeetingCode(code.qr, context);
          expect(read.ok).toBe(true);
          if (!read.ok) return;
          expect(read.meeting.householdId).toBe(householdId);
          expect(read.meeting.ideaIds).toEqual(ideaIds);
          const expected =
            card?.phone || card?.email
              ? { ...(card.phone ? { phone: card.phone } : {}), ...(card.email ? { email: card.email } : {}) }
              : undefined;
          expect(read.meeting.card).toEqual(expected);
          const typed = readMeetingCode(code.typed, context);
          expect(typed).toEqual({
            ok: true,
            meeting: { householdId, ideaIds, seenKey: read.meeting.seenKey },
          });
        },
      ),
    );
  });

  it('writes the QR text in the QR alphanumeric set, so the encoder packs 5.5 bits a character', () => {
    const code = leasCode(IDEAS, { phone: '+33 6 12 34 56 78', email: 'léa.martin@exemple.fr' });
    expect(code.qr).toMatch(/^[0-9A-Z $%*+./:-]+$/);
    expect(code.qr.startsWith('TS1:PERIM-TILLEULS:HH-LEA-0001:')).toBe(true);
  });

  it('stays at QR version 10 or less with the most ideas and a long card', () => {
    const ideaIds = Array.from({ length: MAX_MEETING_IDEAS }, (_, i) => `bricolage-idee-numero-${i}`);
    const card = { phone: '+33 6 12 34 56 78 90', email: `${'a'.repeat(46)}@association-voisins.fr` };
    expect(new TextEncoder().encode(`${card.phone}\n${card.email}`)).toHaveLength(MAX_MEETING_CARD_BYTES);
    const code = newMeetingCode(systemEnv, {
      perimeterId: 'abcdefghijkmnpqr',
      householdId: 'stuvwxyz23456789',
      ideaIds,
      card,
    });
    expect(encode(code.qr, { ecc: 'M', boostEcc: false }).version).toBeLessThanOrEqual(10);
  });

  it('keeps only the ideas this phone sees in common, and says so when there is none', () => {
    const code = leasCode(['pret-perceuse', 'cuisine-recettes']);
    const read = readMeetingCode(code.qr, omarsPhone());
    expect(read).toMatchObject({ ok: true, meeting: { ideaIds: ['pret-perceuse'] } });
    expect(readMeetingCode(code.qr, omarsPhone({}, ['jardin-arrosage']))).toEqual({
      ok: false,
      error: 'meeting-nothing-in-common',
    });
  });

  it('takes a typed code whatever its case, spaces and confusable letters', () => {
    const { typed } = leasCode();
    const bare = typed.replace(' ', '');
    const variants = [
      typed.toLowerCase(),
      ` ${bare.slice(0, 2)} ${bare.slice(2, 6)}-${bare.slice(6)} `,
      bare.replace(/1/g, 'l').replace(/0/g, 'O').replace(/V/g, 'u'),
      bare.replace(/1/g, 'I').replace(/0/g, 'o'),
    ];
    const expected = readMeetingCode(typed, omarsPhone());
    expect(expected.ok).toBe(true);
    for (const variant of variants) expect(readMeetingCode(variant, omarsPhone()), variant).toEqual(expected);
    expect(normalizeTyped('ABCD EFG')).toBeUndefined();
  });

  it('gives a typed code and its QR one seen key, so either read twice is a replay', () => {
    const code = leasCode();
    const fromQr = readMeetingCode(code.qr, omarsPhone());
    if (!fromQr.ok) throw new Error('expected a meeting');
    const seen = new Set([fromQr.meeting.seenKey]);
    expect(readMeetingCode(code.typed, omarsPhone({ seen }))).toEqual({
      ok: false,
      error: 'meeting-replayed',
    });
    expect(readMeetingCode(code.qr, omarsPhone({ seen }))).toEqual({ ok: false, error: 'meeting-replayed' });
  });

  it('draws a new nonce for each code: a second meeting is not a replay of the first', () => {
    const env = testEnv();
    const first = newMeetingCode(env, { perimeterId: PERIMETER, householdId: LEA, ideaIds: IDEAS });
    const second = newMeetingCode(env, { perimeterId: PERIMETER, householdId: LEA, ideaIds: IDEAS });
    expect(second.qr).not.toBe(first.qr);
    const read = readMeetingCode(first.qr, omarsPhone());
    if (!read.ok) throw new Error('expected a meeting');
    expect(readMeetingCode(second.qr, omarsPhone({ seen: new Set([read.meeting.seenKey]) })).ok).toBe(true);
  });

  describe('refuses, each with its own code', () => {
    const { qr, typed } = leasCode();
    const cases: [string, string, MeetingContext, string][] = [
      ['empty', '', omarsPhone(), 'meeting-malformed'],
      ['a web address', 'https://exemple.fr/', omarsPhone(), 'meeting-malformed'],
      ['a cut QR text', qr.slice(0, 30), omarsPhone(), 'meeting-malformed'],
      [
        'an idea field cut mid-token',
        qr.replace(/:([0-9A-Z]+)$/, (_, t: string) => `:${t.slice(1)}`),
        omarsPhone(),
        'meeting-malformed',
      ],
      ['a broken card', `${qr}:A`, omarsPhone(), 'meeting-malformed'],
      [
        'a card that is not UTF-8',
        `${qr}:${encodeBase45(new Uint8Array([0xff, 0xfe, 0x0a]))}`,
        omarsPhone(),
        'meeting-malformed',
      ],
      [
        'a card with a bad phone',
        `${qr}:${encodeBase45(new TextEncoder().encode('call me\n'))}`,
        omarsPhone(),
        'meeting-malformed',
      ],
      [
        'a card too long',
        `${qr}:${encodeBase45(new TextEncoder().encode(`\n${'a'.repeat(MAX_MEETING_CARD_BYTES)}@b.fr`))}`,
        omarsPhone(),
        'meeting-malformed',
      ],
      ['a typed code too short', typed.slice(0, 6), omarsPhone(), 'meeting-malformed'],
      ['version 2', qr.replace(/^TS1:/, 'TS2:'), omarsPhone(), 'meeting-version'],
      ['another perimeter', qr, omarsPhone({ perimeterId: 'perim-other' }), 'meeting-other-perimeter'],
      ['its own code', qr, omarsPhone({ ownHouseholdId: LEA }), 'meeting-own-household'],
      ['its own typed code', typed, omarsPhone({ ownHouseholdId: LEA }), 'meeting-own-household'],
      ['a household not synced yet', qr, omarsPhone({ households: [OMAR] }), 'meeting-unknown-household'],
      ['a typed code of no household', 'ZZZZ ZZZZ', omarsPhone(), 'meeting-unknown-household'],
    ];
    it.each(cases)('%s', (_, text, context, error) => {
      expect(readMeetingCode(text, context)).toEqual({ ok: false, error });
    });

    it('a typed code whose tag two households share, rather than pick one', () => {
      // 20-bit tags: among 5,000 households some pairs share one (birthday bound), so the search
      // below always ends, on the same pair every run.
      const byTag = new Map<string, string>();
      let pair: [string, string] | undefined;
      for (let i = 0; !pair; i++) {
        const household = `hh-${i}`;
        const twin = byTag.get(householdTag(household));
        if (twin) pair = [twin, household];
        byTag.set(householdTag(household), household);
      }
      const twinsCode = newMeetingCode(testEnv(), {
        perimeterId: PERIMETER,
        householdId: pair[0],
        ideaIds: IDEAS,
      });
      const households = [...pair, OMAR];
      expect(readMeetingCode(twinsCode.typed, omarsPhone({ households }))).toEqual({
        ok: false,
        error: 'meeting-unknown-household',
      });
    });
  });

  it('refuses to make a code with no idea, too many, or an id that is not one', () => {
    const make =
      (ideaIds: string[], householdId = LEA) =>
      () =>
        newMeetingCode(testEnv(), { perimeterId: PERIMETER, householdId, ideaIds });
    expect(make([])).toThrow();
    expect(make(Array.from({ length: MAX_MEETING_IDEAS + 1 }, (_, i) => `idee-${i}`))).toThrow();
    expect(make(IDEAS, 'Léa')).toThrow();
    const card = { email: `${'a'.repeat(MAX_MEETING_CARD_BYTES)}@exemple.fr` };
    expect(meetingCardFits(card)).toBe(false);
    expect(() =>
      newMeetingCode(testEnv(), { perimeterId: PERIMETER, householdId: LEA, ideaIds: IDEAS, card }),
    ).toThrow();
  });

  it('base45 is RFC 9285: its examples, and a round trip of any bytes', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(encodeBase45(ascii('AB'))).toBe('BB8');
    expect(encodeBase45(ascii('Hello!!'))).toBe('%69 VD92EX0');
    expect(encodeBase45(ascii('base-45'))).toBe('UJCLQE7W581');
    expect(decodeBase45('QED8WEX0')).toEqual(ascii('ietf!'));
    expect(decodeBase45('GGW')).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes);
      }),
    );
  });
});
