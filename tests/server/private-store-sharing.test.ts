/**
 * What a household shares with linked neighbours, in tissage.sqlite: schema step 4 (contact_shares)
 * opened over a version-3 database with data in it, and the household's own changes through the
 * PrivateStore port.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, migrate } from '../../src/server/migrations';
import { ServerStore } from '../../src/server/store';
import { tempDataDir } from './helpers';

let dataDir = '';
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A tissage.sqlite as the server before contact sharing left it, with one perimeter and a contact. */
function versionThreeDatabase(): void {
  dataDir = tempDataDir();
  const db = new BetterSqlite3(path.join(dataDir, 'tissage.sqlite'));
  migrate(db, 3);
  db.prepare("INSERT INTO perimeters (id, name, created_at) VALUES ('p0000001', 'Les Lilas', 'x')").run();
  db.prepare(
    "INSERT INTO contacts (perimeter_id, household_id, phone, email, flat, updated_at) VALUES ('p0000001', 'amina001', '0611111111', 'a@example.org', '3B', 'x')",
  ).run();
  expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: 3 });
  db.close();
}

describe('contact sharing in the private store', () => {
  it('step 3 → 4 keeps contacts, and no household has chosen yet', () => {
    versionThreeDatabase();
    const store = ServerStore.open(dataDir);
    try {
      expect(store.contact('p0000001', 'amina001')).toMatchObject({ phone: '0611111111', flat: '3B' });
      expect(store.contactShare('p0000001', 'amina001')).toBeUndefined();
    } finally {
      store.close();
    }
    const db = new BetterSqlite3(path.join(dataDir, 'tissage.sqlite'));
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SCHEMA_VERSION });
    db.close();
  });

  it('keeps a household’s choice and its own changes, and the flat it did not touch', () => {
    versionThreeDatabase();
    const store = ServerStore.open(dataDir);
    try {
      store.changeOwnContact('p0000001', 'amina001', { share: 'phone' });
      expect(store.contactShare('p0000001', 'amina001')).toBe('phone');
      store.changeOwnContact('p0000001', 'amina001', { phone: null, email: 'new@example.org' });
      expect(store.contactShare('p0000001', 'amina001')).toBe('phone');
      expect(store.contact('p0000001', 'amina001')).toEqual({
        householdId: 'amina001',
        email: 'new@example.org',
        flat: '3B',
        updatedAt: expect.any(String) as unknown,
      });
      // A household with no details that only chooses gets no contacts row.
      store.changeOwnContact('p0000001', 'bruno001', { share: 'none', phone: null });
      expect(store.contactShare('p0000001', 'bruno001')).toBe('none');
      expect(store.contact('p0000001', 'bruno001')).toBeUndefined();
      store.changeOwnContact('p0000001', 'bruno001', { phone: '0622222222' });
      expect(store.contact('p0000001', 'bruno001')).toMatchObject({ phone: '0622222222' });
    } finally {
      store.close();
    }
    // Durable: a new process reads the same.
    const reopened = ServerStore.open(dataDir);
    expect(reopened.contactShare('p0000001', 'amina001')).toBe('phone');
    reopened.close();
  });
});
