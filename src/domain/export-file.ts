/**
 * The way out when no connection comes back: a perimeter's shared document and the contact
 * details not yet uploaded, in one file encrypted with a passphrase chosen at export. Importing it
 * merges the document (a CRDT: nothing is lost, nothing duplicated) and the contacts.
 *
 * WebCrypto only (browsers and Node alike): PBKDF2-SHA-256 derives an AES-GCM key from the
 * passphrase; a wrong passphrase or a damaged file fails the authentication tag.
 *
 * File format version 1 (`format: "tissage-export"`, `version: 1`). Adding an optional field to
 * the payload is compatible; anything else needs version 2, and importers keep reading version 1.
 * A frozen sample lives in tests/fixtures/v1/.
 *
 * Everything in the file is chosen by whoever wrote it, so every field is checked against what the
 * app writes before any work is spent on it: the key derivation's cost above all (an iteration
 * count of two billion would hang the importer), then the sizes, then, once decrypted, the payload
 * itself. The server's `admin import` and the device's import both go through decryptExport.
 */
import * as z from 'zod/mini';
import { type Perimeter, contactSchema, idSchema, perimeterSchema } from './schemas';

/** Contact details of households of the perimeter, as exports and devices carry them. */
export const householdContactsSchema = z
  .array(z.extend(contactSchema, { householdId: idSchema }))
  .check(z.maxLength(5000));

/** What an export carries, decrypted: the perimeter's whole document and contacts not yet uploaded. */
export interface ExportPayload {
  perimeterId: string;
  exportedAt: string;
  /** Y.encodeStateAsUpdate of the perimeter's document. */
  document: Uint8Array;
  contacts: z.infer<typeof householdContactsSchema>;
}

/** The iteration count this app writes: OWASP's 2021 figure for PBKDF2-HMAC-SHA256. */
export const EXPORT_KDF_ITERATIONS = 310_000;

/**
 * The iteration counts an import accepts: from what this app writes up to OWASP's 2023 figure
 * (600,000, Password Storage Cheat Sheet) with room to spare, so a later app may raise its count
 * and older apps still read its files, while the cost an importer pays stays bounded (about a
 * second on a mid-range phone at the top of the range).
 */
export const EXPORT_KDF_ITERATION_RANGE = { min: EXPORT_KDF_ITERATIONS, max: 1_000_000 } as const;

const SALT_BYTES = 16;
const IV_BYTES = 12;
/** The AES-GCM authentication tag that ends every ciphertext (NIST SP 800-38D, 128 bits). */
const TAG_BYTES = 16;

/**
 * The largest shared document an export may hold: 8 times a 500-household perimeter where every
 * household answered all 150 ideas (about 1.9 MB as measured for the sync server's design).
 */
export const MAX_EXPORT_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** The largest ciphertext: the document in base64 inside JSON, plus up to 5,000 contacts. */
export const MAX_EXPORT_DATA_BYTES = 32 * 1024 * 1024;

/** Characters of the standard base64 (RFC 4648 §4, padded) of `bytes` bytes. */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * The largest export file, in characters (its JSON text is ASCII): the ciphertext in base64 and
 * the few short fields around it. Importers check a file's size against it before reading it.
 */
export const MAX_EXPORT_FILE_CHARS = base64Length(MAX_EXPORT_DATA_BYTES) + 4096;

const base64Of = (min: number, max: number) =>
  z.base64().check(z.minLength(base64Length(min)), z.maxLength(base64Length(max)));

/** Version 1 of the file, exactly as encryptExport writes it (bounded ranges where noted). */
export const exportFileSchema = z.object({
  format: z.literal('tissage-export'),
  version: z.literal(1),
  perimeterId: idSchema,
  exportedAt: z.iso.datetime(),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.int().check(z.gte(EXPORT_KDF_ITERATION_RANGE.min), z.lte(EXPORT_KDF_ITERATION_RANGE.max)),
    salt: base64Of(SALT_BYTES, SALT_BYTES),
  }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: base64Of(IV_BYTES, IV_BYTES) }),
  data: base64Of(TAG_BYTES, MAX_EXPORT_DATA_BYTES),
});
/** An export file as stored on disk (JSON); `data` is the AES-GCM ciphertext of the payload. */
export type ExportFile = z.infer<typeof exportFileSchema>;

/** What the file holds once decrypted, before the document is decoded from base64. */
export const exportPayloadSchema = z.object({
  perimeterId: idSchema,
  exportedAt: z.iso.datetime(),
  document: base64Of(0, MAX_EXPORT_DOCUMENT_BYTES),
  contacts: householdContactsSchema,
});

