/**
 * The association's CSV export (issue 13, must-have 3): five files read from the perimeter's
 * document (a device's in memory, or the server's: `npm run admin -- export-csv`), for
 * spreadsheets and the association's own records.
 *
 * Format, version 1 (`CSV_FORMAT_VERSION`): each file is UTF-8 with a byte-order mark (so that
 * spreadsheet software reads accents right), lines end in CRLF and fields are quoted where needed
 * (RFC 4180), the separator is `;` by default (French spreadsheets take `,` as the decimal mark)
 * or `,`. The first line names the columns in French (`CSV_COLUMNS`); renaming, removing or
 * reordering a column needs version 2, since the association's spreadsheets read them by name.
 * Dates are UTC, 'YYYY-MM-DD HH:MM'. The words in the cells (answers, choices, states) are part of
 * the format, not of the UI's catalogue: the server writes the same files and has no i18n.
 *
 * Formula injection (OWASP, "CSV Injection"): a cell that begins with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is run as a formula by spreadsheet software. Every such cell is written with a
 * single quote before it (and quoted), so `=1+2` reads `'=1+2` and is shown as text. Names are
 * typed by residents, so this is not hypothetical. Papa Parse's own `escapeFormulae: true` misses a
 * formula followed by a line break (its pattern ends in `.*$` without the `s` flag), hence
 * `FORMULA_START`.
 *
 * Personal data (GDPR art. 5(1)(c), data minimisation): the files hold public profiles only, and
 * never an erased household (`Household.erasedAt`). Contact details are not in the shared
 * document; the caller passes them (`CsvOptions.contacts`) only when the facilitator asked for
 * them, and even then a household's are written only if it consented at sign-up
 * (`consent.shareContact`), and only what it shares (contact-sharing.ts `effectiveShare`).
 *
 * Not re-exported from domain/index.ts: importing this module loads Papa Parse, which only the
 * dashboard's chunk and the server need, never the first screen.
 */
import Papa from 'papaparse';
import type { CafeRecords, RecordMap } from './cafe-records';
import { type CafeStatus, cafeStatus } from './cafe-status';
import type { AnswerValue, AttendanceMethod, CafeState, ChoiceAuthor, ChoiceValue } from './constants';
import { type ContactShare, effectiveShare, sharedPart } from './contact-sharing';
import { type LinkState, activeHousehold, linkState } from './links';
import { choiceKey, parseAnswerKey, parseAttendanceKey, parseChoiceKey } from './records';
import type { Answer, Cafe, Choice, Household, Idea } from './schemas';

/** The files' format version (see the header): what a change of columns bumps. */
export const CSV_FORMAT_VERSION = 1;

/** The separators an export may use: `;` for French spreadsheets (default), `,` elsewhere. */
export const CSV_SEPARATORS = [';', ','] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** A cell that spreadsheet software would read as a formula (OWASP "CSV Injection"). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The files of an export, in the order `exportCsv` returns them. */
export const CSV_FILE_NAMES = {
  households: 'foyers.csv',
  answers: 'reponses.csv',
  links: 'liens.csv',
  cafes: 'cafes.csv',
  attendance: 'presences.csv',
} as const;
export type CsvTableName = keyof typeof CSV_FILE_NAMES;

/** Extra columns of foyers.csv when contact details were asked for. */
export const CONTACT_COLUMNS = ['téléphone', 'e-mail', 'logement'] as const;

/** Each file's columns, in order (foyers.csv gains CONTACT_COLUMNS when contacts are asked for). */
export const CSV_COLUMNS: Record<CsvTableName, readonly string[]> = {
  households: [
    'identifiant',
    'nom',
    'lieu',
    'langues',
    'inscrit le (UTC)',
    "session d'inscription",
    'fondateur',
    'accepte de partager ses coordonnées',
  ],
  answers: ['foyer', 'nom du foyer', 'thème', 'idée', "titre de l'idée", 'réponse', 'répondu le (UTC)'],
  links: [
    'foyer A',
    'nom A',
    'foyer B',
    'nom B',
    'thème',
    'idée',
    "titre de l'idée",
    'choix de A',
    'choix de A le (UTC)',
    'choix de B',
    'choix de B le (UTC)',
    'état',
  ],
  cafes: ['café', 'date', 'début', 'fin', 'lieu', 'thème', 'état', 'présents'],
  attendance: ['café', 'date du café', 'foyer', 'nom du foyer', 'comment', 'noté par', 'le (UTC)'],
};

