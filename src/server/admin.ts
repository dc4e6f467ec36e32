/**
 * `npm run admin -- <command>`: perimeters and facilitator invitations, on the same data directory
 * as the server, whether it runs or not (SQLite in WAL mode takes care of the sharing).
 *
 *   create-perimeter --name "Quartier des Lilas"   a perimeter and its first invitation
 *   invite --perimeter <id>                         another facilitator invitation
 *   list                                            perimeters, facilitators, open invitations
 */
import { parseArgs } from 'node:util';
import qrcode from 'qrcode-terminal';
import { DEFAULT_PORT, configFromEnv, publicUrlOf } from './config';
import { ServerStore } from './store';

const USAGE = `Usage: npm run admin -- <command>
  create-perimeter --name "<name>"   create a perimeter and print a facilitator invitation
  invite --perimeter <id>            print another facilitator invitation
  list                               list perimeters`;

const config = configFromEnv();
const publicUrl = publicUrlOf(config, config.port || DEFAULT_PORT);
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, perimeter: { type: 'string' } },
});

const store = ServerStore.open(config.dataDir);
try {
  process.exitCode = run(positionals[0]);
} finally {
  store.close();
}

function run(command: string | undefined): number {
  switch (command) {
    case 'create-perimeter': {
      const name = values.name?.trim();
      if (!name) return fail('create-perimeter needs --name "<name>"');
      const perimeter = store.createPerimeter(name);
      console.log(`Perimeter "${perimeter.name}" created: ${perimeter.id}`);
      printInvitation(perimeter.id);
      return 0;
    }
    case 'invite': {
      const perimeter = values.perimeter === undefined ? undefined : store.perimeter(values.perimeter);
      if (!perimeter) return fail('invite needs --perimeter <id> of an existing perimeter (see `list`)');
      console.log(`Perimeter "${perimeter.name}" (${perimeter.id})`);
      printInvitation(perimeter.id);
      return 0;
    }
    case 'list': {
      const perimeters = store.perimeters();
      if (perimeters.length === 0) console.log('No perimeter yet: create-perimeter --name "<name>"');
      for (const p of perimeters) {
        console.log(
          `${p.id}  ${p.name}  (created ${p.createdAt}; ${p.facilitators} facilitator credential(s), ${p.openInvitations} open invitation(s))`,
        );
      }
      return 0;
    }
    default:
      return fail(command === undefined ? 'no command' : `unknown command "${command}"`);
  }
}

function printInvitation(perimeterId: string): void {
  const { code, expiresAt } = store.createInvitation(perimeterId);
  const link = `${publicUrl}/#/join/${code}`;
  console.log(`\nFacilitator invitation (one use, valid until ${expiresAt}):\n${link}\n`);
  qrcode.generate(link, { small: true });
}

function fail(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 1;
}