/**
 * Why a file was not opened:
 * - `not-an-export`: not a Tissage export file, or one whose fields are not what the app writes
 *   (a cost, size or algorithm out of range);
 * - `newer-version`: an export of a later format version, which this app cannot read (update it);
 * - `wrong-passphrase`: the passphrase does not open it, or the ciphertext was damaged (AES-GCM
 *   cannot tell those apart);
 * - `invalid-content`: it opens, but what it holds is not a valid payload, or names another
 *   perimeter than its label.
 */
export type ExportRefusal = 'not-an-export' | 'newer-version' | 'wrong-passphrase' | 'invalid-content';

/**
 * How an import on a device ended: merged, refused before merging (the file names another
 * perimeter, or decryptExport refused it), or failed while merging.
 */
export type ImportOutcome = 'imported' | 'other-perimeter' | 'failed' | ExportRefusal;

/** decryptExport's answer: the checked payload, or why the file was not opened. */
export type Decrypted = { ok: true; payload: ExportPayload } | { ok: false; refusal: ExportRefusal };

/**
 * Whether an imported document belongs to perimeter `perimeterId`. What ties a shared document to
 * its perimeter is the perimeter record its facilitator wrote at creation (`meta`/`perimeter`,
 * commands.ts `createPerimeter`): `incoming`, that record in the imported document, must name the
 * perimeter, and when the importer already holds the perimeter's record (`held`), it must be the
 * same perimeter created at the same time (a rename changes the name and places, never that).
 * The server's `admin import` and the device's import apply this same rule.
 */
export function belongsToPerimeter(
  incoming: unknown,
  perimeterId: string,
  held: Perimeter | undefined,
): incoming is Perimeter {
  const parsed = perimeterSchema.safeParse(incoming);
  if (!parsed.success || parsed.data.id !== perimeterId) return false;
  return held === undefined || (held.id === perimeterId && held.createdAt === parsed.data.createdAt);
}

/**
 * Encrypts `payload` under `passphrase`: PBKDF2-SHA-256 with EXPORT_KDF_ITERATIONS and a random
 * 16-byte salt derives an AES-256-GCM key (NIST SP 800-132, SP 800-38D); a random 12-byte iv.
 */
export async function encryptExport(payload: ExportPayload, passphrase: string): Promise<ExportFile> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(passphrase, salt, EXPORT_KDF_ITERATIONS);
  const plain = new TextEncoder().encode(
    JSON.stringify({ ...payload, document: toBase64(payload.document) }),
  );
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return {
    format: 'tissage-export',
    version: 1,
    perimeterId: payload.perimeterId,
    exportedAt: payload.exportedAt,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: EXPORT_KDF_ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(data),
  };
}

/**
 * Opens an export file (any JSON value, as read from disk or a file input) with `passphrase`.
 * The file's fields are checked before the key is derived, so a file cannot choose what the
 * import costs; the decrypted payload is checked before anyone uses it.
 */
export async function decryptExport(file: unknown, passphrase: string): Promise<Decrypted> {
  const parsed = exportFileSchema.safeParse(file);
  if (!parsed.success) {
    const version = (file as { version?: unknown } | null)?.version;
    const newer = typeof version === 'number' && version > 1;
    return { ok: false, refusal: newer ? 'newer-version' : 'not-an-export' };
  }
  const { kdf, cipher, data, perimeterId } = parsed.data;
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, fromBase64(kdf.salt), kdf.iterations);
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(cipher.iv) },
      key,
      fromBase64(data),
    );
  } catch {
    return { ok: false, refusal: 'wrong-passphrase' };
  }
  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return { ok: false, refusal: 'invalid-content' };
  }
  const payload = exportPayloadSchema.safeParse(content);
  // The label outside is what the importer was shown; the payload must not say otherwise.
  if (!payload.success || payload.data.perimeterId !== perimeterId)
    return { ok: false, refusal: 'invalid-content' };
  return { ok: true, payload: { ...payload.data, document: fromBase64(payload.data.document) } };
}

/**
 * The AES-GCM key (256 bits, for encrypting and decrypting) that PBKDF2-SHA-256 derives from
 * `passphrase` with `salt` and `iterations`: the key of an export file's ciphertext.
 */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Standard padded base64 (RFC 4648 §4) of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The bytes of standard base64 `text`; throws a DOMException if it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
