/**
 * The association's CSV export (domain/csv-export.ts): each file, read back with Papa Parse's
 * parser, equals a model written from the random perimeter (perimeter-model.ts) with both
 * separators; hard names survive; formula cells are neutralised; the byte-order mark is there;
 * contact details only when asked and consented.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  type CsvContact,
  type CsvFile,
  type CsvSeparator,
  type CsvSource,
  BOM,
  CSV_COLUMNS,
  CSV_FILE_NAMES,
  exportCsv,
} from '../../../src/domain/csv-export';
import { cafeStatus } from '../../../src/domain/cafe-status';
import { type Model, HARD_NAMES, documentOf, ideaOf, models } from './perimeter-model';

function sourceOf(model: Model): CsvSource {
  const doc = documentOf(model);
  return {
    profiles: doc.profiles,
    answers: doc.answers,
    choices: doc.choices,
    records: doc,
    idea: ideaOf,
    themeTitle: (id) => ({ pret: 'Prêter, emprunter', cuisine: '=Cuisine' })[id],
  };
}

/** What a spreadsheet must get for `text`: the text itself, or behind a quote if it would run. */
const cell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** A file read back: BOM checked and removed, parsed with the given separator. */
function readBack(file: CsvFile, separator: CsvSeparator): string[][] {
  expect(file.text.startsWith(BOM)).toBe(true);
  expect(file.text.startsWith(BOM + BOM)).toBe(false);
  expect(file.text.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(file.text.slice(BOM.length, -2), {
    delimiter: separator,
    newline: '\r\n',
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const byName = (files: CsvFile[], name: string) => files.find((f) => f.name === name)!;
const utc = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)}`;
const sortBy = (rows: string[][], keys: number[]) =>
  rows.sort((a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
    return 0;
  });
const themeTitle = (theme: string) => ({ pret: 'Prêter, emprunter', cuisine: '=Cuisine' })[theme] ?? theme;
const ideaCells = (id: string) => {
  const idea = ideaOf(id);
  return idea ? [themeTitle(idea.theme), id, idea.title] : ['', id, ''];
};
const ANSWERS = {
  offer: 'propose',
  seek: 'cherche',
  both: 'propose et cherche',
  no: 'pas pour moi',
  join: 'participerait',
};
const CHOICES = { yes: 'oui', 'not-now': 'pas maintenant', met: 'rencontré', withdrawn: 'retiré' };

/** Every table, from the model's definition (not the code's). */
function modelTables(model: Model, contacts?: ReadonlyMap<string, CsvContact>): Record<string, string[][]> {
  const doc = documentOf(model);
  const active = new Map(
    model.households.filter((h) => !h.erased).map((h) => [h.id, doc.profiles.get(h.id)!]),
  );
  const name = (id: string) => active.get(id)!.name;
  const households = sortBy(
    [...active.values()].map((h) => {
      const row = [
        h.id,
        h.name,
        h.place,
        'fr, ar',
        utc(h.joinedAt),
        h.sessionId ?? '',
        h.founding ? 'oui' : 'non',
        h.consent.shareContact ? 'oui' : 'non',
      ];
      if (!contacts) return row;
      const c = h.consent.shareContact ? contacts.get(h.id) : undefined;
      const share = c?.share ?? 'both';
      return [
        ...row,
        c && (share === 'phone' || share === 'both') ? (c.phone ?? '') : '',
        c && (share === 'email' || share === 'both') ? (c.email ?? '') : '',
        c?.flat ?? '',
      ];
    }),
    [0],
  );
  const answers = sortBy(
    model.answers
      .filter(([h]) => active.has(h))
      .map(([h, i, v]) => [h, name(h), ...ideaCells(i), ANSWERS[v], utc(doc.answers.get(`${h}/${i}`)!.at)]),
    [0, 3],
  );
  const links: string[][] = [];
  const ids = [...active.keys()].sort();
  for (const a of ids) {
    for (const b of ids) {
      if (a >= b) continue;
      const pairWithdrawn = model.choices.some(
        ([k, c]) => c.value === 'withdrawn' && (k.startsWith(`${a}/${b}/`) || k.startsWith(`${b}/${a}/`)),
      );
      for (const idea of ['drill', 'garden', 'ghost', 'ladder', 'market', 'soup']) {
        const mine = doc.choices.get(`${a}/${b}/${idea}`);
        const theirs = doc.choices.get(`${b}/${a}/${idea}`);
        if (!mine && !theirs) continue;
        const yes = (v?: string) => v === 'yes' || v === 'met';
        const state =
          pairWithdrawn || mine?.value === 'withdrawn' || theirs?.value === 'withdrawn'
            ? 'retiré'
            : mine?.value === 'not-now'
              ? 'A a dit pas maintenant'
              : yes(mine?.value) && yes(theirs?.value)
                ? mine!.value === 'met' || theirs!.value === 'met'
                  ? 'rencontrés'
                  : "d'accord tous les deux"
                : yes(mine?.value)
                  ? 'A attend la réponse de B'
                  : yes(theirs?.value)
                    ? 'B attend la réponse de A'
                    : 'aucun choix';
        links.push([
          a,
          name(a),
          b,
          name(b),
          ...ideaCells(idea),
          mine ? CHOICES[mine.value] : '',
          mine ? utc(mine.at) : '',
          theirs ? CHOICES[theirs.value] : '',
          theirs ? utc(theirs.at) : '',
          state,
        ]);
      }
    }
  }
  const present = (cafeId: string) =>
    model.attendance.filter(([c, h, a]) => c === cafeId && a.present && active.has(h));
  const cafes = [...model.cafes].sort((x, y) =>
    `${x.date}/${x.start}/${x.id}` < `${y.date}/${y.start}/${y.id}` ? -1 : 1,
  );
  const STATES = { planned: 'prévu', held: 'tenu', cancelled: 'annulé' };
  return {
    [CSV_FILE_NAMES.households]: households,
    [CSV_FILE_NAMES.answers]: answers,
    [CSV_FILE_NAMES.links]: links,
    [CSV_FILE_NAMES.cafes]: cafes.map((c) => [
      c.id,
      c.date,
      c.start,
      c.end,
      c.place,
      c.theme !== null ? themeTitle(c.theme) : c.localTheme!,
      STATES[c.state],
      String(present(c.id).length),
    ]),
    [CSV_FILE_NAMES.attendance]: cafes.flatMap((c) =>
      sortBy(
        present(c.id).map(([, h, a]) => [
          c.id,
          c.date,
          h,
          name(h),
          a.how === 'ticked' ? 'cochée sur la liste' : "code de l'affiche scanné",
          a.by === 'household' ? 'le foyer' : 'un animateur',
          utc(a.at),
        ]),
        [2],
      ),
    ),
  };
}

describe('the CSV export', () => {
  it('read back with a CSV parser, equals the model, with `;` and with `,`', () => {
    fc.assert(
      fc.property(models, fc.constantFrom<CsvSeparator>(';', ','), (model, separator) => {
        const files = exportCsv(sourceOf(model), { separator });
        expect(files.map((f) => f.name)).toEqual(Object.values(CSV_FILE_NAMES));
        const expected = modelTables(model);
        for (const [key, name] of Object.entries(CSV_FILE_NAMES)) {
          const [header, ...rows] = readBack(byName(files, name), separator);
          expect(header).toEqual(CSV_COLUMNS[key as keyof typeof CSV_COLUMNS]);
          expect(rows).toEqual(expected[name]!.map((row) => row.map(cell)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps accents, quotes, separators, line breaks and right-to-left names, and neutralises formulas', () => {
    const households = HARD_NAMES.map((name, i) => ({
      id: `house${i}`,
      name,
      place: 'Bâtiment A',
      erased: false,
      joinedDay: i,
      sessionId: null,
      shareContact: true,
    }));
    const model: Model = {
      dwellings: 20,
      households,
      answers: [],
      retired: [],
      choices: [],
      cafes: [],
      attendance: [],
      projects: [],
      memberships: [],
    };
    for (const separator of [';', ','] as const) {
      const [foyers] = exportCsv(sourceOf(model), { separator });
      const names = readBack(foyers!, separator)
        .slice(1)
        .map((row) => row[1]);
      expect(names).toEqual(
        [...households]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((h) => (/^[=+\-@\t\r]/.test(h.name) ? `'${h.name}` : h.name)),
      );
      // Raw text: every formula cell starts with the quote, inside a quoted field.
      for (const formula of ['=1+2', '+33 6 12', '-Marie', '@Fatou', '\tTabulée', '\rRetour']) {
        expect(foyers!.text).toContain(`"'${formula}"`);
      }
      // The formula followed by a line break that Papa Parse's own escapeFormulae lets through.
      expect(foyers!.text).toContain(`"'=HYPERLINK(""http://x"")\nsuite"`);
      expect(foyers!.text).toContain('عائلة المنصوري');
      expect(foyers!.text).toContain('\r\n');
    }
    // The byte-order mark, as bytes once encoded in UTF-8.
    const bytes = new TextEncoder().encode(exportCsv(sourceOf(model))[0]!.text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes contact details only when asked, and only for households that consented, what they share', () => {
    fc.assert(
      fc.property(
        models,
        fc.constantFrom(undefined, 'phone' as const, 'email' as const, 'both' as const, 'none' as const),
        (model, share) => {
          const contacts = new Map<string, CsvContact>(
            model.households.map((h) => [
              h.id,
              { phone: '+33 6 00 00 00 0' + h.id.slice(-1), email: `${h.id}@exemple.fr`, flat: '-3B', share },
            ]),
          );
          const withContacts = exportCsv(sourceOf(model), { contacts });
          const [header, ...rows] = readBack(withContacts[0]!, ';');
          expect(header!.slice(-3)).toEqual(['téléphone', 'e-mail', 'logement']);
          expect(rows).toEqual(
            modelTables(model, contacts)[CSV_FILE_NAMES.households]!.map((r) => r.map(cell)),
          );
          const without = exportCsv(sourceOf(model));
          expect(without[0]!.text).not.toContain('@exemple.fr');
          expect(without[0]!.text).not.toContain('téléphone');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with the moment of the export, says a planned café is "en cours" in its hours and "à clore" after', () => {
    const planned = (start: string, end: string) => ({
      state: 'planned' as const,
      date: '2026-03-14',
      start,
      end,
    });
    // 14 March 2026, 15:00 in Paris (UTC+1): one café on, one over, one to come.
    const now = Date.parse('2026-03-14T14:00:00Z');
    expect(cafeStatus(planned('14:00', '16:00'), now)).toBe('in-progress');
    fc.assert(
      fc.property(
        models,
        fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2026-08-01') }),
        (model, at) => {
          const files = exportCsv(sourceOf(model), { separator: ';', now: at });
          const rows = readBack(byName(files, CSV_FILE_NAMES.cafes), ';').slice(1);
          const words = {
            planned: 'prévu',
            'in-progress': 'en cours',
            'to-close': 'à clore',
            held: 'tenu',
            cancelled: 'annulé',
          };
          const byId = new Map(model.cafes.map((c) => [c.id, c]));
          for (const row of rows) expect(row[6]).toBe(words[cafeStatus(byId.get(row[0]!)!, at)]);
        },
      ),
      { numRuns: 100 },
    );
    const model: Model = {
      dwellings: 1,
      households: [],
      answers: [],
      retired: [],
      choices: [],
      cafes: [
        ['c-on', '14:00', '16:00'],
        ['c-over', '10:00', '12:00'],
        ['c-later', '18:00', '20:00'],
      ].map(([id, start, end]) => ({
        id: id!,
        ...planned(start!, end!),
        place: 'Square',
        theme: 'pret',
        localTheme: null,
        ideaIds: [],
        welcome: '',
        createdAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:00.000Z',
      })),
      attendance: [],
      projects: [],
      memberships: [],
    };
    const states = (options: { now?: number }) =>
      readBack(byName(exportCsv(sourceOf(model), options), CSV_FILE_NAMES.cafes), ';')
        .slice(1)
        .map((row) => [row[0], row[6]]);
    expect(states({ now })).toEqual([
      ['c-over', 'à clore'],
      ['c-on', 'en cours'],
      ['c-later', 'prévu'],
    ]);
    // Without the moment, the recorded state as before.
    expect(states({}).map(([, state]) => state)).toEqual(['prévu', 'prévu', 'prévu']);
  });

  it('leaves an erased household out of every file', () => {
    fc.assert(
      fc.property(models, (model) => {
        const erased = model.households.filter((h) => h.erased);
        const files = exportCsv(sourceOf(model), { separator: ',' });
        for (const file of files) {
          const rows = readBack(file, ',').slice(1);
          for (const h of erased) expect(rows.some((row) => row.includes(h.id))).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});
