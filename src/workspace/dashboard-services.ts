/**
 * What the facilitators' dashboard and impact report (issue 13, must-haves 1 to 3) are given on
 * top of one perimeter's runtime: the figures for a period, live from the document in memory, and
 * the association's CSV export. Both read the workspace's own indexes (the answer index and the
 * choice index the links screens keep, links-reader.ts `world`), never built again here.
 *
 * Offline: the figures and the export without contacts read the document on this device only.
 * With contacts, each consenting household's details are asked of the server as contacts.ts
 * `readContact` does (this device's copy when the server cannot be asked).
 *
 * The figures' code (domain/dashboard.ts, with the period's parser, domain/report-period.ts) is
 * imported when the dashboard first asks, and Papa Parse (domain/csv-export.ts) when an export
 * starts: neither the first screen nor the workspace loads them, nor does the dashboard's first
 * paint wait for Papa Parse.
 */
import type {
  DashboardFigures,
  DashboardInput,
  dashboardFigures as DashboardFiguresOf,
} from '../domain/dashboard';
import type { ReportPeriod } from '../domain/report-period';
import type { CsvContact, CsvFile, CsvSeparator } from '../domain/csv-export';
import type { Household } from '../domain/schemas';
import type { DeviceDb } from '../storage/device-db';
import { cafeRecords } from './cafe-services';
import { readContact } from './contacts';
import { type Live, docLive } from './doc-live';
import type { PerimeterWorkspace } from './perimeter-workspace';

export interface DashboardServicesDeps {
  perimeterId: string;
  device: DeviceDb;
  /** Base of the HTTP API. */
  http: string;
  now(): string;
  /** This perimeter's workspace, started if it was not. */
  workspace(): Promise<PerimeterWorkspace>;
}

/** What the facilitator chose for the CSV export. */
export interface CsvRequest {
  separator: CsvSeparator;
  /** Adds the consenting households' contact details (the facilitator ticked it). */
  contacts: boolean;
  /** Theme titles by id, as the screen's catalogue holds them (the id is written otherwise). */
  themeTitles: ReadonlyMap<string, string>;
}

/** The dashboard's input from the workspace's document and indexes in memory. */
export function dashboardInput(w: PerimeterWorkspace): DashboardInput | undefined {
  const perimeter = w.doc.perimeter();
  if (!perimeter || !w.doc.readable()) return undefined;
  return {
    perimeter,
    households: w.doc.map('profiles').values(),
    world: w.links.world(),
    records: cafeRecords(w.doc),
  };
}

/** The dashboard part of one perimeter's services (see the file's header). */
export function dashboardServices(deps: DashboardServicesDeps) {
  const { perimeterId, device, http } = deps;
  return {
    queries: {
      /**
       * The dashboard's figures for `period` (domain/dashboard.ts), again after each change of the
       * document; undefined while the document holds no perimeter (or a newer format). A period
       * domain/report-period.ts `parsePeriod` refuses is a RangeError (through `error`), never a
       * page of zeros: the screens parse what people type before they ask.
       */
      dashboard: (period: ReportPeriod): Live<DashboardFigures | undefined> =>
        docLive(
          async (): Promise<{
            doc: PerimeterWorkspace['doc'];
            w: PerimeterWorkspace;
            figuresOf: typeof DashboardFiguresOf;
          }> => {
            const [w, domain, { parsePeriod }] = await Promise.all([
              deps.workspace(),
              import('../domain/dashboard'),
              import('../domain/report-period'),
            ]);
            const parsed = parsePeriod(period.from, period.to);
            if (!parsed.ok)
              throw new RangeError(
                `refused period ${JSON.stringify(period)}: ${JSON.stringify(parsed.problems)}`,
              );
            return { doc: w.doc, w, figuresOf: domain.dashboardFigures };
          },
          ({ w, figuresOf }) => {
            const input = dashboardInput(w);
            return input && figuresOf(input, period);
          },
        ),
    },
    commands: {
      /** The association's five CSV files (domain/csv-export.ts `exportCsv`), one per table. */
      exportCsv: async (request: CsvRequest): Promise<CsvFile[]> => {
        const w = await deps.workspace();
        const { exportCsv } = await import('../domain/csv-export');
        const profiles = w.doc.map('profiles');
        const contacts = request.contacts
          ? await consentedContacts(profiles.entries(), (id) =>
              readContact({ device, http, perimeterId, now: deps.now }, id),
            )
          : undefined;
        return exportCsv(
          {
            profiles,
            answers: w.doc.map('answers'),
            choices: w.doc.map('choices'),
            records: cafeRecords(w.doc),
            idea: (id) => w.doc.idea(id),
            themeTitle: (id) => request.themeTitles.get(id),
          },
          { separator: request.separator, contacts, now: Date.parse(deps.now()) },
        );
      },
    },
  };
}

/**
 * The contact details of the active households that consented at sign-up: only theirs are asked
 * for (exportCsv writes no one else's anyway), a few at a time.
 */
async function consentedContacts(
  profiles: Iterable<[string, Household]>,
  read: (householdId: string) => Promise<{ contact: CsvContact | undefined }>,
): Promise<Map<string, CsvContact>> {
  const ids = [...profiles]
    .filter(([, h]) => h.erasedAt === undefined && h.consent.shareContact)
    .map(([id]) => id);
  const contacts = new Map<string, CsvContact>();
  const AT_ONCE = 6;
  for (let start = 0; start < ids.length; start += AT_ONCE) {
    const batch = ids.slice(start, start + AT_ONCE);
    const found = await Promise.all(batch.map(async (id) => [id, (await read(id)).contact] as const));
    for (const [id, contact] of found) if (contact) contacts.set(id, contact);
  }
  return contacts;
}
