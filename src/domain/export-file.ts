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
 */
import type { Contact } from './schemas';

export interface ExportPayload {
  perimeterId: string;
  exportedAt: string;
  /** Y.encodeStateAsUpdate of the perimeter's document. */
  document: Uint8Array;
  contacts: (Contact & { householdId: string })[];
}

export interface ExportFile {
  format: 'tissage-export';
  version: 1;
  perimeterId: string;
  exportedAt: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  data: string;
}

const ITERATIONS = 310_000;

export async function encryptExport(payload: ExportPayload, passphrase: string): Promise<ExportFile> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, ITERATIONS);
  const plain = new TextEncoder().encode(
    JSON.stringify({ ...payload, document: toBase64(payload.document) }),
  );
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return {
    format: 'tissage-export',
    version: 1,
    perimeterId: payload.perimeterId,
    exportedAt: payload.exportedAt,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(data),
  };
}

/** The payload, or undefined if the passphrase is wrong or the file is not a Tissage export. */
export async function decryptExport(file: unknown, passphrase: string): Promise<ExportPayload | undefined> {
  if (!isExportFile(file)) return undefined;
  try {
    const key = await deriveKey(passphrase, fromBase64(file.kdf.salt), file.kdf.iterations);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(file.cipher.iv) },
      key,
      fromBase64(file.data),
    );
    const parsed = JSON.parse(new TextDecoder().decode(plain)) as Omit<ExportPayload, 'document'> & {
      document: string;
    };
    return { ...parsed, document: fromBase64(parsed.document) };
  } catch {
    return undefined;
  }
}

function isExportFile(file: unknown): file is ExportFile {
  const f = file as Partial<ExportFile> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    f.format === 'tissage-export' &&
    f.version === 1 &&
    typeof f.data === 'string' &&
    typeof f.kdf?.salt === 'string' &&
    typeof f.kdf.iterations === 'number' &&
    typeof f.cipher?.iv === 'string'
  );
}

async function deriveKey(
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

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
