/**
 * The server's decision on contact details between neighbours (issue 11, must-have 3): a
 * household sees a neighbour's details only when the two are mutually linked and both consented
 * at sign-up (domain `contactGate`), and only what the neighbour shares. Decided from the server's
 * own copy of the perimeter's document at the moment of the request, never from anything the
 * client says: a withdrawal the server has applied stops the very next answer.
 */
import type * as Y from 'yjs';
import { CHOICES_MAP, type Household, householdSchema } from '../domain';
import { choicesAround, contactGate } from '../domain/contact-gate';
import {
  type ContactSharing,
  type NeighbourContacts,
  effectiveShare,
  sharedPart,
} from '../domain/contact-sharing';
import type { PrivateStore } from './ports';

/** The household's valid public profile in `doc`, or undefined. */
export function profileIn(doc: Y.Doc, householdId: string): Household | undefined {
  const parsed = householdSchema.safeParse(doc.getMap('profiles').get(householdId));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The contact details `householdId` may see now, one entry per neighbour whose gate is open (an
 * entry may carry no detail: the neighbour shares none, or gave none), in id order. Undefined when
 * the household is not in the document. One pass over the choices map, then a lookup per
 * neighbour the household named.
 */
export function linkedContacts(
  store: PrivateStore,
  perimeterId: string,
  doc: Y.Doc,
  householdId: string,
): NeighbourContacts | undefined {
  const own = profileIn(doc, householdId);
  if (!own) return undefined;
  const neighbours: NeighbourContacts['neighbours'] = [];
  if (!own.consent.shareContact) return { householdId, neighbours };
  const { choices, named } = choicesAround(doc.getMap(CHOICES_MAP).entries(), householdId);
  for (const otherId of [...named].sort()) {
    if (contactGate(choices, own, profileIn(doc, otherId)) !== 'open') continue;
    const share = effectiveShare(store.contactShare(perimeterId, otherId), true);
    neighbours.push({ householdId: otherId, ...sharedPart(store.contact(perimeterId, otherId), share) });
  }
  return { householdId, neighbours };
}

/** What a household shares as it stands, with its own phone and e-mail (for its own screen). */
export function ownSharing(store: PrivateStore, perimeterId: string, household: Household): ContactSharing {
  const chosen = store.contactShare(perimeterId, household.id) ?? null;
  const contact = store.contact(perimeterId, household.id);
  return {
    share: effectiveShare(chosen ?? undefined, household.consent.shareContact),
    chosen,
    consented: household.consent.shareContact,
    ...(contact?.phone ? { phone: contact.phone } : {}),
    ...(contact?.email ? { email: contact.email } : {}),
  };
}
