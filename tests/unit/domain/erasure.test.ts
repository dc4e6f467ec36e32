/**
 * domain/erasure.ts: the writes of an erasure, the household's export (format version 2) and the
 * retention query, each against a brute-force model on fast-check generated documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICE_VALUES,
  type Household,
  type SharedMapName,
  answerKey,
  attendanceKey,
  choiceKey,
  membershipKey,
  proposalKey,
  validRecord,
} from '../../../src/domain';
import {
  DEFAULT_RETENTION_MONTHS,
  ERASED_TEXT,
  type ErasureWrite,
  dormantHouseholds,
  erasureWrites,
  householdExport,
  householdExportSchema,
  monthsBefore,
  recordSourceOf,
} from '../../../src/domain/erasure';

const HOUSEHOLDS = ['anna-001', 'bruno-02', 'chloe-03', 'dario-04'];
const IDEAS = ['pret-perceuse', 'pret-echelle', 'cours-cuisine'];
const CAFES = ['cafe-001', 'cafe-002'];
const PROJECT = 'proj-001';
const BASE = Date.UTC(2022, 0, 1);
const DAY = 24 * 3600 * 1000;
const iso = (day: number) => new Date(BASE + day * DAY).toISOString();

function profile(id: string, joinedDay: number): Household {
  return {
    id,
    name: `Nom ${id}`,
    place: 'Bâtiment A',
    languages: ['fr'],
    joinedAt: iso(joinedDay),
    sessionId: null,
    witnesses: HOUSEHOLDS.filter((other) => other !== id).slice(0, 1),
    founding: false,
    consent: { dataUse: true, shareContact: true, at: iso(joinedDay) },
  };
}

type Maps = Partial<Record<SharedMapName, Map<string, unknown>>>;

/** A perimeter's records: every household signed up on some day, then random activity. */
const documents = fc
  .record({
    joined: fc.array(fc.integer({ min: 0, max: 900 }), {
      minLength: HOUSEHOLDS.length,
      maxLength: HOUSEHOLDS.length,
    }),
    answers: fc.array(
      fc.tuple(fc.constantFrom(...HOUSEHOLDS), fc.constantFrom(...IDEAS), fc.integer({ min: 0, max: 1500 })),
    ),
    choices: fc.array(
      fc.tuple(
        fc.constantFrom(...HOUSEHOLDS),
        fc.constantFrom(...HOUSEHOLDS),
        fc.constantFrom(...IDEAS),
        fc.integer({ min: 0, max: 1500 }),
        fc.constantFrom(...CHOICE_VALUES),
      ),
    ),
    attendance: fc.array(
      fc.tuple(
        fc.constantFrom(...CAFES),
        fc.constantFrom(...HOUSEHOLDS),
        fc.boolean(),
        fc.integer({ min: 0, max: 1500 }),
      ),
    ),
    memberships: fc.array(fc.tuple(fc.constantFrom(...HOUSEHOLDS), fc.integer({ min: 0, max: 1500 }))),
    proposals: fc.array(fc.tuple(fc.constantFrom(...HOUSEHOLDS), fc.integer({ min: 0, max: 1500 }))),
    erased: fc.subarray(HOUSEHOLDS),
  })
  .map((g) => {
    const maps: Maps = {
      profiles: new Map(HOUSEHOLDS.map((id, i) => [id, profile(id, g.joined[i]!)])),
      answers: new Map(
        g.answers.map(([h, idea, day]) => [answerKey(h, idea), { value: 'offer', at: iso(day) }]),
      ),
      choices: new Map(
        g.choices
          .filter(([owner, other]) => owner !== other)
          .map(([owner, other, idea, day, value]) => [
            choiceKey(owner, other, idea),
            { value, at: iso(day), by: 'household' },
          ]),
      ),
      attendance: new Map(
        g.attendance.map(([cafe, h, present, day]) => [
          attendanceKey(cafe, h),
          { present, how: 'ticked', by: 'household', at: iso(day) },
        ]),
      ),
      memberships: new Map(
        g.memberships.map(([h, day]) => [
          membershipKey(PROJECT, h),
          { member: true, by: 'household', at: iso(day) },
        ]),
      ),
      proposals: new Map(
        g.proposals.map(([h, day]) => [
          proposalKey(h, `prop-${day}`),
          { title: 'Une idée', theme: 'entraide', kind: 'exchange', hint: '', at: iso(day) },
        ]),
      ),
      proposalDecisions: new Map(),
      credentials: new Map(
        HOUSEHOLDS.map((h) => [
          `cred-${h}`,
          { householdId: h, secretHash: 'a'.repeat(64), issuedAt: iso(0), revoked: false },
        ]),
      ),
    };
    for (const key of maps.proposals!.keys())
      maps.proposalDecisions!.set(key, { value: 'declined', ideaId: null, at: iso(2000) });
    return { maps, erased: g.erased };
  });