/** The words of the cells (part of the format: see the header). */
export const ANSWER_WORDS: Record<AnswerValue, string> = {
  offer: 'propose',
  seek: 'cherche',
  both: 'propose et cherche',
  no: 'pas pour moi',
  join: 'participerait',
};
export const CHOICE_WORDS: Record<ChoiceValue, string> = {
  yes: 'oui',
  'not-now': 'pas maintenant',
  met: 'rencontré',
  withdrawn: 'retiré',
};
/** A link's state seen from A's side (links.ts LinkState), A being the smaller id. */
export const LINK_STATE_WORDS: Record<LinkState, string> = {
  none: 'aucun choix',
  'waiting-for-them': 'A attend la réponse de B',
  'waiting-for-you': 'B attend la réponse de A',
  declined: 'A a dit pas maintenant',
  linked: "d'accord tous les deux",
  met: 'rencontrés',
  withdrawn: 'retiré',
};
export const CAFE_STATE_WORDS: Record<CafeState, string> = {
  planned: 'prévu',
  held: 'tenu',
  cancelled: 'annulé',
};
/**
 * A café's state as of `CsvOptions.now` (cafe-status.ts CafeStatus): the recorded words, and for a
 * planned café 'en cours' during its hours or 'à clore' once over and not marked. New words in
 * the same column, so version 1 still: a spreadsheet that filters on 'prévu' misses no café that
 * is still to come.
 */
export const CAFE_STATUS_WORDS: Record<CafeStatus, string> = {
  ...CAFE_STATE_WORDS,
  'in-progress': 'en cours',
  'to-close': 'à clore',
};
export const ATTENDANCE_WORDS: Record<AttendanceMethod, string> = {
  ticked: 'cochée sur la liste',
  scanned: "code de l'affiche scanné",
};
export const AUTHOR_WORDS: Record<ChoiceAuthor, string> = {
  household: 'le foyer',
  facilitator: 'un animateur',
};
const YES_NO = (value: boolean) => (value ? 'oui' : 'non');

/** What the export reads: the shared document's maps (a Y.Map fits RecordMap as it is). */
export interface CsvSource {
  profiles: RecordMap<Household>;
  /** Keyed records.ts `answerKey`. */
  answers: RecordMap<Answer>;
  /** Keyed records.ts `choiceKey`. */
  choices: RecordMap<Choice>;
  records: Pick<CafeRecords, 'cafes' | 'attendance'>;
  /** An idea of the shipped catalogue or a local one; unknown ideas leave theme and title empty. */
  idea(id: string): Pick<Idea, 'theme' | 'title'> | undefined;
  /** A theme's title; its id is written when this is absent or does not know it. */
  themeTitle?(id: string): string | undefined;
}

/** A household's contact details as the server's private store keeps them, and what it shares. */
export interface CsvContact {
  phone?: string | undefined;
  email?: string | undefined;
  flat?: string | undefined;
  /** What it chose to share with linked neighbours (undefined: never chose; see effectiveShare). */
  share?: ContactShare | undefined;
}

export interface CsvOptions {
  /** Default `;`. */
  separator?: CsvSeparator | undefined;
  /**
   * Contact details by household id, passed only when the facilitator asked for them: foyers.csv
   * then has CONTACT_COLUMNS, filled only for households that consented (see the header).
   */
  contacts?: ReadonlyMap<string, CsvContact> | undefined;
  /**
   * The moment of the export (ms since the epoch, the caller's clock): cafés.csv's state is then
   * read by it (CAFE_STATUS_WORDS). Without it, the recorded state (CAFE_STATE_WORDS).
   */
  now?: number | undefined;
}

/** One table of the export before it is written: its file's name, columns and rows of text. */
export interface CsvTable {
  name: CsvTableName;
  file: string;
  columns: readonly string[];
  rows: string[][];
}

/** One file of the export: its name and its whole text, byte-order mark included. */
export interface CsvFile {
  name: string;
  text: string;
}

/** The byte-order mark that starts every file (U+FEFF, written EF BB BF in UTF-8). */
export const BOM = '\uFEFF';

