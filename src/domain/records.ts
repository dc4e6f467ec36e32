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
  Choice,
  Household,
  HouseholdCredential,
  LocalIdea,
  Perimeter,
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

/** Every map of the shared document; anything else in an incoming update is refused. */
export const SHARED_MAP_NAMES = [...MAP_NAMES, CREDENTIALS_MAP, CHOICES_MAP] as const;
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
