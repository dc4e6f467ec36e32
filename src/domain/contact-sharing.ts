/**
 * Contact details between linked neighbours (issue 11, must-have 3): what a household lets a
 * neighbour see once both said yes, and the shapes the server's answer and a phone's request take
 * on the wire. The details themselves are personal data (GDPR art. 4(1)): they live in the
 * server's private store and in the device-local store of the devices allowed to see them, never
 * in the shared document.
 *
 * What must stay true: a neighbour's details reach a household only when the two are mutually
 * linked and both consented at sign-up (`consent.shareContact`; contact-gate.ts), and only the
 * fields the neighbour chose to share. The flat number is never among them: it is for the
 * facilitators only.
 *
 * Wire format version 1 (the `/api/neighbour-contacts/` and `/api/contact-sharing/` bodies):
 * adding an optional field is compatible; anything else needs new routes.
 */
import * as z from 'zod/mini';
import { contactSchema, idSchema } from './schemas';

/** What a household shares with the neighbours it is linked with. */
export const CONTACT_SHARES = ['phone', 'email', 'both', 'none'] as const;
export type ContactShare = (typeof CONTACT_SHARES)[number];

export const contactShareSchema = z.enum(CONTACT_SHARES, { error: 'invalid' });

/**
 * What a household shares, as it stands: what it chose (`chosen`, undefined if it never chose),
 * else both phone and e-mail when it consented at sign-up. Without that consent, nothing, whatever
 * it chose: the consent is the gate, the choice only narrows it.
 */
export function effectiveShare(chosen: ContactShare | undefined, consented: boolean): ContactShare {
  if (!consented) return 'none';
  return chosen ?? 'both';
}

/** A neighbour's details as a linked household may see them: only what the neighbour shares. */
export interface SharedContact {
  phone?: string;
  email?: string;
}

/** The part of `contact` that `share` lets through; empty fields count as absent. */
export function sharedPart(
  contact: { phone?: string | undefined; email?: string | undefined } | undefined,
  share: ContactShare,
): SharedContact {
  const shared: SharedContact = {};
  if (contact?.phone && (share === 'phone' || share === 'both')) shared.phone = contact.phone;
  if (contact?.email && (share === 'email' || share === 'both')) shared.email = contact.email;
  return shared;
}

/** One linked neighbour in the server's answer: its id and what it shares (possibly nothing). */
export const neighbourContactSchema = z.object({
  householdId: idSchema,
  phone: z.optional(z.string().check(z.maxLength(40))),
  email: z.optional(z.string().check(z.maxLength(320))),
});
export type NeighbourContact = z.infer<typeof neighbourContactSchema>;

/** Far above a perimeter's size (500 households): a longer answer is not the server's. */
const MAX_NEIGHBOURS = 5000;

/**
 * The server's answer to `GET /api/neighbour-contacts/<household>`: every neighbour the household
 * is mutually linked with, both having consented, each with what it shares.
 */
export const neighbourContactsSchema = z.object({
  householdId: idSchema,
  neighbours: z.array(neighbourContactSchema).check(z.maxLength(MAX_NEIGHBOURS)),
});
export type NeighbourContacts = z.infer<typeof neighbourContactsSchema>;

/**
 * A household's request to change what it shares and, if it wants, its own phone or e-mail
 * (`PUT /api/contact-sharing/<household>`). An absent field stays as it is; an empty phone or
 * e-mail removes it.
 */
export const contactSharingChangeSchema = z.object({
  share: z.optional(contactShareSchema),
  phone: contactSchema.shape.phone,
  email: contactSchema.shape.email,
});
export type ContactSharingChange = z.infer<typeof contactSharingChangeSchema>;

/**
 * The server's answer about a household's own sharing (`GET` and `PUT /api/contact-sharing/…`):
 * what it shares as it stands (`effectiveShare`), what it chose (null: never, the default
 * applies), whether it consented at sign-up, and its own phone and e-mail as the server keeps them.
 */
export const contactSharingSchema = z.object({
  share: contactShareSchema,
  chosen: z.nullable(contactShareSchema),
  consented: z.boolean(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
});
export type ContactSharing = z.infer<typeof contactSharingSchema>;
