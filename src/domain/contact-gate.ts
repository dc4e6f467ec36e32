/**
 * The gate of contact details between two neighbours (issue 11, must-have 3), read from the shared
 * document: one rule, applied by the server before it answers and by a device before it keeps or
 * shows what it was given.
 */
import { activeHousehold, mutuallyLinked } from './links';
import { parseChoiceKey } from './records';
import { type Choice, type Household, choiceSchema } from './schemas';

/**
 * Whether a household may see a neighbour's details: 'open', or why not ('not-linked',
 * 'no-consent').
 */
export type ContactGate = 'open' | 'not-linked' | 'no-consent';

/**
 * The gate between `own` and `other` (their profiles in the document): 'open' when the two are
 * mutually linked (links.ts `mutuallyLinked`: both said yes or met on an idea, neither withdrew)
 * and both consented at sign-up (`consent.shareContact`). Not linked is said first: consent
 * matters only once there is a link. A household missing from the document, erased or gone
 * (`activeHousehold`) is not linked. `choices` holds at least every choice between the two
 * (`choicesAround` gives them).
 */
export function contactGate(
  choices: ReadonlyMap<string, Choice>,
  own: Household | undefined,
  other: Household | undefined,
): ContactGate {
  if (!activeHousehold(own) || !activeHousehold(other) || !mutuallyLinked(choices, own.id, other.id))
    return 'not-linked';
  return own.consent.shareContact && other.consent.shareContact ? 'open' : 'no-consent';
}

/**
 * The valid choices among `entries` (the document's `choices` map) that involve `householdId` on
 * either side, and the neighbours its own choices name: every neighbour it can be linked with is
 * among them, since a link needs its own yes. One pass, no copy of the rest.
 */
export function choicesAround(
  entries: Iterable<[string, unknown]>,
  householdId: string,
): { choices: Map<string, Choice>; named: Set<string> } {
  const choices = new Map<string, Choice>();
  const named = new Set<string>();
  for (const [key, value] of entries) {
    const ids = parseChoiceKey(key);
    if (!ids || (ids.ownerId !== householdId && ids.otherId !== householdId)) continue;
    const parsed = choiceSchema.safeParse(value);
    if (!parsed.success) continue;
    choices.set(key, parsed.data);
    if (ids.ownerId === householdId) named.add(ids.otherId);
  }
  return { choices, named };
}
