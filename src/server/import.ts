/**
 * Merges what an export file holds (domain/export-file.ts) into the server: the perimeter's shared
 * document and the contact details. `npm run admin -- import` decrypts the file, then goes through
 * the running server (POST /api/admin/import, so connected devices receive the merge at once) or,
 * when none runs, writes into the data directory itself (importIntoDataDir).
 *
 * Importing is idempotent: Yjs skips what the document already has, and contact details already
 * stored with the same values are left alone, so the same file twice changes nothing the second
 * time. The document passes the rights check as a facilitator's update would: a file that cannot
 * be fully merged, or holds records of the wrong shape, is refused rather than stored.
 */
import path from 'node:path';
import { schema, selectQuery, upsertQuery } from '@hocuspocus/extension-sqlite';
import BetterSqlite3 from 'better-sqlite3';
import * as z from 'zod/mini';
import * as Y from 'yjs';
import { PERIMETER_KEY, contactSchema, fromBase64, idSchema, perimeterSchema } from '../domain';
import { documentNameOf } from './auth';
import { indexDocument } from './document-index';
import { checkUpdate } from './rights-check';
import { type Contact, ServerStore } from './store';

/** Contact details as devices send them; empty fields are absent ones. */
export const contactList = z
  .array(z.extend(contactSchema, { householdId: idSchema }))
  .check(z.maxLength(5000));

export function storedContacts(contacts: z.infer<typeof contactList>): Contact[] {
  return contacts.map(({ householdId, phone, email, flat }) => ({
    householdId,
    phone: phone || undefined,
    email: email || undefined,
    flat: flat || undefined,
  }));
}

/** The import as the admin tool posts it: the decrypted payload, the document in base64. */
export const importBody = z.object({
  perimeterId: idSchema,
  document: z.base64(),
  contacts: contactList,
});

export interface ImportData {
  perimeterId: string;
  document: Uint8Array;
  contacts: Contact[];
}

export function parseImport(body: unknown): ImportData | undefined {
  const parsed = importBody.safeParse(body);
  if (!parsed.success) return undefined;
  const { perimeterId, document, contacts } = parsed.data;
  return { perimeterId, document: fromBase64(document), contacts: storedContacts(contacts) };
}

export interface Counted {
  /** In the perimeter once imported. */
  total: number;
  /** New or different because of the import. */
  changed: number;
}

export interface ImportSummary {
  perimeterId: string;
  perimeterName: string;
  /** The perimeter did not exist on this server: it was created with the file's id and name. */
  created: boolean;
  households: Counted;
  answers: Counted;
  contacts: Counted;
}

export type ImportFailure = 'no-perimeter-record' | 'refused';

/**
 * Merges `data` into `doc`, the perimeter's document as the server holds it, through `apply`
 * (which must apply the update to `doc`), then records what the document now says and the
 * contacts in tissage.sqlite. Creates the perimeter if the server does not know it.
 */
export async function mergeImport(
  store: ServerStore,
  doc: Y.Doc,
  data: ImportData,
  apply: (update: Uint8Array) => Promise<void> | void,
): Promise<ImportSummary | ImportFailure> {
  const known = store.perimeter(data.perimeterId);
  const perimeterName = known?.name ?? perimeterNameIn(data);
  if (perimeterName === undefined) return 'no-perimeter-record';
  // Its client ids are bound to nobody below; whose they were does not matter here.
  const checked = checkUpdate(
    { actor: { kind: 'facilitator' }, owner: 'import' },
    () => undefined,
    doc,
    data.document,
  );
  if (checked.refusal !== null) return 'refused';
  if (!known) store.createPerimeter(perimeterName, data.perimeterId);

  const before = { profiles: recordsOf(doc, 'profiles'), answers: recordsOf(doc, 'answers') };
  await apply(data.document);
  indexDocument(store, data.perimeterId, doc);
  const contactsChanged = store.upsertContacts(data.perimeterId, data.contacts);
  return {
    perimeterId: data.perimeterId,
    perimeterName,
    created: !known,
    households: counted(before.profiles, recordsOf(doc, 'profiles')),
    answers: counted(before.answers, recordsOf(doc, 'answers')),
    contacts: { total: data.contacts.length, changed: contactsChanged },
  };
}

/** The merge when no server runs: documents.sqlite and tissage.sqlite written directly. */
export async function importIntoDataDir(
  dataDir: string,
  data: ImportData,
): Promise<ImportSummary | ImportFailure> {
  const store = ServerStore.open(dataDir);
  const documents = new BetterSqlite3(path.join(dataDir, 'documents.sqlite'));
  try {
    documents.pragma('journal_mode = WAL');
    documents.pragma('synchronous = FULL');
    documents.exec(schema);
    const name = documentNameOf(data.perimeterId);
    const stored = documents.prepare(selectQuery).get({ name }) as { data: Uint8Array } | undefined;
    const doc = new Y.Doc();
    if (stored) Y.applyUpdate(doc, stored.data);
    // The document first: if anything fails after it, importing again completes the rest.
    return await mergeImport(store, doc, data, (update) => {
      Y.applyUpdate(doc, update);
      documents.prepare(upsertQuery).run({ name, data: Buffer.from(Y.encodeStateAsUpdate(doc)) });
    });
  } finally {
    documents.close();
    store.close();
  }
}

function perimeterNameIn(data: ImportData): string | undefined {
  const incoming = new Y.Doc();
  Y.applyUpdate(incoming, data.document);
  const perimeter = perimeterSchema.safeParse(incoming.getMap('meta').get(PERIMETER_KEY));
  return perimeter.success && perimeter.data.id === data.perimeterId ? perimeter.data.name : undefined;
}

function recordsOf(doc: Y.Doc, map: string): Map<string, string> {
  return new Map(Array.from(doc.getMap(map).entries(), ([key, value]) => [key, JSON.stringify(value)]));
}

function counted(before: Map<string, string>, after: Map<string, string>): Counted {
  let changed = 0;
  for (const [key, value] of after) if (before.get(key) !== value) changed++;
  return { total: after.size, changed };
}