/**
 * The export's five files (CSV_FILE_NAMES's order), as text. At the UI's edge, a file becomes a
 * download with `new Blob([file.text], { type: 'text/csv;charset=utf-8' })` (a Blob encodes text
 * as UTF-8, the mark included); the admin CLI writes the text as UTF-8.
 */
export function exportCsv(source: CsvSource, options: CsvOptions = {}): CsvFile[] {
  const separator = options.separator ?? ';';
  return csvTables(source, options).map((table) => ({
    name: table.file,
    text: writeCsv(table.columns, table.rows, separator),
  }));
}

/**
 * `columns` then `rows` as one CSV text: byte-order mark, CRLF after every line (the last
 * included), quoted where needed, formula cells neutralised (see the header). Written by Papa Parse.
 */
export function writeCsv(
  columns: readonly string[],
  rows: readonly string[][],
  separator: CsvSeparator,
): string {
  const text = Papa.unparse(
    { fields: [...columns], data: rows.map((row) => [...row]) },
    { delimiter: separator, newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START },
  );
  // Papa Parse ends a file with no rows after its header's CRLF and others without one: every file
  // ends with one here (RFC 4180 allows both), so all read the same.
  return BOM + (text.endsWith('\r\n') ? text : text + '\r\n');
}

/** The export's tables, rows sorted as each file says (stable for a given document). */
export function csvTables(source: CsvSource, options: CsvOptions = {}): CsvTable[] {
  const active = new Map<string, Household>();
  for (const [id, household] of source.profiles.entries())
    if (activeHousehold(household)) active.set(id, household);
  const table = (name: CsvTableName, rows: string[][], columns = CSV_COLUMNS[name]): CsvTable => ({
    name,
    file: CSV_FILE_NAMES[name],
    columns,
    rows,
  });
  const contacts = options.contacts;
  return [
    table(
      'households',
      householdRows(active, contacts),
      contacts ? [...CSV_COLUMNS.households, ...CONTACT_COLUMNS] : CSV_COLUMNS.households,
    ),
    table('answers', answerRows(source, active)),
    table('links', linkRows(source, active)),
    table('cafes', cafeRows(source, active, options.now)),
    table('attendance', attendanceRows(source, active)),
  ];
}