/** `maps` with `writes` applied, as Yjs would. */
function applied(maps: Maps, writes: readonly ErasureWrite[]): Maps {
  const next: Maps = Object.fromEntries(Object.entries(maps).map(([name, map]) => [name, new Map(map)]));
  for (const write of writes) {
    const map = (next[write.map] ??= new Map());
    if (write.op === 'delete') map.delete(write.key);
    else map.set(write.key, write.value);
  }
  return next;
}

/** Whether a record's key names `householdId` as a party (its owner, or the other side of a choice). */
const names = (key: string, householdId: string) => key.split('/').includes(householdId);

describe('erasureWrites', () => {
  it('leaves an erased marker that passes the rights check’s record rules, and no other trace', () => {
    fc.assert(
      fc.property(documents, ({ maps, erased }) => {
        const at = iso(3000);
        const after = applied(maps, erasureWrites(recordSourceOf(maps), erased, at));
        for (const id of HOUSEHOLDS) {
          const marker = after.profiles!.get(id) as Household;
          if (!erased.includes(id)) {
            // Untouched: every record of a household not erased is as it was, unless it named an erased one.
            expect(marker).toEqual(maps.profiles!.get(id));
            continue;
          }
          expect(validRecord('profiles', id, marker)).toBe(true);
          expect(marker).toMatchObject({
            id,
            name: ERASED_TEXT,
            place: ERASED_TEXT,
            languages: [],
            witnesses: [],
            erasedAt: at,
          });
          expect(JSON.stringify([...Object.values(after)].map((m) => [...m!.entries()]))).not.toContain(
            `Nom ${id}`,
          );
          for (const [key, credential] of after.credentials!)
            if (key === `cred-${id}`) expect(credential).toMatchObject({ revoked: true });
        }
        for (const map of [
          'answers',
          'choices',
          'attendance',
          'memberships',
          'proposals',
          'proposalDecisions',
        ] as const) {
          const expected = [...maps[map]!.entries()].filter(([key]) => !erased.some((id) => names(key, id)));
          expect([...after[map]!.entries()]).toEqual(expected);
        }
      }),
    );
  });

  it('changes nothing the second time, nor for an unknown household', () => {
    fc.assert(
      fc.property(documents, ({ maps, erased }) => {
        const after = applied(maps, erasureWrites(recordSourceOf(maps), erased, iso(3000)));
        expect(erasureWrites(recordSourceOf(after), [...erased, 'nobody-1'], iso(3001))).toEqual([]);
      }),
    );
  });
});

