/**
 * What the screens of a household's rights (issue 13, must-haves 4 and 5) are given on top of one
 * perimeter's runtime: the household's own data as this device's document holds it (live, so
 * offline too), the same with the contact details the server keeps (online only), its erasure,
 * and, for facilitators, the households that never came back and their erasure in one step.
 *
 * Every server call goes with this device's own credential (the `access` table): a household's
 * phone may ask only about itself, a facilitator's tablet about any household of the perimeter
 * (the server decides, server/erasure route). A device with no credential (a tablet on its own)
 * gets 'refused' without a call: the server would not know it.
 *
 * The erased household's own phone forgets the perimeter afterwards (forget-perimeter.ts); that
 * step closes the perimeter's runtime, so it is done by app-services.ts, which holds the runtimes.
 */
import { liveQuery } from 'dexie';
import {
  DEFAULT_RETENTION_MONTHS,
  type DormantHousehold,
  type Erasure,
  type ExportedContact,
  type HouseholdExport,
} from '../domain/erasure';
import type { DeviceDb } from '../storage/device-db';
import {
  type ServerAnswer,
  dormantOnDevice,
  fetchOwnData,
  ownDataOnDevice,
  requestErasure,
  requestErasures,
} from './erasure';
import { type Live, docLive } from './doc-live';
import type { PerimeterWorkspace } from './perimeter-workspace';

export interface RightsServicesDeps {
  perimeterId: string;
  device: DeviceDb;
  /** Base of the HTTP API. */
  http: string;
  /** The current time, ISO 8601. */
  now(): string;
  /** This perimeter's workspace, started if it was not. */
  workspace(): Promise<PerimeterWorkspace>;
}

/**
 * A household's own data with what the screen needs to show it in words: idea titles, the other
 * households' names it sees (`seenBy`), cafés' dates and places and projects' names, by id (erased or unknown ones
 * are absent: the screen then says so).
 */
export interface OwnDataView {
  data: HouseholdExport;
  ideas: Record<string, string>;
  names: Record<string, string>;
  cafes: Record<string, { date: string; place: string }>;
  projects: Record<string, string>;
}

/**
 * The households whose names the household of `data` sees in Tissage (domain/links.ts `LinkState`):
 * those it chose about, and those who chose about it (the export leaves out "not now", which a
 * household never learns).
 */
function seenBy(data: HouseholdExport): Set<string> {
  return new Set([
    ...data.choices.map((choice) => choice.otherId),
    ...data.choicesAboutIt.map((choice) => choice.ownerId),
  ]);
}

/** The view of `data` from the workspace's document: the words its ids stand for. */
function viewOf(w: PerimeterWorkspace, data: HouseholdExport): OwnDataView {
  const seen = seenBy(data);
  const ideas: Record<string, string> = {};
  const names: Record<string, string> = {};
  const cafes: Record<string, { date: string; place: string }> = {};
  const projects: Record<string, string> = {};
  const idea = (id: string | null) => {
    const found = id === null ? undefined : w.doc.idea(id);
    if (found && id !== null) ideas[id] = found.title;
  };
  const name = (id: string) => {
    const household = w.doc.household(id);
    if (household && household.erasedAt === undefined && seen.has(id)) names[id] = household.name;
  };
  for (const answer of data.answers) idea(answer.ideaId);
  for (const choice of data.choices) {
    idea(choice.ideaId);
    name(choice.otherId);
  }
  for (const choice of data.choicesAboutIt) {
    idea(choice.ideaId);
    name(choice.ownerId);
  }
  for (const presence of data.attendance) {
    const cafe = w.doc.map('cafes').get(presence.cafeId);
    if (cafe) cafes[presence.cafeId] = { date: cafe.date, place: cafe.place };
  }
  for (const membership of data.memberships) {
    const project = w.doc.map('projects').get(membership.projectKey);
    if (project) projects[membership.projectKey] = project.name;
  }
  for (const project of data.projects) idea(project.ideaId);
  return { data, ideas, names, cafes, projects };
}

/**
 * The household's data file (domain/erasure.ts `householdExportSchema`, version 2) from `view`:
 * the ideas' titles the lists name, and the names of the neighbours the household itself sees in
 * Tissage (`seenBy`): those of its own choices, and those who chose about it, except by "not now",
 * which is kept in the file without the neighbour's name (unless the household chose about that
 * neighbour too). `kept`: a facilitator's tablet's own copy of the
 * contact details, exported when the server's could not be asked (`contactFrom: 'device'`).
 */
export function exportFile(view: OwnDataView, kept?: ExportedContact): HouseholdExport {
  const { data, ideas, names } = view;
  const seen = seenBy(data);
  const visible = Object.fromEntries(Object.entries(names).filter(([id]) => seen.has(id)));
  const withKept = data.contact === null && kept !== undefined;
  return {
    ...data,
    ...(withKept ? { contact: kept, contactFrom: 'device' as const } : {}),
    ideaTitles: { ...data.ideaTitles, ...ideas },
    names: visible,
  };
}

/**
 * The file's name: `tissage-informations-<household's name, in plain letters>-<day>.json`, so that
 * two households' downloads, or two days', do not overwrite each other. `exportedAt`: ISO 8601.
 */
