/**
 * `npm run admin -- export-csv <perimeter> <dir>`: the association's CSV export
 * (domain/csv-export.ts) written from the server's copy of a perimeter's document, the same five
 * files a facilitator's tablet gives. The document is read as the server loads it (stored state,
 * then the update log: every durable change), whether a server runs or not: SQLite in WAL mode
 * lets this read beside a running server, and nothing here writes the document.
 *
 * Records are checked against their schemas before they are written out: the rights check let
 * only valid ones in, but a file for someone's spreadsheet is no place to trust that blindly.
 * Contact details come from the private store (tissage.sqlite) only with `withContacts`, and the
 * export keeps only those of households that consented (csv-export.ts). The files hold personal
 * data (names at least): they are written readable by their owner only (mode 0600).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import catalogue from '../catalogue/catalogue.v1.json';
import {
  type CsvContact,
  type CsvSeparator,
  type CsvSource,
  csvTables,
  writeCsv,
} from '../domain/csv-export';
import {
  answerSchema,
  attendanceSchema,
  cafeSchema,
  choiceSchema,
  householdSchema,
  localIdeaSchema,
} from '../domain';
import { documentNameOf } from './auth';
import { loadDocument } from './persistence';
import { openSqliteDocuments } from './sqlite/documents';
import { ServerStore } from './store';

/** What the admin asked for. */
export interface CsvExportRequest {
  perimeterId: string;
  /** Created if missing; files of the same names are replaced. */
  dir: string;
  /** Contact details of consenting households from the private store. */
  withContacts: boolean;
  separator: CsvSeparator;
}

/** One file written: its path and how many rows it holds under its header. */
export interface WrittenCsv {
  file: string;
  rows: number;
}

const themeTitles = new Map(catalogue.themes.map((theme) => [theme.id, theme.title]));
const shippedIdeas = new Map(catalogue.ideas.map((idea) => [idea.id, idea]));

/** The valid entries of one of the document's maps, by key. */
function valid<T>(
  doc: Y.Doc,
  map: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): Map<string, T> {
  const entries = new Map<string, T>();
  for (const [key, value] of doc.getMap(map).entries()) {
    const parsed = schema.safeParse(value);
    if (parsed.success) entries.set(key, parsed.data);
  }
  return entries;
}

/** The export's source from the perimeter's document. */
export function csvSourceOf(doc: Y.Doc): CsvSource {
  const localIdeas = valid(doc, 'ideas', localIdeaSchema);
  const cafes = valid(doc, 'cafes', cafeSchema);
  return {
    profiles: valid(doc, 'profiles', householdSchema),
    answers: valid(doc, 'answers', answerSchema),
    choices: valid(doc, 'choices', choiceSchema),
    records: { cafes, attendance: valid(doc, 'attendance', attendanceSchema) },
    idea: (id) => shippedIdeas.get(id) ?? localIdeas.get(id),
    themeTitle: (id) => themeTitles.get(id),
  };
}

/**
 * Writes the perimeter's CSV files into `request.dir`; 'unknown-perimeter' when this server has
 * no such perimeter (nothing written then).
 */
export async function writePerimeterCsv(
  dataDir: string,
  request: CsvExportRequest,
): Promise<WrittenCsv[] | 'unknown-perimeter'> {
  const store = ServerStore.open(dataDir);
  try {
    if (!store.perimeter(request.perimeterId)) return 'unknown-perimeter';
    const doc = new Y.Doc();
    const persistence = openSqliteDocuments(path.join(dataDir, 'documents.sqlite'));
    try {
      await loadDocument(doc, documentNameOf(request.perimeterId), persistence.documents, persistence.log);
    } finally {
      persistence.close();
    }
    const source = csvSourceOf(doc);
    const contacts = request.withContacts ? contactsOf(store, request.perimeterId, source) : undefined;
    fs.mkdirSync(request.dir, { recursive: true });
    // The cafés' state as of now (domain/cafe-status.ts): 'en cours', 'à clore' where they are.
    return csvTables(source, { contacts, now: Date.now() }).map((table) => {
      const file = path.join(request.dir, table.file);
      fs.writeFileSync(file, writeCsv(table.columns, table.rows, request.separator), { mode: 0o600 });
      // A file that existed keeps its mode through writeFileSync: set it again.
      fs.chmodSync(file, 0o600);
      return { file, rows: table.rows.length };
    });
  } finally {
    store.close();
  }
}

/** The private store's contact details and sharing choice of every household of the document. */
function contactsOf(store: ServerStore, perimeterId: string, source: CsvSource): Map<string, CsvContact> {
  const contacts = new Map<string, CsvContact>();
  for (const [householdId] of source.profiles.entries()) {
    const contact = store.contact(perimeterId, householdId);
    if (contact)
      contacts.set(householdId, { ...contact, share: store.contactShare(perimeterId, householdId) });
  }
  return contacts;
}
