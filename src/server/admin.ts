/**
 * `npm run admin -- <command>`: perimeters, facilitator invitations, imports and the association's
 * CSV export (csv-files.ts), on the same data directory as the server, whether it runs or not. SQLite in WAL mode lets both write
 * tissage.sqlite; an import goes through the running server when there is one, since the server
 * holds loaded documents in memory and would overwrite a document changed behind its back.
 *
 * An export's passphrase never goes on the command line, where the process list and the shell
 * history would show it: it is typed at a prompt that does not echo, or piped on standard input.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { read } from 'read';
import qrcode from 'qrcode-terminal';
import { type ExportRefusal, MAX_EXPORT_FILE_CHARS, decryptExport, toBase64 } from '../domain';
import { type AdminAccess, readAdminAccess } from './admin-access';
import { DEFAULT_PORT, configFromEnv, publicUrlOf } from './config';
import {
  type ImportData,
  type ImportFailure,
  type ImportSummary,
  importIntoDataDir,
  parseImport,
} from './import';
import { ServerStore } from './store';
import { writePerimeterCsv } from './csv-files';
import { CSV_SEPARATORS, type CsvSeparator } from '../domain/csv-export';

const USAGE = `Usage: npm run admin -- <command>
  create-perimeter --name "<name>"                create a perimeter and print a facilitator invitation
  invite --perimeter <id>                         print another facilitator invitation
  list                                            list perimeters
  import --file <export>                          merge a device's export file into this server; its
                                                  passphrase is asked for (not shown as typed), or
                                                  read from standard input when piped
  export-csv <perimeter> <dir> [--with-contacts] [--separator ';'|',']
                                                  write the association's CSV files (foyers, reponses,
                                                  liens, cafes, presences) into <dir>; contact details
                                                  only with --with-contacts, and only of households
                                                  that consented
  help                                            show this list`;

const PASSPHRASE_FLAG_REFUSED =
  '--passphrase is refused: a passphrase on the command line shows in the process list and the shell history. ' +
  'Run the import without it and type the passphrase when asked, or pipe it on standard input ' +
  '(for example from a password manager).';

/** Longest passphrase read from standard input; a longer line is not a passphrase. */
const MAX_PASSPHRASE_CHARS = 1024;

/** What the administrator is told when decryptExport refuses the file. */
const REFUSALS: Record<ExportRefusal, string> = {
  'not-an-export':
    'not a Tissage export file, or one with parameters this app never writes (key derivation cost, sizes, algorithms)',
  'newer-version': 'an export of a newer version of Tissage: update this server first',
  'wrong-passphrase': 'wrong passphrase, or the file was damaged',
  'invalid-content': 'it opens, but what it holds is not a valid export of the perimeter it names',
};

const config = configFromEnv();
const publicUrl = publicUrlOf(config, config.port || DEFAULT_PORT);

process.exitCode = await main();

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        perimeter: { type: 'string' },
        file: { type: 'string' },
        passphrase: { type: 'string' },
        'with-contacts': { type: 'boolean' },
        separator: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  const command = values.help ? 'help' : positionals[0];
  switch (command) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'create-perimeter': {
      const name = values.name?.trim();
      if (!name) return usageError('create-perimeter needs --name "<name>"');
      return withStore((store) => {
        const perimeter = store.createPerimeter(name);
        console.log(`Perimeter "${perimeter.name}" created: ${perimeter.id}`);
        printInvitation(store, perimeter.id);
        return 0;
      });
    }
    case 'invite':
      return withStore((store) => {
        const perimeter = values.perimeter === undefined ? undefined : store.perimeter(values.perimeter);
        if (!perimeter)
          return usageError('invite needs --perimeter <id> of an existing perimeter (see `list`)');
        console.log(`Perimeter "${perimeter.name}" (${perimeter.id})`);
        printInvitation(store, perimeter.id);
        return 0;
      });
    case 'list':
      return withStore((store) => {
        const perimeters = store.perimeters();
        if (perimeters.length === 0) console.log('No perimeter yet: create-perimeter --name "<name>"');
        for (const p of perimeters) {
          console.log(
            `${p.id}  ${p.name}  (created ${p.createdAt}; ${p.facilitators} facilitator credential(s), ${p.openInvitations} open invitation(s))`,
          );
        }
        return 0;
      });
    case 'import': {
      if (values.passphrase !== undefined) return fail(PASSPHRASE_FLAG_REFUSED);
      if (values.file === undefined) return usageError('import needs --file <export>');
      const passphrase = await readPassphrase();
      if (!passphrase) return fail("import needs the export's passphrase: none was typed or piped");
      return importFile(values.file, passphrase);
    }
    case 'export-csv': {
      const [, perimeterId, dir] = positionals;
      if (perimeterId === undefined || dir === undefined)
        return usageError('export-csv needs <perimeter> <dir>');
      const separator = values.separator ?? ';';
      if (!(CSV_SEPARATORS as readonly string[]).includes(separator))
        return usageError(`--separator takes ';' or ',', not "${separator}"`);
      return exportCsvFiles(perimeterId, dir, values['with-contacts'] ?? false, separator as CsvSeparator);
    }
    default:
      return usageError(command === undefined ? 'no command' : `unknown command "${command}"`);
  }
}

