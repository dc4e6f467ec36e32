/**
 * `npm run admin -- export-csv <perimeter> <dir>` on a real store: a tablet fills a perimeter
 * through a running server, the admin command (its own process, as an administrator runs it)
 * writes the association's CSV files from the server's copy, with and without contact details,
 * while the server runs and after it stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { BOM, CSV_COLUMNS, CSV_FILE_NAMES, type CsvSeparator } from '../../src/domain/csv-export';
import { answerKey, attendanceKey, choiceKey } from '../../src/domain';
import { runAdmin } from './child-server';
import {
  type Client,
  type TestServer,
  at,
  connect,
  facilitatorToken,
  perimeterRecord,
  postJson,
  received,
  signUpHousehold,
  startServer,
  stopServer,
  synced,
  tempDataDir,
} from './helpers';

let server: TestServer | undefined;
const clients: Client[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await stopServer(server);
  server = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const IDEA = 'cuisine-part-en-plus';
/** The catalogue's title of the idea's theme, 'cuisine'. */
const THEME = 'Cuisine et repas partagés';
const FATIMA = 'Fatima "Fafa" El-Amrani; 3e';
const JEAN = '=HYPERLINK("http://x")';
const CONSENTED = { dataUse: true as const, shareContact: true, at };

/** A file of `dir`, checked for its mark and CRLF end, read back with Papa Parse. */
function read(dir: string, name: string, separator: CsvSeparator = ';'): string[][] {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  expect(text.startsWith(BOM)).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1, -2), { delimiter: separator, newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** A perimeter with two households, one erased, an answer, a link, a held café and a presence. */
async function fillPerimeter(): Promise<{ perimeterId: string; token: string }> {
  server = await startServer();
  const { perimeterId, token } = await facilitatorToken(server);
  const tablet = connect(server.wsUrl, perimeterId, token);
  clients.push(tablet);
  await synced(tablet);
  tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
  signUpHousehold(tablet, perimeterId, 'fatima01', { name: FATIMA, consent: CONSENTED });
  signUpHousehold(tablet, perimeterId, 'jean0001', { name: JEAN });
  // Erased below, once it answered and came to the café: what it left must not be exported.
  signUpHousehold(tablet, perimeterId, 'gone0001', { name: 'Parti', consent: CONSENTED });
  tablet.doc.transact(() => {
    tablet.doc.getMap('answers').set(answerKey('fatima01', IDEA), { value: 'offer', at });
    tablet.doc.getMap('answers').set(answerKey('jean0001', IDEA), { value: 'seek', at });
    tablet.doc.getMap('answers').set(answerKey('gone0001', IDEA), { value: 'seek', at });
    tablet.doc
      .getMap('choices')
      .set(choiceKey('fatima01', 'jean0001', IDEA), { value: 'yes', at, by: 'facilitator' });
    tablet.doc
      .getMap('choices')
      .set(choiceKey('jean0001', 'fatima01', IDEA), { value: 'met', at, by: 'facilitator' });
    tablet.doc.getMap('cafes').set('cafe0001', {
      id: 'cafe0001',
      date: '2026-11-21',
      start: '14:00',
      end: '16:00',
      place: 'Salle; des fêtes',
      theme: 'cuisine',
      localTheme: null,
      ideaIds: [],
      welcome: '',
      state: 'held',
      createdAt: at,
      updatedAt: at,
    });
    for (const id of ['fatima01', 'gone0001'])
      tablet.doc
        .getMap('attendance')
        .set(attendanceKey('cafe0001', id), { present: true, how: 'ticked', by: 'facilitator', at });
  });
  await received(tablet);
  const profiles = tablet.doc.getMap('profiles');
  profiles.set('gone0001', { ...(profiles.get('gone0001') as object), erasedAt: at });
  await received(tablet);
  const contacts = [
    { householdId: 'fatima01', phone: '+33 6 12 34 56 78', email: 'fatima@example.org', flat: '3B' },
    { householdId: 'jean0001', phone: '06 00 00 00 00', flat: '1A' },
    { householdId: 'gone0001', phone: '07 00 00 00 00' },
  ];
  expect((await postJson(`${server.url}/api/contacts`, { contacts }, token)).status).toBe(200);
  return { perimeterId, token };
}

describe('admin export-csv', () => {
  it('writes the five files from the server’s copy, contact details only when asked and consented', async () => {
    const { perimeterId } = await fillPerimeter();
    const out = tempDataDir();
    dirs.push(out);

    const withContacts = await runAdmin(server!.dataDir, ['export-csv', perimeterId, out, '--with-contacts']);
    expect(withContacts.output).toContain('foyers.csv: 2 row(s)');
    expect(withContacts.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(Object.values(CSV_FILE_NAMES).sort());
    for (const name of Object.values(CSV_FILE_NAMES))
      expect(fs.statSync(path.join(out, name)).mode & 0o777).toBe(0o600);

    const [header, ...foyers] = read(out, CSV_FILE_NAMES.households);
    expect(header).toEqual([...CSV_COLUMNS.households, 'téléphone', 'e-mail', 'logement']);
    expect(foyers.map((row) => [row[0], row[1], ...row.slice(-3)])).toEqual([
      ['fatima01', FATIMA, "'+33 6 12 34 56 78", 'fatima@example.org', '3B'],
      // Jean did not consent: none of his details, even asked for.
      ['jean0001', `'${JEAN}`, '', '', ''],
    ]);
    const answers = read(out, CSV_FILE_NAMES.answers).slice(1);
    expect(answers.map((row) => [row[0], row[2], row[3], row[5]])).toEqual([
      ['fatima01', THEME, IDEA, 'propose'],
      ['jean0001', THEME, IDEA, 'cherche'],
    ]);
    const links = read(out, CSV_FILE_NAMES.links).slice(1);
    expect(links).toEqual([
      [
        'fatima01',
        FATIMA,
        'jean0001',
        `'${JEAN}`,
        THEME,
        IDEA,
        'Préparer une part en plus',
        'oui',
        '2026-11-21 14:00',
        'rencontré',
        '2026-11-21 14:00',
        'rencontrés',
      ],
    ]);
    expect(read(out, CSV_FILE_NAMES.cafes).slice(1)).toEqual([
      ['cafe0001', '2026-11-21', '14:00', '16:00', 'Salle; des fêtes', THEME, 'tenu', '1'],
    ]);
    expect(read(out, CSV_FILE_NAMES.attendance).slice(1)).toEqual([
      [
        'cafe0001',
        '2026-11-21',
        'fatima01',
        FATIMA,
        'cochée sur la liste',
        'un animateur',
        '2026-11-21 14:00',
      ],
    ]);
    // The erased household is in no file, nor its contact details.
    for (const name of Object.values(CSV_FILE_NAMES)) {
      const text = fs.readFileSync(path.join(out, name), 'utf8');
      expect(text).not.toContain('gone0001');
      expect(text).not.toContain('07 00 00 00 00');
    }
  });

  it("without --with-contacts, and with ',', writes no contact column; the same after the server stopped", async () => {
    const { perimeterId } = await fillPerimeter();
    const running = tempDataDir();
    const stopped = tempDataDir();
    dirs.push(running, stopped);
    const args = (dir: string) => ['export-csv', perimeterId, dir, '--separator', ','];
    expect((await runAdmin(server!.dataDir, args(running))).code).toBe(0);
    const [header, ...foyers] = read(running, CSV_FILE_NAMES.households, ',');
    expect(header).toEqual(CSV_COLUMNS.households);
    expect(foyers.map((row) => row[1])).toEqual([FATIMA, `'${JEAN}`]);
    expect(fs.readFileSync(path.join(running, CSV_FILE_NAMES.households), 'utf8')).not.toContain('fatima@');

    for (const client of clients.splice(0)) client.destroy();
    // Stopped, its data directory kept (stopServer would remove it).
    const dataDir = server!.dataDir;
    dirs.push(dataDir);
    await server!.stop();
    server = undefined;
    expect((await runAdmin(dataDir, args(stopped))).code).toBe(0);
    for (const name of Object.values(CSV_FILE_NAMES)) {
      expect(fs.readFileSync(path.join(stopped, name), 'utf8')).toBe(
        fs.readFileSync(path.join(running, name), 'utf8'),
      );
    }
  });

  it('is listed by help; refuses an unknown perimeter, a missing directory argument and another separator', async () => {
    const dataDir = tempDataDir();
    const out = path.join(dataDir, 'out');
    dirs.push(dataDir);
    expect((await runAdmin(dataDir, ['help'])).output).toContain(
      '  export-csv <perimeter> <dir> [--with-contacts]',
    );
    const unknown = await runAdmin(dataDir, ['export-csv', 'nowhere01', out]);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('no perimeter "nowhere01"');
    expect(fs.existsSync(out)).toBe(false);
    const missing = await runAdmin(dataDir, ['export-csv', 'nowhere01']);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/export-csv needs <perimeter> <dir>[\s\S]*Usage/);
    const tab = await runAdmin(dataDir, ['export-csv', 'nowhere01', out, '--separator', '\t']);
    expect(tab.code).toBe(1);
    expect(tab.output).toContain("--separator takes ';' or ','");
  });
});
