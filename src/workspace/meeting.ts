/**
 * The face-to-face meeting on a household's phone (issue 11, must-have 6), with no network: the
 * showing phone records its own household's 'met' and shows a code (domain/meeting-code.ts); the
 * reading phone reads it, records its own household's 'met' on the ideas in common, and keeps the
 * code as seen (storage/meetings-seen.ts) so the same code read again changes nothing. Each device
 * writes only its own household's choices: both reach the server whenever each phone syncs. A card
 * the neighbour chose to put in its code is kept on the reading device only (`keepCard`: the
 * device-local table of neighbours' details, workspace/neighbour-contacts.ts), never in the shared
 * document.
 *
 * The perimeter's document comes in through `MeetingDeps` (the households it holds, the ideas two
 * of them have in common, the 'met' command), so this module stays apart from how the workspace
 * reads the document.
 */
import type { Env } from '../domain/env';
import type { FieldError, Result } from '../domain/errors';
import {
  MAX_MEETING_IDEAS,
  type Meeting,
  type MeetingCard,
  type MeetingCode,
  type MeetingCodeError,
  newMeetingCode,
  readMeetingCode,
} from '../domain/meeting-code';
import type { DeviceDb } from '../storage/device-db';
import { recordSeenMeeting, seenMeetings } from '../storage/meetings-seen';

export interface MeetingDeps {
  device: DeviceDb;
  env: Env;
  perimeterId: string;
  /** The household this device speaks for. */
  householdId: string;
  /** The perimeter's households in this device's copy of the document (signed up, not erased). */
  households(): readonly string[];
  /** The ideas on which this household's and `otherId`'s answers meet, in this device's copy. */
  ideasInCommon(otherId: string): readonly string[];
  /** Records this household's 'met' choice about `otherId` on `ideaId` (the chooseLink command). */
  recordMet(otherId: string, ideaId: string): Promise<Result<unknown>>;
  /**
   * Keeps, on this device only, the card `otherId` put in its code, once this household's 'met'
   * is recorded; resolves to whether it was kept (neighbour-contacts.ts `keepHandedOverCard`).
   */
  keepCard(otherId: string, card: MeetingCard): Promise<boolean>;
}

/** A code read: the meeting and the ideas its 'met' was recorded on, or why nothing changed. */
export type NeighbourCodeOutcome =
  | { ok: true; meeting: Meeting; recorded: string[]; cardKept: boolean }
  | { ok: false; error: MeetingCodeError }
  | { ok: false; errors: FieldError[] };

/**
 * "We met": records this household's 'met' about `otherId` on each of `ideaIds` (the first
 * MAX_MEETING_IDEAS), then makes the code to show. `card` only if the household chose to include
 * it. Fails, with the command's errors, if no 'met' could be recorded.
 */
export async function showMeetingCode(
  deps: MeetingDeps,
  otherId: string,
  ideaIds: readonly string[],
  card?: MeetingCard,
): Promise<Result<MeetingCode>> {
  const ideas = ideaIds.slice(0, MAX_MEETING_IDEAS);
  const recorded = await recordEach(deps, otherId, ideas);
  if (!recorded.ok) return recorded;
  return {
    ok: true,
    value: newMeetingCode(deps.env, {
      perimeterId: deps.perimeterId,
      householdId: deps.householdId,
      ideaIds: recorded.value,
      ...(card ? { card } : {}),
    }),
  };
}

/**
 * Reads a neighbour's code (filmed or typed) and records this household's 'met' on the ideas in
 * common it names. The code is kept as seen only once a 'met' is on disk: a dead battery between
 * the two leaves a code that can be read again, never a meeting lost.
 */
export async function readNeighbourCode(deps: MeetingDeps, text: string): Promise<NeighbourCodeOutcome> {
  const read = readMeetingCode(text, {
    perimeterId: deps.perimeterId,
    ownHouseholdId: deps.householdId,
    households: deps.households(),
    ideasInCommon: (otherId) => deps.ideasInCommon(otherId),
    seen: await seenMeetings(deps.device, deps.perimeterId),
  });
  if (!read.ok) return read;
  const { meeting } = read;
  const recorded = await recordEach(deps, meeting.householdId, meeting.ideaIds);
  if (!recorded.ok) return recorded;
  const cardKept = meeting.card ? await deps.keepCard(meeting.householdId, meeting.card) : false;
  await recordSeenMeeting(deps.device, deps.perimeterId, meeting.seenKey, deps.env.now());
  return { ok: true, meeting, recorded: recorded.value, cardKept };
}

/**
 * Records 'met' on each idea; one refused (the other's answer changed since) does not stop the
 * others. Resolves to the ideas recorded, or to the first refusal when none was.
 */
async function recordEach(
  deps: MeetingDeps,
  otherId: string,
  ideaIds: readonly string[],
): Promise<Result<string[]>> {
  const recorded: string[] = [];
  let refused: FieldError[] | undefined;
  for (const ideaId of ideaIds) {
    const result = await deps.recordMet(otherId, ideaId);
    if (result.ok) recorded.push(ideaId);
    else refused ??= result.errors;
  }
  if (recorded.length > 0) return { ok: true, value: recorded };
  return { ok: false, errors: refused ?? [{ field: 'ideaIds', code: 'required' }] };
}
