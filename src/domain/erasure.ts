/**
 * A household's rights over what Tissage keeps about it (issue 13, must-haves 4 and 5): erasure
 * (GDPR art. 17), its own data as a JSON export (art. 15 access, art. 20 portability), and the
 * retention rule that lists households that never came back (art. 5(1)(e) storage limitation).
 *
 * Pure: every function reads the shared document through `RecordSource` (a Y.Doc's maps on the
 * server and on devices, plain maps in tests) and returns plain values.
 *
 * How an erasure is written, and why:
 * - the public profile is **overwritten** by an erased marker (`erasedProfile`): the key stays, so
 *   ids that other records hold (witnesses, a session's present list) still name a household, and
 *   links.ts `activeHousehold` leaves it out of every match, link and count;
 * - the household's answers, choices (its own and the other side's about it), café presences,
 *   project memberships and proposals (with the decisions under their keys) are **deleted** from
 *   their maps (Yjs map deletes), not overwritten by a "cleared" record: a delete leaves no value
 *   at all once Yjs garbage-collects it, devices' read models already drop deleted answers, and no
 *   reader needs a cleared form. Deleting is not a right any device has: the sync server's rights
 *   check refuses deletes from devices, and only the server writes an erasure, as its own change
 *   (server/erasure route), so `rights.ts` and `validRecord` stay as they are;
 * - the household's credentials in the shared document are overwritten as revoked.
 * What stays: the household's id (in keys and others' records), the micro-projects it started
 * (other members may belong to them; their name and next step are the group's, not personal), and
 * local ideas that a facilitator accepted from its proposals (they are the perimeter's ideas now).
 */
import * as z from 'zod/mini';
import type { SharedMapName } from './records';
import {
  CREDENTIALS_MAP,
  parseAttendanceKey,
  parseAnswerKey,
  parseChoiceKey,
  parseMembershipKey,
  parseProjectKey,
  parseProposalKey,
} from './records';
import {
  answerSchema,
  attendanceSchema,
  choiceSchema,
  householdCredentialSchema,
  householdSchema,
  membershipSchema,
  projectSchema,
  proposalDecisionSchema,
  proposalSchema,
  type Household,
} from './schemas';

/** Read access to the shared document's maps: each map's entries as stored (unchecked values). */
export interface RecordSource {
  entries(map: SharedMapName): Iterable<readonly [string, unknown]>;
  get(map: SharedMapName, key: string): unknown;
}

/** A RecordSource over plain maps (tests, and callers that hold records outside Yjs). */
export function recordSourceOf(
  maps: Partial<Record<SharedMapName, ReadonlyMap<string, unknown>>>,
): RecordSource {
  return {
    entries: (map) => maps[map]?.entries() ?? [],
    get: (map, key) => maps[map]?.get(key),
  };
}

/** The neutral text that replaces an erased household's name and place (passes `householdSchema`). */
export const ERASED_TEXT = '-';

/**
 * The erased marker that replaces a profile: same id, sign-up date, session and founding flag
 * (facts about the perimeter, not about the person), every personal field neutral, no witnesses,
 * no consent to share, and `erasedAt`. Passes `householdSchema` and `validRecord`.
 */
export function erasedProfile(profile: Household, erasedAt: string): Household {
  return {
    id: profile.id,
    name: ERASED_TEXT,
    place: ERASED_TEXT,
    languages: [],
    joinedAt: profile.joinedAt,
    sessionId: profile.sessionId,
    witnesses: [],
    founding: profile.founding,
    consent: { dataUse: true, shareContact: false, at: erasedAt },
    erasedAt,
  };
}

/** One write of an erasure: a set (the erased marker, a revoked credential) or a delete. */
export type ErasureWrite =
  | { map: SharedMapName; key: string; op: 'set'; value: unknown }
  | { map: SharedMapName; key: string; op: 'delete' };

/**
 * The writes that erase `householdIds` from the document, at `erasedAt` (ISO 8601). Households not
 * in `profiles`, or already erased, are skipped (erasing twice changes nothing). Records are found
 * by the household id in their key (records.ts key layouts), credentials by their `householdId`.
 */
