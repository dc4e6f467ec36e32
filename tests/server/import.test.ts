/**
 * `npm run admin -- import`: an export file merged through the running server (connected devices
 * receive it) or, with no server running, straight into the data directory. The admin command runs
 * as its own process, as an administrator would run it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  type ExportFile,
  type ExportPayload,
  MAX_EXPORT_FILE_CHARS,
  encryptExport,
  householdCredentialId,
  toBase64,
} from '../../src/domain';
import { readAdminAccess } from '../../src/server/admin-access';
import { formatToken, newId, parseToken, sha256hex } from '../../src/server/tokens';
import { runAdmin, storedDocument } from './child-server';
import {
  type Client,
  type TestServer,
  answerOf,
  at,
  connect,
  facilitatorToken,
  perimeterRecord,
  postJson,
  profile,
  received,
  setAnswer,
  signUpHousehold,
  startServer,
  stopServer,
  synced,
  tempDataDir,
  waitUntil,
} from './helpers';

const PASSPHRASE = 'cheval correct agrafe';
let server: TestServer | undefined;
const clients: Client[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await stopServer(server);
  server = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function open(perimeterId: string, token: string): Client {
  const client = connect(server!.wsUrl, perimeterId, token);
  clients.push(client);
  return client;
}

/** An export file of `doc`, as a device writes it. */
async function exportFile(
  perimeterId: string,
  doc: Y.Doc,
  contacts: ExportPayload['contacts'] = [],
): Promise<string> {
  const dir = tempDataDir();
  dirs.push(dir);
  const file = path.join(dir, 'export.tissage');
  const payload = { perimeterId, exportedAt: at, document: Y.encodeStateAsUpdate(doc), contacts };
  fs.writeFileSync(file, JSON.stringify(await encryptExport(payload, PASSPHRASE)));
  return file;
}

/** `admin import` of `file`, its passphrase piped on standard input as a password manager would. */
const importing = (dataDir: string, file: string, passphrase = PASSPHRASE) =>
  runAdmin(dataDir, ['import', '--file', file], `${passphrase}\n`);