describe('householdExport (format version 2)', () => {
  it('holds exactly the household’s records, passes its schema and survives JSON', () => {
    fc.assert(
      fc.property(documents, fc.constantFrom(...HOUSEHOLDS), ({ maps }, id) => {
        const data = householdExport(recordSourceOf(maps), 'perim-01', id, iso(3000), { phone: '0611' });
        expect(householdExportSchema.parse(JSON.parse(JSON.stringify(data)))).toEqual(data);
        expect(data).toMatchObject({
          format: 'tissage-household-data',
          version: 2,
          householdId: id,
          contact: { phone: '0611' },
          contactFrom: 'server',
        });
        expect(data.documentation).toContain('README.md');
        // Every top-level field is described in French in the file itself.
        expect(Object.keys(data.description).sort()).toEqual(Object.keys(data).sort());
        expect(data.profile).toEqual(maps.profiles!.get(id));
        const owned = (map: SharedMapName) =>
          [...maps[map]!.keys()].filter((key) => key.startsWith(`${id}/`)).length;
        expect(data.answers).toHaveLength(owned('answers'));
        expect(data.choices).toHaveLength(owned('choices'));
        // Every neighbour's choice about it but "not now", which a household never learns.
        expect(data.choicesAboutIt).toHaveLength(
          [...maps.choices!.entries()].filter(
            ([key, choice]) => key.split('/')[1] === id && (choice as { value: string }).value !== 'not-now',
          ).length,
        );
        expect(data.choicesAboutIt.some((choice) => choice.value === 'not-now')).toBe(false);
        expect(data.attendance).toHaveLength(
          [...maps.attendance!.keys()].filter((key) => key.endsWith(`/${id}`)).length,
        );
        expect(data.memberships).toHaveLength(
          [...maps.memberships!.keys()].filter((key) => key.endsWith(`/${id}`)).length,
        );
        expect(data.proposals).toHaveLength(owned('proposals'));
        for (const proposal of data.proposals) expect(proposal.decision).toMatchObject({ value: 'declined' });
      }),
    );
  });

  it('refuses a file of another version or format', () => {
    const data = householdExport(recordSourceOf({}), 'perim-01', 'anna-001', iso(0));
    expect(data.profile).toBeNull();
    expect(data.contactFrom).toBeNull();
    expect(householdExportSchema.safeParse({ ...data, version: 1 }).success).toBe(false);
    expect(householdExportSchema.safeParse({ ...data, version: 3 }).success).toBe(false);
    expect(householdExportSchema.safeParse({ ...data, format: 'autre' }).success).toBe(false);
  });
});

describe('retention', () => {
  it('lists the households whose latest activity is older than the limit, as a brute-force model says', () => {
    fc.assert(
      fc.property(
        documents,
        fc.integer({ min: 600, max: 2500 }),
        fc.integer({ min: 1, max: 36 }),
        ({ maps }, today, months) => {
          const now = new Date(BASE + today * DAY);
          const limit = monthsBefore(now, months).getTime();
          const model = HOUSEHOLDS.flatMap((id) => {
            const dates = [(maps.profiles!.get(id) as Household).joinedAt];
            for (const [key, value] of maps.answers!)
              if (key.startsWith(`${id}/`)) dates.push((value as { at: string }).at);
            for (const [key, value] of maps.choices!)
              if (names(key, id)) dates.push((value as { at: string }).at);
            for (const [key, value] of maps.attendance!)
              if (key.endsWith(`/${id}`) && (value as { present: boolean }).present)
                dates.push((value as { at: string }).at);
            for (const [key, value] of maps.memberships!)
              if (key.endsWith(`/${id}`)) dates.push((value as { at: string }).at);
            for (const [key, value] of maps.proposals!)
              if (key.startsWith(`${id}/`)) dates.push((value as { at: string }).at);
            const last = Math.max(...dates.map((date) => Date.parse(date)));
            return last < limit ? [{ householdId: id, lastActivity: new Date(last).toISOString() }] : [];
          }).sort(
            (a, b) =>
              a.lastActivity.localeCompare(b.lastActivity) || a.householdId.localeCompare(b.householdId),
          );
          const listed = dormantHouseholds(recordSourceOf(maps), now, months);
          expect(listed.map(({ householdId, lastActivity }) => ({ householdId, lastActivity }))).toEqual(
            model,
          );
        },
      ),
    );
  });

  it('leaves erased households out, defaults to 24 months, and counts months on the calendar', () => {
    const maps: Maps = {
      profiles: new Map([
        ['anna-001', profile('anna-001', 0)],
        ['bruno-02', { ...profile('bruno-02', 0), erasedAt: iso(1) }],
      ]),
    };
    const now = new Date(BASE + 700 * DAY);
    expect(DEFAULT_RETENTION_MONTHS).toBe(24);
    expect(dormantHouseholds(recordSourceOf(maps), now)).toEqual([]);
    expect(dormantHouseholds(recordSourceOf(maps), new Date(Date.UTC(2024, 0, 1, 0, 0, 1)))).toEqual([
      { householdId: 'anna-001', name: 'Nom anna-001', lastActivity: iso(0) },
    ]);
    expect(monthsBefore(new Date('2026-03-31T10:00:00.000Z'), 1).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(monthsBefore(new Date('2026-11-30T00:00:00.000Z'), 24).toISOString()).toBe(
      '2024-11-30T00:00:00.000Z',
    );
    expect(() => dormantHouseholds(recordSourceOf(maps), now, 0)).toThrow(RangeError);
  });
});
