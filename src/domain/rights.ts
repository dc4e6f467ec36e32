/**
 * Who may write what in a perimeter's shared document, and what a record must look like. The sync
 * server applies these to every incoming change; they rest on the flat layout of records.ts, where
 * the owner of a record is readable from its map name and key alone.
 *
 * What must stay true: a household can only ever write its own public profile, its own answers and
 * its own match choices (recorded as its own, never as a facilitator's), and in its profile only
 * what it shows to neighbours. At a Café-Rencontre (issue 12) it may also write its own presence
 * and project memberships (recorded as its own), its own proposed ideas and the micro-projects it
 * starts. Everything else (sessions, cafés, local ideas and the decisions on proposed ones,
 * retirements, credentials, the perimeter itself, who signed a household up and when) is the
 * facilitators' job.
 */
import type * as z from 'zod/mini';
import { FORMAT_VERSION_KEY, formatVersionSchema } from './format';
import {
  PERIMETER_KEY,
  SHARED_MAP_NAMES,
  type SharedMapName,
  parseAnswerKey,
  parseAttendanceKey,
  parseChoiceKey,
  parseMembershipKey,
  parseProjectKey,
  parseProposalKey,
} from './records';
import {
  type Household,
  MAX_PROJECTS_PER_HOUSEHOLD,
  MAX_PROPOSALS_PER_HOUSEHOLD,
  answerSchema,
  attendanceSchema,
  cafeSchema,
  choiceSchema,
  householdCredentialSchema,
  householdSchema,
  idSchema,
  localIdeaSchema,
  membershipSchema,
  perimeterSchema,
  projectSchema,
  proposalDecisionSchema,
  proposalSchema,
  retirementSchema,
  sessionSchema,
} from './schemas';

export type Actor = { kind: 'facilitator' } | { kind: 'household'; householdId: string };

const sharedMaps = new Set<string>(SHARED_MAP_NAMES);

function isSharedMap(map: string): map is SharedMapName {
  return sharedMaps.has(map);
}

export function canWrite(actor: Actor, map: string, key: string): boolean {
  if (actor.kind === 'facilitator') return isSharedMap(map);
  if (map === 'profiles') return key === actor.householdId;
  if (map === 'answers') return parseAnswerKey(key)?.householdId === actor.householdId;
  if (map === 'choices') return parseChoiceKey(key)?.ownerId === actor.householdId;
  if (map === 'attendance') return parseAttendanceKey(key)?.householdId === actor.householdId;
  if (map === 'proposals') return parseProposalKey(key)?.householdId === actor.householdId;
  if (map === 'projects') return parseProjectKey(key)?.ownerId === actor.householdId;
  if (map === 'memberships') return parseMembershipKey(key)?.householdId === actor.householdId;
  return false;
}

/** Set at sign-up by a facilitator: who the household is, and who vouched for it. */
const SIGN_UP_FIELDS = [
  'id',
  'joinedAt',
  'sessionId',
  'witnesses',
  'founding',
] as const satisfies readonly (keyof Household)[];

/**
 * Whether `actor` may replace the record's value now (`current()`, undefined when there is none;
 * read only when it matters) by `next`, under a key canWrite allows. A household's profile exists
 * from its sign-up on; the household itself may then change its name, place, languages and
 * consent, not the fields of SIGN_UP_FIELDS. A choice says who recorded it (`by`): a household
 * never records one as a facilitator's; the same for a presence at a café and a project
 * membership. A facilitator's device may carry a household's own records: a phone's changes it
 * received by the QR relay (checked there with the household's rights, sync/qr-relay.ts), or an
 * export file imported on the server; it already may write any record of its perimeter, so this
 * lends it nothing. Its own commands record `by: 'facilitator'` (domain commands).
 */
