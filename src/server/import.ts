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
 *
 * What must stay true: an import reaches only the perimeter it claims. The file's document must
 * hold the perimeter record of that perimeter, the same as the server's when it holds one
 * (domain/export-file.ts `belongsToPerimeter`, which devices apply too), and the rights check
 * refuses any record naming another. Contact details are kept only for households of the
 * perimeter's document.
 */
import path from 'node:path';
import * as z from 'zod/mini';
import * as Y from 'yjs';
import {
  PERIMETER_KEY,
  type Perimeter,
  belongsToPerimeter,
  exportPayloadSchema,
  fromBase64,
  householdContactsSchema,
  perimeterSchema,
} from '../domain';
import { documentNameOf } from './auth';
import { indexDocument } from './document-index';
import { loadDocument } from './persistence';
import { checkUpdate } from './rights-check';
import { openSqliteDocuments } from './sqlite/documents';
import type { Contact, PrivateStore } from './ports';
import { ServerStore } from './store';

/** Contact details as devices send them (POST /api/contacts and exports); empty fields are absent ones. */
export const contactList = householdContactsSchema;

/** Contacts as tissage.sqlite keeps them: an empty field is an absent one. */
export function storedContacts(contacts: z.infer<typeof contactList>): Contact[] {
  return contacts.map(({ householdId, phone, email, flat }) => ({
    householdId,
    phone: phone || undefined,
    email: email || undefined,
    flat: flat || undefined,
  }));
}

/** The import as the admin tool posts it: the decrypted payload, the document in base64. */
export const importBody = z.pick(exportPayloadSchema, { perimeterId: true, document: true, contacts: true });

export interface ImportData {
  perimeterId: string;
  document: Uint8Array;
  contacts: Contact[];
}

/** The import body, checked and decoded, or undefined when it is not one. */
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
  /** Of the file's contacts, those of households in the perimeter's document. */
  contacts: Counted & {
    /** Contacts of households the perimeter's document does not hold: not stored. */
    ignored: number;
  };
}

/**
 * Why an import was refused, before anything was written: `refused`, its document cannot be
 * merged or holds records of the wrong shape; `other-perimeter`, its document's perimeter record
 * is missing or is not the perimeter the import claims.
 */
export type ImportFailure = 'refused' | 'other-perimeter';

/**
 * Merges `data` into `doc`, the perimeter's document as the server holds it, through `apply`
 * (which must apply the update to `doc`), then records what the document now says and the
 * contacts in tissage.sqlite. Creates the perimeter if the server does not know it.
 */
export async function mergeImport(
  store: PrivateStore,
  doc: Y.Doc,
  data: ImportData,
  apply: (update: Uint8Array) => Promise<void> | void,
): Promise<ImportSummary | ImportFailure> {
  const incoming = documentOf(data.document);
  if (!incoming) return 'refused';
  const claimed: unknown = incoming.getMap('meta').get(PERIMETER_KEY);
  if (!belongsToPerimeter(claimed, data.perimeterId, perimeterRecordOf(doc))) return 'other-perimeter';
  // Its client ids are bound to nobody below; whose they were does not matter here.
  const checked = checkUpdate(
    { actor: { kind: 'facilitator' }, owner: 'import', perimeterId: data.perimeterId },
    () => undefined,
    doc,
    data.document,
  );
  if (checked.refusal !== null) return 'refused';
  const known = store.perimeter(data.perimeterId);
  if (!known) store.createPerimeter(claimed.name, data.perimeterId);

  const before = { profiles: recordsOf(doc, 'profiles'), answers: recordsOf(doc, 'answers') };
  await apply(data.document);
  indexDocument(store, data.perimeterId, doc);
  const profiles = doc.getMap('profiles');
  const contacts = data.contacts.filter((contact) => profiles.has(contact.householdId));
  const contactsChanged = store.upsertContacts(data.perimeterId, contacts);
  return {
    perimeterId: data.perimeterId,
    perimeterName: known?.name ?? claimed.name,
    created: !known,
    households: counted(before.profiles, recordsOf(doc, 'profiles')),
    answers: counted(before.answers, recordsOf(doc, 'answers')),
    contacts: {
      total: contacts.length,
      changed: contactsChanged,
      ignored: data.contacts.length - contacts.length,
    },
  };
}

/** The merge when no server runs: documents.sqlite and tissage.sqlite written directly. */
export async function importIntoDataDir(
  dataDir: string,
  data: ImportData,
): Promise<ImportSummary | ImportFailure> {
  const store = ServerStore.open(dataDir);
  const persistence = openSqliteDocuments(path.join(dataDir, 'documents.sqlite'));
  try {
    const name = documentNameOf(data.perimeterId);
    const doc = new Y.Doc();
    await loadDocument(doc, name, persistence.documents, persistence.log);
    // The document first: if anything fails after it, importing again completes the rest. Into the
    // update log, as any change: the server folds it in when it next loads the document.
    return await mergeImport(store, doc, data, async (update) => {
      await persistence.log.append(name, update);
      Y.applyUpdate(doc, update);
    });
  } finally {
    persistence.close();
    store.close();
  }
}

/** The document an update builds on its own, or undefined when it does not decode. */
function documentOf(update: Uint8Array): Y.Doc | undefined {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return doc;
  } catch {
    return undefined;
  }
}

function perimeterRecordOf(doc: Y.Doc): Perimeter | undefined {
  const perimeter = perimeterSchema.safeParse(doc.getMap('meta').get(PERIMETER_KEY));
  return perimeter.success ? perimeter.data : undefined;
}

function recordsOf(doc: Y.Doc, map: string): Map<string, string> {
  return new Map(Array.from(doc.getMap(map).entries(), ([key, value]) => [key, JSON.stringify(value)]));
}

function counted(before: Map<string, string>, after: Map<string, string>): Counted {
  let changed = 0;
  for (const [key, value] of after) if (before.get(key) !== value) changed++;
  return { total: after.size, changed };
}