/**
 * The passphrase, from a prompt with echo off when standard input is a terminal, otherwise the
 * first line piped on standard input. Empty when none was given.
 */
async function readPassphrase(): Promise<string> {
  if (process.stdin.isTTY) {
    // `read` mutes the terminal's echo (mute-stream), so the passphrase never shows on screen.
    return read({
      prompt: 'Passphrase of the export file (not shown as you type): ',
      silent: true,
      replace: '',
      output: process.stderr,
    }).catch(() => '');
  }
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > MAX_PASSPHRASE_CHARS) break;
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > MAX_PASSPHRASE_CHARS ? '' : line;
}

async function importFile(file: string, passphrase: string): Promise<number> {
  let content: unknown;
  try {
    // Checked before reading: the file is chosen by whoever wrote it.
    if (fs.statSync(file).size > MAX_EXPORT_FILE_CHARS)
      return fail(`cannot open ${file}: ${REFUSALS['not-an-export']}`);
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  const decrypted = await decryptExport(content, passphrase);
  if (!decrypted.ok) return fail(`cannot open ${file}: ${REFUSALS[decrypted.refusal]}`);
  const { payload } = decrypted;
  const body = { ...payload, document: toBase64(payload.document) };
  const data = parseImport(body);
  if (!data) return fail(`${file} opens, but what it holds is not a valid export`);

  const access = readAdminAccess(config.dataDir);
  let result: ImportSummary | ImportFailure;
  if (access && (await answers(access))) {
    console.log(`Importing through the server running at ${access.url}…`);
    const imported = await importThroughServer(access, body);
    if (typeof imported === 'number') return imported;
    result = imported;
  } else if (access && isRunning(access.pid)) {
    return fail(
      `the server (process ${access.pid}) holds ${config.dataDir} but does not answer at ${access.url}: ` +
        'wait for it, or stop it, and import again',
    );
  } else {
    console.log(`No server running on ${config.dataDir}: importing into its databases directly…`);
    result = await importIntoDataDir(config.dataDir, data);
  }
  return report(data, result);
}

async function exportCsvFiles(
  perimeterId: string,
  dir: string,
  withContacts: boolean,
  separator: CsvSeparator,
): Promise<number> {
  const written = await writePerimeterCsv(config.dataDir, { perimeterId, dir, withContacts, separator });
  if (written === 'unknown-perimeter')
    return usageError(`export-csv: no perimeter "${perimeterId}" on this server (see \`list\`)`);
  for (const { file, rows } of written) console.log(`${file}: ${rows} row(s)`);
  console.log(
    withContacts
      ? 'These files hold personal data, contact details of consenting households included: keep them private.'
      : 'These files hold personal data (names): keep them private. No contact details (see --with-contacts).',
  );
  return 0;
}

async function answers(access: AdminAccess): Promise<boolean> {
  try {
    return (await fetch(`${access.url}/health`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

async function importThroughServer(
  access: AdminAccess,
  body: object,
): Promise<ImportSummary | ImportFailure | number> {
  const response = await fetch(`${access.url}/api/admin/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${access.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as { error?: string };
  if (response.ok) return answer as ImportSummary;
  if (answer.error === 'other-perimeter' || answer.error === 'refused') return answer.error;
  return fail(`the server refused the import: ${response.status} ${answer.error ?? ''}`.trim());
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function report(data: ImportData, result: ImportSummary | ImportFailure): number {
  if (result === 'other-perimeter') {
    return fail(
      `the export's document does not belong to perimeter ${data.perimeterId}: its perimeter record is missing, ` +
        'names another perimeter, or is not the one this server holds for it. Nothing was imported.',
    );
  }
  if (result === 'refused') {
    return fail(
      "the export's document cannot be merged: it does not continue what the server holds, or holds records of the wrong shape",
    );
  }
  const { households, answers, contacts } = result;
  console.log(
    `Imported into "${result.perimeterName}" (${result.perimeterId})${result.created ? ', a perimeter new to this server' : ''}:\n` +
      `  households: ${households.total} (${households.changed} new or changed)\n` +
      `  answers: ${answers.total} (${answers.changed} new or changed)\n` +
      `  contacts: ${contacts.total} in the file (${contacts.changed} new or changed)` +
      (contacts.ignored > 0
        ? `\n  ${contacts.ignored} contact(s) of households not in this perimeter: ignored`
        : ''),
  );
  // The perimeter's facilitators hold credentials of another server: they need an invitation here.
  if (result.created) withStore((store) => printInvitation(store, result.perimeterId));
  return 0;
}

function withStore<T>(use: (store: ServerStore) => T): T {
  const store = ServerStore.open(config.dataDir);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

function printInvitation(store: ServerStore, perimeterId: string): void {
  const { code, expiresAt } = store.createInvitation(perimeterId);
  const link = `${publicUrl}/#/join/${code}`;
  console.log(`\nFacilitator invitation (one use, valid until ${expiresAt}):\n${link}\n`);
  qrcode.generate(link, { small: true });
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

function usageError(message: string): number {
  return fail(`${message}\n\n${USAGE}`);
}