export function erasureWrites(
  source: RecordSource,
  householdIds: Iterable<string>,
  erasedAt: string,
): ErasureWrite[] {
  const erased = new Set<string>();
  const writes: ErasureWrite[] = [];
  for (const id of householdIds) {
    const profile = householdSchema.safeParse(source.get('profiles', id));
    if (!profile.success || profile.data.erasedAt !== undefined) continue;
    erased.add(id);
    writes.push({ map: 'profiles', key: id, op: 'set', value: erasedProfile(profile.data, erasedAt) });
  }
  if (erased.size === 0) return writes;
  const concerns: [SharedMapName, (key: string) => boolean][] = [
    ['answers', (key) => erased.has(parseAnswerKey(key)?.householdId ?? '')],
    [
      'choices',
      (key) => {
        const ids = parseChoiceKey(key);
        return ids !== undefined && (erased.has(ids.ownerId) || erased.has(ids.otherId));
      },
    ],
    ['attendance', (key) => erased.has(parseAttendanceKey(key)?.householdId ?? '')],
    ['memberships', (key) => erased.has(parseMembershipKey(key)?.householdId ?? '')],
    ['proposals', (key) => erased.has(parseProposalKey(key)?.householdId ?? '')],
    ['proposalDecisions', (key) => erased.has(parseProposalKey(key)?.householdId ?? '')],
  ];
  for (const [map, concerned] of concerns) {
    for (const [key] of source.entries(map)) if (concerned(key)) writes.push({ map, key, op: 'delete' });
  }
  for (const [key, value] of source.entries(CREDENTIALS_MAP)) {
    const credential = householdCredentialSchema.safeParse(value);
    if (!credential.success || !erased.has(credential.data.householdId) || credential.data.revoked) continue;
    writes.push({ map: CREDENTIALS_MAP, key, op: 'set', value: { ...credential.data, revoked: true } });
  }
  return writes;
}

/** What an erasure did (the server's answer): the households erased now, and when (ISO 8601). */
export interface Erasure {
  erased: string[];
  erasedAt: string;
}