/** The counts the admin command printed, e.g. { households: [2, 1], ... } for "2 (1 new or changed)". */
function counts(output: string): Record<string, [number, number]> {
  const found: Record<string, [number, number]> = {};
  for (const [, name, total, changed] of output.matchAll(/(\w+): (\d+)[^(]*\((\d+) new or changed\)/g)) {
    found[name!] = [Number(total), Number(changed)];
  }
  return found;
}

describe('the admin command', () => {
  it('lists its commands on `help`, and refuses an unknown one', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const help = await runAdmin(dataDir, ['help']);
    expect(help.code).toBe(0);
    for (const command of ['create-perimeter', 'invite', 'list', 'import', 'help'])
      expect(help.output).toContain(`  ${command}`);
    const unknown = await runAdmin(dataDir, ['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/unknown command "frobnicate"[\s\S]*Usage/);
  });
});

describe('importing an export file', () => {
  it('through the running server: devices receive it; the same file again changes nothing', async () => {
    server = await startServer();
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    signUpHousehold(tablet, perimeterId, 'fatima01');
    setAnswer(tablet, 'fatima01', 'cuisine-part-en-plus', 'offer');
    await received(tablet);

    // Another tablet that never got its sign-up through: it exported instead.
    const stranded = new Y.Doc();
    Y.applyUpdate(stranded, Y.encodeStateAsUpdate(tablet.doc));
    stranded.transact(() => {
      stranded.getMap('profiles').set('jean0001', profile('jean0001', 'Jean'));
      stranded.getMap('answers').set('jean0001/cuisine-part-en-plus', { value: 'seek', at });
      stranded.getMap('answers').set('fatima01/cuisine-part-en-plus', { value: 'both', at });
    });
    const file = await exportFile(perimeterId, stranded, [
      { householdId: 'jean0001', phone: '06 11 22 33 44' },
    ]);

    const first = await importing(server.dataDir, file);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/through the server/);
    expect(counts(first.output)).toEqual({ households: [2, 1], answers: [2, 2], contacts: [1, 1] });
    await waitUntil(
      () => answerOf(tablet, 'jean0001', 'cuisine-part-en-plus') !== undefined,
      'import received',
    );
    expect(answerOf(tablet, 'fatima01', 'cuisine-part-en-plus')).toMatchObject({ value: 'both' });
    expect(storedDocument(server.dataDir, perimeterId).getMap('profiles').has('jean0001')).toBe(true);
    const contact = await fetch(`${server.url}/api/contacts/jean0001`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await contact.json()).toMatchObject({ phone: '06 11 22 33 44' });

    const again = await importing(server.dataDir, file);
    expect(again.code, again.output).toBe(0);
    expect(counts(again.output)).toEqual({ households: [2, 0], answers: [2, 0], contacts: [1, 0] });
  });

  it('into the data directory when no server runs, creating the perimeter; its client ids stay closed', async () => {
    const perimeterId = 'lilas-perimeter-1';
    const secret = newId();
    const credentialId = await householdCredentialId(secret, async (text) => sha256hex(text));
    const stranded = new Y.Doc();
    stranded.transact(() => {
      stranded.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
      stranded.getMap('profiles').set('fatima01', profile('fatima01', 'Fatima'));
      stranded.getMap('answers').set('fatima01/cuisine-part-en-plus', { value: 'offer', at });
      stranded.getMap('credentials').set(credentialId, {
        householdId: 'fatima01',
        secretHash: sha256hex(secret),
        issuedAt: at,
        revoked: false,
      });
    });
    const file = await exportFile(perimeterId, stranded);
    const dataDir = tempDataDir();
    dirs.push(dataDir);

    const wrong = await importing(dataDir, file, 'not the passphrase');
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/wrong passphrase/);
    const first = await importing(dataDir, file);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/No server running/);
    expect(first.output).toMatch(
      /"Quartier des Lilas" \(lilas-perimeter-1\), a perimeter new to this server/,
    );
    expect(first.output).toMatch(/Facilitator invitation .*\n.*\/#\/join\/[a-z2-7]{26}/);
    expect(counts(first.output)).toEqual({ households: [1, 1], answers: [1, 1], contacts: [0, 0] });
    const again = await importing(dataDir, file);
    expect(counts(again.output)).toEqual({ households: [1, 0], answers: [1, 0], contacts: [0, 0] });

    server = await startServer({ dataDir });
    const lookup = await fetch(`${server.url}/api/credentials/${credentialId}`);
    expect(await lookup.json()).toEqual({ perimeterId, householdId: 'fatima01' });
    const token = formatToken({ kind: 'household', perimeterId, credentialId, secret });
    // The exporting tablet's client id came with the import: nobody may continue it.
    const squatter = open(perimeterId, token);
    await synced(squatter);
    expect(answerOf(squatter, 'fatima01', 'cuisine-part-en-plus')).toMatchObject({ value: 'offer' });
    squatter.doc.clientID = stranded.clientID;
    setAnswer(squatter, 'fatima01', 'jardin-tonte', 'seek');
    await waitUntil(() => squatter.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(squatter.messages).toContainEqual({ type: 'rejected', reason: 'forbidden' });
    const phone = open(perimeterId, token);
    await synced(phone);
    setAnswer(phone, 'fatima01', 'jardin-tonte', 'seek');
    await received(phone);
    expect(phone.messages.filter((m) => m.type === 'rejected')).toEqual([]);
  });

  it('is open through the server only to the admin command of this machine', async () => {
    server = await startServer();
    const { perimeterId } = await facilitatorToken(server);
    const doc = new Y.Doc();
    doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    const body = { perimeterId, document: toBase64(Y.encodeStateAsUpdate(doc)), contacts: [] };
    const url = `${server.url}/api/admin/import`;
    const { key } = readAdminAccess(server.dataDir)!;
    const post = (headers: Record<string, string>, data: object = body) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(data),
      });

    expect((await postJson(url, body)).status).toBe(403);
    expect((await post({ Authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(403);
    // Through a reverse proxy on this machine, requests come from loopback too.
    expect((await post({ Authorization: `Bearer ${key}`, 'X-Forwarded-For': '203.0.113.7' })).status).toBe(
      403,
    );
    expect(
      (await post({ Authorization: `Bearer ${key}` }, { ...body, document: 'not base64!' })).status,
    ).toBe(400);
    const bare = new Y.Doc();
    bare.getMap('profiles').set('fatima01', profile('fatima01', 'Fatima'));
    const unclaimed = await post(
      { Authorization: `Bearer ${key}` },
      { ...body, document: toBase64(Y.encodeStateAsUpdate(bare)) },
    );
    expect(unclaimed.status).toBe(422);
    expect(await unclaimed.json()).toEqual({ error: 'other-perimeter' });
    const nested = new Y.Doc();
    nested.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    nested.getMap('answers').set('fatima01/cuisine-part-en-plus', new Y.Map());
    const refused = await post(
      { Authorization: `Bearer ${key}` },
      { ...body, document: toBase64(Y.encodeStateAsUpdate(nested)) },
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: 'refused' });
    const accepted = await post({ Authorization: `Bearer ${key}` });
    expect(await accepted.json()).toMatchObject({ perimeterId, created: false, households: { total: 0 } });

    await server.stop();
    expect(readAdminAccess(server.dataDir)).toBeUndefined();
  });
});

describe('an export file chosen by an attacker', () => {
  it('is refused before any work is spent on it: two billion iterations, or a file larger than any export', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const doc = new Y.Doc();
    doc.getMap('meta').set('perimeter', perimeterRecord('lilas-perimeter-1'));
    const file = await exportFile('lilas-perimeter-1', doc);
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportFile;
    fs.writeFileSync(
      file,
      JSON.stringify({ ...content, kdf: { ...content.kdf, iterations: 2_000_000_000 } }),
    );
    const costly = await importing(dataDir, file);
    expect(costly.code).toBe(1);
    expect(costly.output).toMatch(/parameters this app never writes/);
    // A sparse file: as large as claimed on disk, without writing it.
    const huge = path.join(dataDir, 'huge.tissage.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, MAX_EXPORT_FILE_CHARS + 1);
    const large = await importing(dataDir, huge);
    expect(large.code).toBe(1);
    expect(large.output).toMatch(/parameters this app never writes/);
  });
});

describe('the passphrase of an import', () => {
  it('is refused on the command line, where the process list and shell history would show it', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const doc = new Y.Doc();
    doc.getMap('meta').set('perimeter', perimeterRecord('lilas-perimeter-1'));
    const file = await exportFile('lilas-perimeter-1', doc);
    const flagged = await runAdmin(dataDir, ['import', '--file', file, '--passphrase', PASSPHRASE]);
    expect(flagged.code).toBe(1);
    expect(flagged.output).toMatch(/--passphrase is refused: .*process list and the shell history/);
    expect(flagged.output).not.toMatch(/Imported/);
    const none = await runAdmin(dataDir, ['import', '--file', file], '');
    expect(none.code).toBe(1);
    expect(none.output).toMatch(/needs the export's passphrase/);
  });

  it('is read at a prompt that does not show it, when run from a terminal', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const doc = new Y.Doc();
    doc.getMap('meta').set('perimeter', perimeterRecord('lilas-perimeter-1'));
    const file = await exportFile('lilas-perimeter-1', doc);
    // util-linux `script` runs the command on a pseudo-terminal: standard input is then a TTY,
    // and whatever the terminal would echo comes back in its output.
    const command = `'${process.execPath}' --import tsx src/server/admin.ts import --file '${file}'`;
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, TISSAGE_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Typed only once the prompt has switched the terminal's echo off, as a person would.
    await vi.waitFor(() => expect(output).toMatch(/Passphrase of the export file/), { timeout: 30_000 });
    child.stdin.write(`${PASSPHRASE}\r`);
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/Imported into "Quartier des Lilas"/);
    expect(output).not.toContain(PASSPHRASE);
    child.stdin.end();
  });
});