export function canReplace(actor: Actor, map: string, current: () => unknown, next: unknown): boolean {
  // An erased household's marker is final (issue 13, domain/erasure.ts): a device's edit made
  // before it learnt of the erasure would otherwise bring the erased name back.
  if (map === 'profiles' && isErased(current())) return false;
  if (map === 'choices' || map === 'attendance' || map === 'memberships') {
    return isObject(next) && (actor.kind === 'facilitator' || next.by === 'household');
  }
  if (actor.kind === 'facilitator' || map !== 'profiles') return true;
  const now = current();
  if (!isObject(now) || !isObject(next)) return false;
  return SIGN_UP_FIELDS.every((field) => sameJson(now[field], next[field]));
}

function isErased(value: unknown): boolean {
  return isObject(value) && value.erasedAt !== undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isId = (text: string) => idSchema.safeParse(text).success;

const hasId = (key: string, value: unknown) => (value as { id?: unknown }).id === key;

/** A key of two ids, as attendance, proposals and their decisions have. */
const twoIds = (parse: (key: string) => Record<string, string> | undefined) => (key: string) => {
  const ids = parse(key);
  return ids !== undefined && Object.values(ids).every(isId);
};

const projectKeyFits = (key: string) => {
  const ids = parseProjectKey(key);
  return ids !== undefined && isId(ids.projectId) && (ids.ownerId === null || isId(ids.ownerId));
};

/** Each map's record shape, and how its key must relate to the record. */
const shapes: {
  [M in SharedMapName]: { schema: z.ZodMiniType; keyFits(key: string, value: unknown): boolean };
} = {
  meta: { schema: perimeterSchema, keyFits: (key) => key === PERIMETER_KEY },
  profiles: { schema: householdSchema, keyFits: hasId },
  answers: {
    schema: answerSchema,
    keyFits: (key) => {
      const ids = parseAnswerKey(key);
      return ids !== undefined && isId(ids.householdId) && isId(ids.ideaId);
    },
  },
  sessions: { schema: sessionSchema, keyFits: hasId },
  ideas: { schema: localIdeaSchema, keyFits: hasId },
  retired: { schema: retirementSchema, keyFits: isId },
  credentials: { schema: householdCredentialSchema, keyFits: isId },
  choices: {
    schema: choiceSchema,
    keyFits: (key) => {
      const ids = parseChoiceKey(key);
      return (
        ids !== undefined &&
        isId(ids.ownerId) &&
        isId(ids.otherId) &&
        isId(ids.ideaId) &&
        ids.ownerId !== ids.otherId
      );
    },
  },
  cafes: { schema: cafeSchema, keyFits: hasId },
  attendance: { schema: attendanceSchema, keyFits: twoIds(parseAttendanceKey) },
  proposals: { schema: proposalSchema, keyFits: twoIds(parseProposalKey) },
  proposalDecisions: { schema: proposalDecisionSchema, keyFits: twoIds(parseProposalKey) },
  projects: { schema: projectSchema, keyFits: projectKeyFits },
  memberships: {
    schema: membershipSchema,
    keyFits: (key) => {
      const ids = parseMembershipKey(key);
      return ids !== undefined && isId(ids.householdId) && projectKeyFits(ids.projectKey);
    },
  },
};

/**
 * The `meta` map's other key: the document's format version (format.ts). Only a version this code
 * knows is accepted, so a document never claims a format its server cannot check.
 */
const formatStamp = { schema: formatVersionSchema, keyFits: () => true };

/**
 * Whether `value` is exactly a record of `map`'s shape under `key`. Exactly: the schemas trim
 * strings and drop unknown fields when parsing, so a value is only accepted if parsing leaves it
 * unchanged; otherwise a peer could store padded text or arbitrary extra data in the shared document.
 */
export function validRecord(map: string, key: string, value: unknown): boolean {
  if (!isSharedMap(map)) return false;
  const shape = map === 'meta' && key === FORMAT_VERSION_KEY ? formatStamp : shapes[map];
  const parsed = shape.schema.safeParse(value);
  return parsed.success && sameJson(parsed.data, value) && shape.keyFits(key, value);
}

/**
 * What exists in a perimeter: the ideas of the shipped catalogue and the perimeter's own local
 * ideas (the `ideas` map), the households signed up (the `profiles` map), and the Café-Rencontre's
 * cafés, proposals and projects (by key in their maps). The caller builds it, so the domain reads
 * neither the catalogue file nor a document.
 */
export interface KnownRecords {
  hasIdea(ideaId: string): boolean;
  hasHousehold(householdId: string): boolean;
  hasCafe(cafeId: string): boolean;
  /** A proposal under its `proposals` key (records.ts `proposalKey`). */
  hasProposal(key: string): boolean;
  /** A project under its `projects` key (records.ts `projectKey`). */
  hasProject(key: string): boolean;
  /**
   * How many records of `map` ('proposals' or 'projects') have `householdId` as owner in their
   * key, counting those the document holds and those the update adds (the one checked included).
   */
  ownedBy(map: 'proposals' | 'projects', householdId: string): number;
}

/**
 * Whether a record under `key` stays within what the domain lets a perimeter hold. Records travel
 * to every device of the perimeter and are never deleted, so the number a writer may add must be
 * bounded by the domain, not by the writer's restraint:
 * - `answers`: only of a household that exists (an erased one no longer does: an offline tablet's
 *   late answer must not bring it back into matches and counts), to an idea that exists, so a
 *   household owns at most one answer per idea;
 * - `choices`: only about a household and an idea that exist, so a household owns at most one
 *   choice per other household and idea;
 * - `profiles`: a household's one profile, keyed by its id (canWrite, `keyFits`);
 * - `attendance`: only at a café that exists, of a household that exists: one per café and household;
 * - `memberships`: only of a project that exists, by a household that exists;
 * - `proposals`: by a household that exists, at most MAX_PROPOSALS_PER_HOUSEHOLD each;
 * - `projects`: a household's at most MAX_PROJECTS_PER_HOUSEHOLD each (a facilitator's, unbounded);
 * - `proposalDecisions`: only on a proposal that exists (facilitators only);
 * - every other map is written by facilitators only (canWrite).
 * Without this, one household credential wrote 300,000 answers to ideas that do not exist: a 34 MB
 * document every device had to download (issue 8).
 */
export function withinBounds(map: string, key: string, known: KnownRecords): boolean {
  if (map === 'answers') {
    const ids = parseAnswerKey(key);
    return ids !== undefined && known.hasIdea(ids.ideaId) && known.hasHousehold(ids.householdId);
  }
  if (map === 'choices') {
    const ids = parseChoiceKey(key);
    return ids !== undefined && known.hasIdea(ids.ideaId) && known.hasHousehold(ids.otherId);
  }
  if (map === 'attendance') {
    const ids = parseAttendanceKey(key);
    return ids !== undefined && known.hasCafe(ids.cafeId) && known.hasHousehold(ids.householdId);
  }
  if (map === 'memberships') {
    const ids = parseMembershipKey(key);
    return ids !== undefined && known.hasProject(ids.projectKey) && known.hasHousehold(ids.householdId);
  }
  if (map === 'proposals') {
    const ids = parseProposalKey(key);
    return (
      ids !== undefined &&
      known.hasHousehold(ids.householdId) &&
      known.ownedBy('proposals', ids.householdId) <= MAX_PROPOSALS_PER_HOUSEHOLD
    );
  }
  if (map === 'projects') {
    const ids = parseProjectKey(key);
    if (ids === undefined) return false;
    if (ids.ownerId === null) return true;
    return (
      known.hasHousehold(ids.ownerId) && known.ownedBy('projects', ids.ownerId) <= MAX_PROJECTS_PER_HOUSEHOLD
    );
  }
  if (map === 'proposalDecisions') return known.hasProposal(key);
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJson(aRecord[key], bRecord[key]));
}