/** Credential ids of the document that belong to `householdId` (revoked or not). */
export function credentialIdsOf(source: RecordSource, householdId: string): string[] {
  const ids: string[] = [];
  for (const [key, value] of source.entries(CREDENTIALS_MAP)) {
    const credential = householdCredentialSchema.safeParse(value);
    if (credential.success && credential.data.householdId === householdId) ids.push(key);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// The household's own data (GDPR art. 15 and 20)
// ---------------------------------------------------------------------------------------------

/** The export's format name and version: a reader refuses a format or version it does not know. */
export const HOUSEHOLD_EXPORT_FORMAT = 'tissage-household-data';
export const HOUSEHOLD_EXPORT_VERSION = 2;

/** Where the format is described for a person reading the file: the project's README section. */
export const HOUSEHOLD_EXPORT_DOCUMENTATION =
  'README.md de Tissage, section « Household data file » (#household-data-file)';

/**
 * Each field of the file in French words, carried in the file (`description`): the household reads
 * its file without the code (GDPR art. 12: intelligible, in clear and plain language).
 */
export const HOUSEHOLD_EXPORT_DESCRIPTION = {
  format: 'Nom du format de ce fichier',
  version: 'Version du format',
  documentation: 'Où le format est expliqué',
  description: 'Ce que veut dire chaque partie du fichier',
  exportedAt: 'Date et heure du téléchargement',
  perimeterId: 'Numéro du quartier dans Tissage',
  householdId: 'Numéro du foyer dans Tissage',
  profile: 'Inscription du foyer : nom, rue ou bâtiment, langues, accord pour partager ses coordonnées',
  answers: 'Réponses du foyer aux idées (je propose, je cherche…)',
  choices: 'Choix du foyer pour entrer en contact avec des voisins',
  choicesAboutIt: 'Choix des voisins pour entrer en contact avec le foyer',
  attendance: 'Venues du foyer aux Cafés-Rencontres',
  memberships: 'Projets avec des voisins auxquels le foyer participe',
  proposals: 'Idées proposées par le foyer',
  projects: 'Projets lancés par le foyer',
  contact: 'Numéro de téléphone, e-mail et appartement gardés à part',
  contactFrom: 'D’où vient le numéro : du serveur, ou de la copie gardée sur la tablette',
  ideaTitles: 'Le titre de chaque idée, par son numéro',
  names: 'Le nom des voisins que le foyer voit dans Tissage, par leur numéro',
} as const;

/** Contact details the server keeps (absent fields: none kept). */
export const exportedContactSchema = z.object({
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  flat: z.optional(z.string()),
  /** What the household shares with linked neighbours (contact-sharing.ts), if it ever chose. */
  share: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});
export type ExportedContact = z.infer<typeof exportedContactSchema>;

/**
 * Everything Tissage keeps about one household, version 1. A JSON object:
 * - `format`: "tissage-household-data"; `version`: 1; `exportedAt`: ISO 8601 date-time;
 * - `perimeterId`, `householdId`;
 * - `profile`: its public profile as every neighbour sees it (schemas.ts `householdSchema`), or
 *   null if the document holds none;
 * - `answers`: its answers, `{ ideaId, value, at }` (value: one of ANSWER_VALUES);
 * - `choices`: its own choices about links, `{ otherId, ideaId, value, at, by }`;
 * - `choicesAboutIt`: other households' choices about a link with it, same shape with `ownerId`,
 *   except "not now": a household never learns a neighbour said it (links.ts), and a copy of its
 *   data must not adversely affect the rights and freedoms of others (GDPR art. 15(4));
 * - `attendance`: its presences at cafés, `{ cafeId, present, how, by, at }`;
 * - `memberships`: its project memberships, `{ projectKey, member, by, at }`;
 * - `proposals`: the ideas it proposed, `{ proposalId, ...proposal, decision }` (decision: the
 *   facilitator's, or null while pending);
 * - `projects`: the micro-projects it started, `{ projectId, ...project }`;
 * - `contact`: the contact details the server keeps (server only: GET /api/own-data/<household>),
 *   or, without network on a facilitator's tablet, the copy that tablet keeps; null otherwise;
 * - `contactFrom` (version 2): 'server', 'device' (that tablet's copy, `updatedAt` its date) or null;
 * - `documentation` (version 2): where this format is described (README.md, "Household data file");
 * - `description` (version 2): each top-level field in French words;
 * - `ideaTitles` (version 2): `{ ideaId: title }` for the ideas the lists name, when known;
 * - `names` (version 2): `{ householdId: display name }` for the neighbours the household itself
 *   sees in Tissage: those of its own choices, and those who chose about it except by "not now"
 *   (which a household never learns, links.ts); never erased households.
 * Dates are ISO 8601 (RFC 3339) strings. A later version adds fields or changes their meaning and
 * says so here; readers refuse a version they do not know. Version 1 had no `documentation`,
 * `description`, `contactFrom`, `ideaTitles` nor `names`.
 */
export const householdExportSchema = z.object({
  format: z.literal(HOUSEHOLD_EXPORT_FORMAT),
  version: z.literal(HOUSEHOLD_EXPORT_VERSION),
  documentation: z.string(),
  description: z.record(z.string(), z.string()),
  exportedAt: z.string(),
  perimeterId: z.string(),
  householdId: z.string(),
  profile: z.nullable(householdSchema),
  answers: z.array(z.extend(answerSchema, { ideaId: z.string() })),
  choices: z.array(z.extend(choiceSchema, { otherId: z.string(), ideaId: z.string() })),
  choicesAboutIt: z.array(z.extend(choiceSchema, { ownerId: z.string(), ideaId: z.string() })),
  attendance: z.array(z.extend(attendanceSchema, { cafeId: z.string() })),
  memberships: z.array(z.extend(membershipSchema, { projectKey: z.string() })),
  proposals: z.array(
    z.extend(proposalSchema, { proposalId: z.string(), decision: z.nullable(proposalDecisionSchema) }),
  ),
  projects: z.array(z.extend(projectSchema, { projectId: z.string() })),
  contact: z.nullable(exportedContactSchema),
  contactFrom: z.nullable(z.enum(['server', 'device'])),
  ideaTitles: z.record(z.string(), z.string()),
  names: z.record(z.string(), z.string()),
});
export type HouseholdExport = z.infer<typeof householdExportSchema>;

/**
 * Builds the export of `householdId` (see `householdExportSchema`). Records of the wrong shape are
 * left out (the document's rights check keeps them out anyway). `contact`: what the server keeps,
 * or null on a device. Lists are sorted by key, so the same document gives the same file.
 */
export function householdExport(
  source: RecordSource,
  perimeterId: string,
  householdId: string,
  exportedAt: string,
  contact: ExportedContact | null = null,
): HouseholdExport {
  const profile = householdSchema.safeParse(source.get('profiles', householdId));
  const rows = <T, R>(
    map: SharedMapName,
    schema: z.ZodMiniType<T>,
    pick: (key: string, record: T) => R | undefined,
  ): R[] => {
    const out: [string, R][] = [];
    for (const [key, value] of source.entries(map)) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) continue;
      const row = pick(key, parsed.data);
      if (row !== undefined) out.push([key, row]);
    }
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  };
  return {
    format: HOUSEHOLD_EXPORT_FORMAT,
    version: HOUSEHOLD_EXPORT_VERSION,
    documentation: HOUSEHOLD_EXPORT_DOCUMENTATION,
    description: { ...HOUSEHOLD_EXPORT_DESCRIPTION },
    exportedAt,
    perimeterId,
    householdId,
    profile: profile.success ? profile.data : null,
    answers: rows('answers', answerSchema, (key, answer) => {
      const ids = parseAnswerKey(key);
      return ids?.householdId === householdId ? { ideaId: ids.ideaId, ...answer } : undefined;
    }),
    choices: rows('choices', choiceSchema, (key, choice) => {
      const ids = parseChoiceKey(key);
      return ids?.ownerId === householdId
        ? { otherId: ids.otherId, ideaId: ids.ideaId, ...choice }
        : undefined;
    }),
    choicesAboutIt: rows('choices', choiceSchema, (key, choice) => {
      const ids = parseChoiceKey(key);
      return ids?.otherId === householdId && choice.value !== 'not-now'
        ? { ownerId: ids.ownerId, ideaId: ids.ideaId, ...choice }
        : undefined;
    }),
    attendance: rows('attendance', attendanceSchema, (key, presence) => {
      const ids = parseAttendanceKey(key);
      return ids?.householdId === householdId ? { cafeId: ids.cafeId, ...presence } : undefined;
    }),
    memberships: rows('memberships', membershipSchema, (key, membership) => {
      const ids = parseMembershipKey(key);
      return ids?.householdId === householdId ? { projectKey: ids.projectKey, ...membership } : undefined;
    }),
    proposals: rows('proposals', proposalSchema, (key, proposal) => {
      const ids = parseProposalKey(key);
      if (ids?.householdId !== householdId) return undefined;
      const decision = proposalDecisionSchema.safeParse(source.get('proposalDecisions', key));
      return { proposalId: ids.proposalId, ...proposal, decision: decision.success ? decision.data : null };
    }),
    projects: rows('projects', projectSchema, (key, project) => {
      const ids = parseProjectKey(key);
      return ids?.ownerId === householdId ? { projectId: ids.projectId, ...project } : undefined;
    }),
    contact,
    contactFrom: contact ? 'server' : null,
    ideaTitles: {},
    names: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Retention (GDPR art. 5(1)(e))
// ---------------------------------------------------------------------------------------------

/** How long a household may show no activity before the facilitator is asked about it (months). */
export const DEFAULT_RETENTION_MONTHS = 24;

/** A household with no activity since `lastActivity` (ISO 8601), older than the retention limit. */
export interface DormantHousehold {
  householdId: string;
  name: string;
  lastActivity: string;
}

/**
 * The latest activity of each household not erased: the latest of its sign-up (`joinedAt`), its
 * answers, its café presences, its choices about links (its own, and others' about it: a link is
 * activity for both sides), its memberships and its proposals. Dates compared as ISO 8601 UTC
 * strings (`toISOString` form), which order as time does.
 */
export function lastActivities(source: RecordSource): Map<string, string> {
  const latest = new Map<string, string>();
  for (const [key, value] of source.entries('profiles')) {
    const profile = householdSchema.safeParse(value);
    if (profile.success && profile.data.id === key && profile.data.erasedAt === undefined)
      latest.set(key, profile.data.joinedAt);
  }
  const touch = (householdId: string | undefined, at: unknown) => {
    if (householdId === undefined || typeof at !== 'string') return;
    const current = latest.get(householdId);
    if (current !== undefined && at > current) latest.set(householdId, at);
  };
  const atOf = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as { at?: unknown }).at : undefined;
  for (const [key, value] of source.entries('answers')) touch(parseAnswerKey(key)?.householdId, atOf(value));
  for (const [key, value] of source.entries('choices')) {
    const ids = parseChoiceKey(key);
    touch(ids?.ownerId, atOf(value));
    touch(ids?.otherId, atOf(value));
  }
  for (const [key, value] of source.entries('attendance')) {
    if (typeof value === 'object' && value !== null && (value as { present?: unknown }).present === true)
      touch(parseAttendanceKey(key)?.householdId, atOf(value));
  }
  for (const [key, value] of source.entries('memberships'))
    touch(parseMembershipKey(key)?.householdId, atOf(value));
  for (const [key, value] of source.entries('proposals'))
    touch(parseProposalKey(key)?.householdId, atOf(value));
  return latest;
}

/** `now` minus `months` calendar months, in UTC (day clamped to the target month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  target.setUTCHours(now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds());
  return target;
}

/**
 * Households not erased whose last activity (`lastActivities`) is strictly before `now` minus
 * `months` (default 24), oldest first, for the facilitator to confirm and erase in one step.
 * @throws RangeError if `months` is not a positive integer.
 */
export function dormantHouseholds(
  source: RecordSource,
  now: Date,
  months: number = DEFAULT_RETENTION_MONTHS,
): DormantHousehold[] {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a positive integer');
  const limit = monthsBefore(now, months).toISOString();
  const dormant: DormantHousehold[] = [];
  for (const [householdId, lastActivity] of lastActivities(source)) {
    if (lastActivity >= limit) continue;
    const profile = householdSchema.safeParse(source.get('profiles', householdId));
    dormant.push({ householdId, name: profile.success ? profile.data.name : '', lastActivity });
  }
  return dormant.sort((a, b) =>
    a.lastActivity < b.lastActivity
      ? -1
      : a.lastActivity > b.lastActivity
        ? 1
        : a.householdId < b.householdId
          ? -1
          : 1,
  );
}
