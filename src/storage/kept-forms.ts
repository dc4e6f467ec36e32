/**
 * Forms kept while they are typed: what someone wrote in a form and has not sent yet (a café being
 * planned, a proposal, a micro-project, a local idea, a session to open, a new perimeter), kept on
 * this device so that a reload, a browser killed by the tablet or a phone that ran out of battery
 * loses nothing. The form's own state is the source of truth while it is open; this is its copy on
 * disk, read once when the form opens again, and deleted once the form is sent or thrown away.
 *
 * Each form is one row of the device's `settings` table, `keptForm/<scope>/<form>` (no index, so no
 * schema step), its value the fields as JSON. `scope` is the perimeter's id, so forgetting a
 * perimeter forgets its forms (workspace/forget-perimeter.ts deletes every setting naming it), or
 * `device` for a form that belongs to no perimeter yet. A form that holds one household's words is
 * named with that household's id (`proposal/<household>`), so a shared tablet shows them to that
 * household only, as the sign-up drafts do (drafts.ts).
 *
 * Never a secret: a passphrase or a credential typed in a form is not kept (the export's and
 * import's passphrases, a joining code).
 */
import * as z from 'zod/mini';
import type { DeviceDb } from './device-db';

/** A form's fields as kept: each one text, or a list of texts (ticked ids, places, names). */
export type KeptFields = Record<string, string | string[]>;

const keptFieldsSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** One form's copy on this device. Each call is durable when it resolves (strict writes). */
export interface KeptForm {
  /** The fields last kept, or undefined when none are (or when what is there cannot be read). */
  read(): Promise<KeptFields | undefined>;
  /** Replaces the fields kept. */
  keep(fields: KeptFields): Promise<void>;
  /** Forgets the form: it was sent, or thrown away. */
  discard(): Promise<void>;
}

/** The setting's key of form `form` in `scope` (a perimeter's id, or `device`). */
export const keptFormKey = (scope: string, form: string) => `keptForm/${scope}/${form}` as const;

/**
 * The kept forms of one scope: a perimeter's id, or `device` for the forms of no perimeter.
 * `form` names the form, with the household's id in it when it holds that household's words.
 */
export function keptFormStore(device: DeviceDb, scope: string) {
  return (form: string): KeptForm => {
    const key = keptFormKey(scope, form);
    return {
      async read() {
        const row = await device.settings.get(key);
        if (!row) return undefined;
        try {
          const parsed = keptFieldsSchema.safeParse(JSON.parse(row.value));
          return parsed.success ? parsed.data : undefined;
        } catch {
          // Not JSON: written by no version of this app; the form opens empty rather than failing.
          return undefined;
        }
      },
      async keep(fields) {
        await device.settings.put({ key, value: JSON.stringify(fields) });
      },
      discard: () => device.settings.delete(key),
    };
  };
}