/** 'YYYY-MM-DD HH:MM' of an ISO 8601 UTC timestamp. */
export const utcMinute = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)}`;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts rows by the cells at `keys`, in turn, as ids compare. */
function sortRows(rows: string[][], keys: number[]): string[][] {
  return rows.sort((a, b) => {
    for (const k of keys) {
      const order = compareIds(a[k]!, b[k]!);
      if (order !== 0) return order;
    }
    return 0;
  });
}

function householdRows(
  active: ReadonlyMap<string, Household>,
  contacts: ReadonlyMap<string, CsvContact> | undefined,
): string[][] {
  const rows: string[][] = [];
  for (const [id, h] of active) {
    const row = [
      id,
      h.name,
      h.place,
      h.languages.join(', '),
      utcMinute(h.joinedAt),
      h.sessionId ?? '',
      YES_NO(h.founding),
      YES_NO(h.consent.shareContact),
    ];
    if (contacts) row.push(...contactCells(contacts.get(id), h.consent.shareContact));
    rows.push(row);
  }
  return sortRows(rows, [0]);
}

/** Phone, e-mail and flat as a consented household lets them out; empty cells otherwise. */
function contactCells(contact: CsvContact | undefined, consented: boolean): string[] {
  if (!contact || !consented) return ['', '', ''];
  const shared = sharedPart(contact, effectiveShare(contact.share, consented));
  return [shared.phone ?? '', shared.email ?? '', contact.flat ?? ''];
}

function ideaCells(source: CsvSource, ideaId: string): [string, string, string] {
  const idea = source.idea(ideaId);
  const theme = idea ? (source.themeTitle?.(idea.theme) ?? idea.theme) : '';
  return [theme, ideaId, idea?.title ?? ''];
}

function answerRows(source: CsvSource, active: ReadonlyMap<string, Household>): string[][] {
  const rows: string[][] = [];
  for (const [key, answer] of source.answers.entries()) {
    const ids = parseAnswerKey(key);
    const household = ids && active.get(ids.householdId);
    if (!household) continue;
    rows.push([
      ids.householdId,
      household.name,
      ...ideaCells(source, ids.ideaId),
      ANSWER_WORDS[answer.value],
      utcMinute(answer.at),
    ]);
  }
  return sortRows(rows, [0, 3]);
}

/**
 * One row per link (two active households, one idea) with a choice from either side, A being the
 * smaller id; its state from A's side (links.ts linkState, a withdrawal of the pair on any idea
 * stopping it).
 */
function linkRows(source: CsvSource, active: ReadonlyMap<string, Household>): string[][] {
  const links = new Map<string, [string, string, string]>();
  const withdrawn = new Set<string>();
  for (const [key, choice] of source.choices.entries()) {
    const ids = parseChoiceKey(key);
    if (!ids || !active.has(ids.ownerId) || !active.has(ids.otherId)) continue;
    const [a, b] = ids.ownerId < ids.otherId ? [ids.ownerId, ids.otherId] : [ids.otherId, ids.ownerId];
    links.set(choiceKey(a, b, ids.ideaId), [a, b, ids.ideaId]);
    if (choice.value === 'withdrawn') withdrawn.add(`${a}/${b}`);
  }
  const rows: string[][] = [];
  for (const [a, b, ideaId] of links.values()) {
    const mine = source.choices.get(choiceKey(a, b, ideaId));
    const theirs = source.choices.get(choiceKey(b, a, ideaId));
    const state = linkState(mine?.value, theirs?.value, withdrawn.has(`${a}/${b}`));
    rows.push([
      a,
      active.get(a)!.name,
      b,
      active.get(b)!.name,
      ...ideaCells(source, ideaId),
      mine ? CHOICE_WORDS[mine.value] : '',
      mine ? utcMinute(mine.at) : '',
      theirs ? CHOICE_WORDS[theirs.value] : '',
      theirs ? utcMinute(theirs.at) : '',
      LINK_STATE_WORDS[state],
    ]);
  }
  return sortRows(rows, [0, 2, 5]);
}

const cafeOrder = (a: Cafe, b: Cafe) =>
  compareIds(a.date, b.date) || compareIds(a.start, b.start) || compareIds(a.id, b.id);

/** Present active households per café id. */
function presentCounts(source: CsvSource, active: ReadonlyMap<string, Household>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, attendance] of source.records.attendance.entries()) {
    const ids = parseAttendanceKey(key);
    if (ids && attendance.present && active.has(ids.householdId))
      counts.set(ids.cafeId, (counts.get(ids.cafeId) ?? 0) + 1);
  }
  return counts;
}

function cafeRows(
  source: CsvSource,
  active: ReadonlyMap<string, Household>,
  now: number | undefined,
): string[][] {
  const present = presentCounts(source, active);
  const cafes = [...source.records.cafes.entries()].map(([, cafe]) => cafe).sort(cafeOrder);
  return cafes.map((cafe) => [
    cafe.id,
    cafe.date,
    cafe.start,
    cafe.end,
    cafe.place,
    cafe.theme !== null ? (source.themeTitle?.(cafe.theme) ?? cafe.theme) : (cafe.localTheme ?? ''),
    now === undefined ? CAFE_STATE_WORDS[cafe.state] : CAFE_STATUS_WORDS[cafeStatus(cafe, now)],
    String(present.get(cafe.id) ?? 0),
  ]);
}

/** Presences (latest record says present) of active households at known cafés. */
function attendanceRows(source: CsvSource, active: ReadonlyMap<string, Household>): string[][] {
  const rows: { cafe: Cafe; row: string[] }[] = [];
  for (const [key, attendance] of source.records.attendance.entries()) {
    const ids = parseAttendanceKey(key);
    const cafe = ids && source.records.cafes.get(ids.cafeId);
    const household = ids && active.get(ids.householdId);
    if (!cafe || !household || !attendance.present) continue;
    rows.push({
      cafe,
      row: [
        cafe.id,
        cafe.date,
        ids.householdId,
        household.name,
        ATTENDANCE_WORDS[attendance.how],
        AUTHOR_WORDS[attendance.by],
        utcMinute(attendance.at),
      ],
    });
  }
  return rows
    .sort((a, b) => cafeOrder(a.cafe, b.cafe) || compareIds(a.row[2]!, b.row[2]!))
    .map(({ row }) => row);
}
