/**
 * How the shared state of a perimeter is laid out: a few flat maps of plain JSON records, keyed so
 * that the owner of every record is readable from its map name and key alone. A sync server can
 * then check rights without walking nested structures, and two offline devices never create the
 * same nested container twice (which would lose one side's content on merge).
 *
 * Records are only ever set, never deleted: retiring an idea or closing a session writes a new
 * version of the record. "Last change wins" per key.
 */
import type {
  Answer,
  Attendance,
  Cafe,
  Choice,
  Household,
  HouseholdCredential,
  LocalIdea,
  Membership,
  Perimeter,
  Project,
  Proposal,
  ProposalDecision,
  Retirement,
  Session,
} from './schemas';

export const MAP_NAMES = ['meta', 'profiles', 'answers', 'sessions', 'ideas', 'retired'] as const;
export type MapName = (typeof MAP_NAMES)[number];

export interface RecordTypes {
  /** The perimeter under PERIMETER_KEY, the document's format version under FORMAT_VERSION_KEY. */
  meta: Perimeter | number;
  profiles: Household;
  answers: Answer;
  sessions: Session;
  ideas: LocalIdea;
  retired: Retirement;
  credentials: HouseholdCredential;
  choices: Choice;
  cafes: Cafe;
  attendance: Attendance;
  proposals: Proposal;
  proposalDecisions: ProposalDecision;
  projects: Project;
  memberships: Membership;
}

/**
 * Household credentials, keyed by credential id: a facilitator's tablet issues them offline and the
 * sync server checks a household's token against them. Not part of MAP_NAMES because nothing on a
 * device projects or queries them: they only matter to the server.
 */
export const CREDENTIALS_MAP = 'credentials';

/**
 * Match choices, keyed by `choiceKey`: read from the document in memory (a household's own, and the
 * other side's of its candidate links), never projected into the device's read model.
 */
export const CHOICES_MAP = 'choices';

/**
 * The Café-Rencontre's maps (issue 12). None is in MAP_NAMES: like choices, they are few (a café a
 * month, a few hundred presences, proposals and projects) and read from the document in memory
 * (cafes.ts), so the device's read model does not project them.
 * - `cafes` keyed by café id, facilitators only;
 * - `attendance` keyed `attendanceKey(cafe, household)`: the household's own, or a facilitator's;
 * - `proposals` keyed `proposalKey(household, proposal)`: the proposer's own, or a facilitator's;
 * - `proposalDecisions` keyed as the proposal it decides, facilitators only, so a household can
 *   propose but never accept its own idea;
 * - `projects` keyed `projectKey(owner, project)`: a facilitator's (no owner in the key) or the
 *   household's that started it;
 * - `memberships` keyed `membershipKey(projectKey, household)`: the member's own, or a facilitator's.
 */
export const CAFE_MAPS = [
  'cafes',
  'attendance',
  'proposals',
  'proposalDecisions',
  'projects',
  'memberships',
] as const;

/** Every map of the shared document; anything else in an incoming update is refused. */
export const SHARED_MAP_NAMES = [...MAP_NAMES, CREDENTIALS_MAP, CHOICES_MAP, ...CAFE_MAPS] as const;
export type SharedMapName = (typeof SHARED_MAP_NAMES)[number];

export type Change = { [M in SharedMapName]: { map: M; key: string; value: RecordTypes[M] } }[SharedMapName];

export const PERIMETER_KEY = 'perimeter';

/** The perimeter record among the `meta` map's values (the other one is the format stamp). */
export function asPerimeter(value: RecordTypes['meta'] | undefined): Perimeter | undefined {
  return typeof value === 'object' ? value : undefined;
}

const SEPARATOR = '/';

/** Key of a household's answer to an idea: the household id first, so ownership is a prefix. */
export function answerKey(householdId: string, ideaId: string): string {
  return householdId + SEPARATOR + ideaId;
}

export function parseAnswerKey(key: string): { householdId: string; ideaId: string } | undefined {
  const at = key.indexOf(SEPARATOR);
  if (at <= 0 || at === key.length - 1) return undefined;
  return { householdId: key.slice(0, at), ideaId: key.slice(at + 1) };
}

/**
 * Key of a household's choice about a link with `otherId` on `ideaId`: the owner first, so
 * ownership is a prefix, as for answers. Ids never contain the separator (ID_PATTERN).
 */
export function choiceKey(ownerId: string, otherId: string, ideaId: string): string {
  return ownerId + SEPARATOR + otherId + SEPARATOR + ideaId;
}

export function parseChoiceKey(
  key: string,
): { ownerId: string; otherId: string; ideaId: string } | undefined {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 3 || parts.some((part) => part === '')) return undefined;
  const [ownerId, otherId, ideaId] = parts as [string, string, string];
  return { ownerId, otherId, ideaId };
}

/** Key of a household's presence at a café: the café first, then the household (its owner). */
export function attendanceKey(cafeId: string, householdId: string): string {
  return cafeId + SEPARATOR + householdId;
}

export function parseAttendanceKey(key: string): { cafeId: string; householdId: string } | undefined {
  const parts = twoParts(key);
  return parts && { cafeId: parts[0], householdId: parts[1] };
}

/** Key of a household's proposed idea (and of the decision on it): the proposer first. */
export function proposalKey(householdId: string, proposalId: string): string {
  return householdId + SEPARATOR + proposalId;
}

export function parseProposalKey(key: string): { householdId: string; proposalId: string } | undefined {
  const parts = twoParts(key);
  return parts && { householdId: parts[0], proposalId: parts[1] };
}

/**
 * Key of a micro-project: `project` alone for a facilitator's, `household/project` for one a
 * household started (then it owns the record). `ownerId` null means a facilitator's.
 */
export function projectKey(ownerId: string | null, projectId: string): string {
  return ownerId === null ? projectId : ownerId + SEPARATOR + projectId;
}

export function parseProjectKey(key: string): { ownerId: string | null; projectId: string } | undefined {
  const parts = key.split(SEPARATOR);
  if (parts.some((part) => part === '')) return undefined;
  if (parts.length === 1) return { ownerId: null, projectId: key };
  if (parts.length === 2) return { ownerId: parts[0]!, projectId: parts[1]! };
  return undefined;
}

/** Key of a household's membership of a project: the project's key, then the member. */
export function membershipKey(projectKey: string, householdId: string): string {
  return projectKey + SEPARATOR + householdId;
}

export function parseMembershipKey(key: string): { projectKey: string; householdId: string } | undefined {
  const at = key.lastIndexOf(SEPARATOR);
  if (at <= 0) return undefined;
  const project = key.slice(0, at);
  const householdId = key.slice(at + 1);
  if (householdId === '' || !parseProjectKey(project)) return undefined;
  return { projectKey: project, householdId };
}

function twoParts(key: string): [string, string] | undefined {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return [parts[0]!, parts[1]!];
}