describe('an import reaches only the perimeter it claims', () => {
  /** Perimeter `name` on the running server, its tablet synced with a perimeter record. */
  async function perimeterWithTablet(
    name: string,
  ): Promise<{ perimeterId: string; token: string; tablet: Client }> {
    const { perimeterId, token } = await facilitatorToken(server!, name);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', { ...perimeterRecord(perimeterId), name });
    return { perimeterId, token, tablet };
  }

  const lookup = async (credentialId: string) =>
    (await fetch(`${server!.url}/api/credentials/${credentialId}`)).json();

  it('refuses an export of perimeter A re-labelled as B, through the server or into the data directory', async () => {
    server = await startServer();
    const a = await perimeterWithTablet('Quartier des Lilas');
    const b = await perimeterWithTablet('Résidence des Tilleuls');
    const fatimaToken = signUpHousehold(a.tablet, a.perimeterId, 'fatima01');
    const fatima = parseToken(fatimaToken)!;
    const revokedToken = signUpHousehold(a.tablet, a.perimeterId, 'jean0001');
    setAnswer(a.tablet, 'fatima01', 'cuisine-part-en-plus', 'offer');
    signUpHousehold(b.tablet, b.perimeterId, 'louise01');
    await received(a.tablet);
    await received(b.tablet);
    // Revoked through the API: only A's record of it says so.
    await postJson(
      `${server.url}/api/credentials/revoke`,
      { credentialId: parseToken(revokedToken)!.credentialId },
      a.token,
    );
    await postJson(
      `${server.url}/api/contacts`,
      { contacts: [{ householdId: 'louise01', phone: '06 00 00 00 01' }] },
      b.token,
    );

    const relabelled = await exportFile(b.perimeterId, a.tablet.doc, [
      { householdId: 'louise01', phone: '06 99 99 99 99' },
    ]);
    const through = await importing(server.dataDir, relabelled);
    expect(through.code).toBe(1);
    expect(through.output).toMatch(/does not belong to perimeter .*Nothing was imported/);

    // B is as it was: A's households are not valid there, B's contact is untouched.
    expect(b.tablet.doc.getMap('profiles').has('fatima01')).toBe(false);
    expect(storedDocument(server.dataDir, b.perimeterId).getMap('profiles').has('fatima01')).toBe(false);
    for (const token of [fatimaToken, revokedToken]) {
      const { credentialId, secret } = parseToken(token)!;
      const onB = open(
        b.perimeterId,
        formatToken({ kind: 'household', perimeterId: b.perimeterId, credentialId, secret }),
      );
      await waitUntil(() => onB.authFailure !== undefined, 'refused on B');
    }
    const contact = await fetch(`${server.url}/api/contacts/louise01`, {
      headers: { Authorization: `Bearer ${b.token}` },
    });
    expect(await contact.json()).toMatchObject({ phone: '06 00 00 00 01' });
    // A's households still find their perimeter and join it.
    expect(await lookup(fatima.credentialId)).toEqual({
      perimeterId: a.perimeterId,
      householdId: 'fatima01',
    });
    await synced(open(a.perimeterId, fatimaToken));

    // The same file with no server running, straight into the databases: refused too.
    const dataDir = server.dataDir;
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
    const direct = await importing(dataDir, relabelled);
    expect(direct.code).toBe(1);
    expect(direct.output).toMatch(/No server running[\s\S]*does not belong to perimeter/);
    expect(storedDocument(dataDir, b.perimeterId).getMap('profiles').has('fatima01')).toBe(false);
    server = await startServer({ dataDir });
    expect(await lookup(fatima.credentialId)).toEqual({
      perimeterId: a.perimeterId,
      householdId: 'fatima01',
    });
  });

  it("refuses a document whose perimeter record was rewritten to B's id, or that has none", async () => {
    server = await startServer();
    const a = await perimeterWithTablet('Quartier des Lilas');
    const b = await perimeterWithTablet('Résidence des Tilleuls');
    signUpHousehold(a.tablet, a.perimeterId, 'fatima01');
    await received(a.tablet);
    await received(b.tablet);

    // A's document, its perimeter record overwritten with B's id: not B's creation.
    const rewritten = new Y.Doc();
    Y.applyUpdate(rewritten, Y.encodeStateAsUpdate(a.tablet.doc));
    rewritten
      .getMap('meta')
      .set('perimeter', { ...perimeterRecord(b.perimeterId), createdAt: '2026-11-01T09:00:00.000Z' });
    const bare = new Y.Doc();
    bare.getMap('profiles').set('fatima01', profile('fatima01', 'Fatima'));
    for (const doc of [rewritten, bare]) {
      const result = await importing(server.dataDir, await exportFile(b.perimeterId, doc));
      expect(result.code, result.output).toBe(1);
      expect(result.output).toMatch(/does not belong to perimeter/);
    }
    expect(b.tablet.doc.getMap('profiles').has('fatima01')).toBe(false);
    expect(b.tablet.doc.getMap('meta').get('perimeter')).toMatchObject({ id: b.perimeterId });
  });

  it("keeps only contacts of the perimeter's households", async () => {
    server = await startServer();
    const a = await perimeterWithTablet('Quartier des Lilas');
    signUpHousehold(a.tablet, a.perimeterId, 'fatima01');
    await received(a.tablet);
    const file = await exportFile(a.perimeterId, a.tablet.doc, [
      { householdId: 'fatima01', phone: '06 11 22 33 44' },
      { householdId: 'stranger', phone: '06 55 55 55 55' },
    ]);
    const result = await importing(server.dataDir, file);
    expect(result.code, result.output).toBe(0);
    expect(counts(result.output)).toMatchObject({ contacts: [1, 1] });
    expect(result.output).toMatch(/1 contact\(s\) of households not in this perimeter: ignored/);
    const stranger = await fetch(`${server.url}/api/contacts/stranger`, {
      headers: { Authorization: `Bearer ${a.token}` },
    });
    expect(stranger.status).toBe(404);
  });
});