export function exportFileName(name: string, exportedAt: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `tissage-informations-${slug || 'foyer'}-${exportedAt.slice(0, 10)}.json`;
}

/** The rights part of one perimeter's services (see the file's header). */
export function rightsServices(deps: RightsServicesDeps) {
  const { perimeterId, device, http } = deps;
  const token = async () => (await device.access.get(perimeterId))?.token;
  const noCredential = { ok: false, reason: 'refused' } as const;
  const retentionKey = `retentionMonths/${perimeterId}` as const;
  /** A live value read from the document again after each of its changes. */
  const fromDoc = <T>(read: (w: PerimeterWorkspace) => T): Live<T> => docLive(deps.workspace, read);
  return {
    queries: {
      /**
       * Everything this device's document holds about `householdId` (domain/erasure.ts
       * `householdExport`, no contact details), again after each change; undefined when the
       * household is not in the document, or erased.
       */
      ownData: (householdId: string): Live<OwnDataView | undefined> =>
        fromDoc((w) => {
          const household = w.doc.household(householdId);
          if (!household || household.erasedAt !== undefined) return undefined;
          return viewOf(w, ownDataOnDevice(w.doc.doc, perimeterId, householdId, deps.now()));
        }),
      /**
       * The households with no answer, café presence, link, membership nor proposal since
       * `months` calendar months before `now` (domain/erasure.ts `dormantHouseholds`), oldest
       * first, again after each change of the document.
       * @throws RangeError (through the live value's error) if `months` is not a positive integer.
       */
      dormant: (months: number, now: () => Date): Live<DormantHousehold[]> =>
        fromDoc((w) => dormantOnDevice(w.doc.doc, now(), months)),
      /**
       * The copy of `householdId`'s contact details this device keeps (a facilitator's tablet, from
       * the sign-up or its last lookup: contacts.ts), with when it was written (ISO 8601, if known);
       * undefined when it keeps none. What "Mes informations" shows and exports without network.
       */
      keptContact: (householdId: string): Live<ExportedContact | undefined> =>
        liveQuery(async () => {
          const row = await device.contacts.get(householdId);
          if (row?.perimeterId !== perimeterId) return undefined;
          const { phone, email, flat, updatedAt } = row;
          return {
            ...(phone ? { phone } : {}),
            ...(email ? { email } : {}),
            ...(flat ? { flat } : {}),
            ...(updatedAt ? { updatedAt } : {}),
          };
        }),
      /** The retention time this tablet keeps for the perimeter, in months (24 until changed). */
      retentionMonths: (): Live<number> =>
        liveQuery(async () => {
          const months = Number((await device.settings.get(retentionKey))?.value);
          return Number.isInteger(months) && months >= 1 ? months : DEFAULT_RETENTION_MONTHS;
        }),
    },
    commands: {
      /** The household's data file from `view` and its name (`exportFile`, `exportFileName`). */
      ownDataFile: (view: OwnDataView, kept?: ExportedContact) => {
        const data = exportFile(view, kept);
        return { name: exportFileName(data.profile?.name ?? '', data.exportedAt), data };
      },
      /**
       * Keeps the retention time on this tablet (device-db.ts `Setting`).
       * @throws RangeError if `months` is not a positive integer.
       */
      setRetentionMonths: async (months: number): Promise<void> => {
        if (!Number.isInteger(months) || months < 1)
          throw new RangeError('months must be a positive integer');
        await device.settings.put({ key: retentionKey, value: String(months) });
      },
      /**
       * The household's data with the contact details the server keeps (GET /api/own-data),
       * its ids given words from this device's document.
       */
      fetchOwnData: async (householdId: string): Promise<ServerAnswer<OwnDataView>> => {
        const credential = await token();
        if (!credential) return noCredential;
        const answer = await fetchOwnData(http, credential, householdId);
        if (!answer.ok) return answer;
        return { ok: true, value: viewOf(await deps.workspace(), answer.value) };
      },
      /** A facilitator erases the dormant households it confirmed (POST /api/erasures). */
      eraseHouseholds: async (householdIds: readonly string[]): Promise<ServerAnswer<Erasure>> => {
        const credential = await token();
        return credential ? requestErasures(http, credential, householdIds) : noCredential;
      },
      /**
       * What became of an erasure of `householdId` whose answer did not come (lost on the way back,
       * or the wait ran out): the server is asked for the household's data (GET /api/own-data).
       * 'erased': the server says so (its profile is an erased marker, or the household's own
       * credential is refused as erased); 'kept': the server answered with the household's data,
       * nothing was erased; 'unknown': the server could not be asked (or refused to say).
       */
      erasureOutcome: async (householdId: string): Promise<'erased' | 'kept' | 'unknown'> => {
        const credential = await token();
        if (!credential) return 'unknown';
        const answer = await fetchOwnData(http, credential, householdId);
        if (answer.ok) return answer.value.profile?.erasedAt === undefined ? 'kept' : 'erased';
        return answer.reason === 'erased' ? 'erased' : 'unknown';
      },
      /** Erases one household (POST /api/erasure/<household>); see app-services.ts for its own phone. */
      eraseHousehold: async (householdId: string): Promise<ServerAnswer<Erasure>> => {
        const credential = await token();
        return credential ? requestErasure(http, credential, householdId) : noCredential;
      },
    },
  };
}
