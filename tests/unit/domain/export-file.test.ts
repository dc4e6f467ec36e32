/**
 * The export file as an attacker would write it: every field chosen by the writer is checked
 * before any work is spent on it (the key derivation's cost first), and the decrypted payload is
 * checked before use. The server's `admin import` and the device's import share decryptExport.
 */
import { describe, expect, it } from 'vitest';
import {
  EXPORT_KDF_ITERATIONS,
  type ExportFile,
  type ExportPayload,
  MAX_EXPORT_DATA_BYTES,
  decryptExport,
  encryptExport,
  toBase64,
} from '../../../src/domain/export-file';
import { exportFileHolding } from '../../fixtures/export-files';

const PASSPHRASE = 'cheval correct agrafe';

const payload: ExportPayload = {
  perimeterId: 'lilas-perimeter-1',
  exportedAt: '2026-11-29T10:00:00.000Z',
  document: new Uint8Array([0, 0]),
  contacts: [{ householdId: 'fatima01', phone: '06 11 22 33 44' }],
};

/** A file whose ciphertext holds `plain` (any text), encrypted as the app would. */
const fileHolding = (plain: string) => exportFileHolding(plain, payload.perimeterId, PASSPHRASE);

describe('an export file', () => {
  it('opens with its passphrase, and gives back what was exported', async () => {
    const file = await encryptExport(payload, PASSPHRASE);
    expect(file.kdf.iterations).toBe(EXPORT_KDF_ITERATIONS);
    expect(await decryptExport(JSON.parse(JSON.stringify(file)), PASSPHRASE)).toEqual({
      ok: true,
      payload,
    });
    expect(await decryptExport(file, 'not the passphrase')).toEqual({
      ok: false,
      refusal: 'wrong-passphrase',
    });
  });

  const file = encryptExport(payload, PASSPHRASE);
  const changed: [string, (f: ExportFile) => unknown][] = [
    // Two billion iterations hung the import for hours: refused before any key is derived.
    ['iterations = 2,000,000,000', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 2_000_000_000 } })],
    ['iterations above the range', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1_000_001 } })],
    ['iterations below what the app writes', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1 } })],
    ['iterations not an integer', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 310_000.5 } })],
    ['iterations as text', (f) => ({ ...f, kdf: { ...f.kdf, iterations: '310000' } })],
    ['iterations infinite', (f) => ({ ...f, kdf: { ...f.kdf, iterations: Infinity } })],
    ['another key derivation', (f) => ({ ...f, kdf: { ...f.kdf, name: 'scrypt' } })],
    ['another hash', (f) => ({ ...f, kdf: { ...f.kdf, hash: 'SHA-1' } })],
    ['a salt of 8 bytes', (f) => ({ ...f, kdf: { ...f.kdf, salt: toBase64(new Uint8Array(8)) } })],
    ['a salt of 1 MB', (f) => ({ ...f, kdf: { ...f.kdf, salt: toBase64(new Uint8Array(1 << 20)) } })],
    ['a salt not in base64', (f) => ({ ...f, kdf: { ...f.kdf, salt: '!'.repeat(24) } })],
    ['another cipher', (f) => ({ ...f, cipher: { ...f.cipher, name: 'AES-CBC' } })],
    ['an iv of 16 bytes', (f) => ({ ...f, cipher: { ...f.cipher, iv: toBase64(new Uint8Array(16)) } })],
    ['an iv not in base64', (f) => ({ ...f, cipher: { ...f.cipher, iv: 'é'.repeat(16) } })],
    ['data shorter than a GCM tag', (f) => ({ ...f, data: toBase64(new Uint8Array(8)) })],
    ['data not in base64', (f) => ({ ...f, data: `${f.data}%` })],
    ['data larger than any export', (f) => ({ ...f, data: 'A'.repeat((MAX_EXPORT_DATA_BYTES / 3) * 4 + 8) })],
    ['another format', (f) => ({ ...f, format: 'other-export' })],
    ['version 0', (f) => ({ ...f, version: 0 })],
    ['an invalid perimeter id', (f) => ({ ...f, perimeterId: '../../etc' })],
    ['no export date', ({ exportedAt: _, ...f }) => f],
    ['no kdf', ({ kdf: _, ...f }) => f],
    ['null', () => null],
    ['an array', () => []],
  ];
  it.each(changed)('with %s is refused as not an export', async (_name, change) => {
    expect(await decryptExport(change(await file), PASSPHRASE)).toEqual({
      ok: false,
      refusal: 'not-an-export',
    });
  });

  it('of a later version is refused with a request to update, never misread', async () => {
    expect(await decryptExport({ ...(await file), version: 2 }, PASSPHRASE)).toEqual({
      ok: false,
      refusal: 'newer-version',
    });
  });

  const content: [string, string][] = [
    ['text that is not JSON', 'not json'],
    ['a payload without contacts', JSON.stringify({ ...payload, document: 'AAA=', contacts: undefined })],
    ['a document not in base64', JSON.stringify({ ...payload, document: 'not base64!' })],
    ['a contact with no household', JSON.stringify({ ...payload, document: 'AAA=', contacts: [{}] })],
    [
      'a malformed email',
      JSON.stringify({ ...payload, document: 'AAA=', contacts: [{ householdId: 'fatima01', email: 'x' }] }),
    ],
    [
      '5,001 contacts',
      JSON.stringify({
        ...payload,
        document: 'AAA=',
        contacts: Array.from({ length: 5001 }, () => ({ householdId: 'fatima01' })),
      }),
    ],
    // The label the importer was shown says one perimeter, the content another.
    [
      'another perimeter than its label',
      JSON.stringify({ ...payload, document: 'AAA=', perimeterId: 'other-perimeter' }),
    ],
  ];
  it.each(content)('whose decrypted content is %s is refused as invalid', async (_name, plain) => {
    expect(await decryptExport(await fileHolding(plain), PASSPHRASE)).toEqual({
      ok: false,
      refusal: 'invalid-content',
    });
  });
});
