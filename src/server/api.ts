/**
 * The JSON API under /api/: what does not belong in a shared document. Facilitators redeem their
 * invitations here, and contact details (personal data, never synced to neighbours' devices) are
 * kept here. Callers authenticate with `Authorization: Bearer <token>`; a phone with only a short
 * code looks its credential up first. `/api/admin/` is for `npm run admin` on this machine only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import { idSchema } from '../domain';
import { contactSharingChangeSchema } from '../domain/contact-sharing';
import { householdExport } from '../domain/erasure';
import { isAdminRequest } from './admin-access';
import { authenticateFacilitator, authenticateHousehold } from './auth';
import { yRecordSource } from './erasure';
import { HttpError, readJson, sendJson } from './http-json';
import { contactList, parseImport, storedContacts } from './import';
import { linkedContacts, ownSharing, profileIn } from './linked-contacts';
import type { PrivateStore } from './ports';
import type { SyncContext } from './sync-context';
import type { Sync } from './sync';
import { formatToken, parseToken } from './tokens';

const redeemBody = z.object({
  code: z.string().check(z.regex(/^[a-z2-7]{26,128}$/)),
  attachPerimeterId: z.optional(idSchema),
});

const contactsBody = z.object({ contacts: contactList });

/** A whole perimeter's document in base64 (about 11 MB for 500 households) and its contacts. */
const MAX_IMPORT_BYTES = 48 * 1024 * 1024;

/** A household's change of what it shares: a few short fields. */
const MAX_SHARING_BYTES = 4 * 1024;

/** Routes whose last path segment is a parameter. */
const PARAMETER_ROUTES = [
  '/api/contacts/',
  '/api/credentials/',
  '/api/neighbour-contacts/',
  '/api/contact-sharing/',
  '/api/erasure/',
  '/api/own-data/',
];

/** The households a facilitator erases in one step (retention): at most a whole perimeter's. */
const erasuresBody = z.object({ householdIds: z.array(idSchema).check(z.minLength(1), z.maxLength(5000)) });

const revokeBody = z.object({ credentialId: idSchema });

export type ApiHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
) => Promise<void>;

export function createApi(store: PrivateStore, sync: Sync, adminKey: string): ApiHandler {
  async function caller(request: IncomingMessage): Promise<SyncContext> {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer === undefined ? undefined : parseToken(bearer);
    if (!token || !store.perimeter(token.perimeterId)) throw new HttpError(401, 'unauthorized');
    const result =
      token.kind === 'facilitator'
        ? authenticateFacilitator(store, token)
        : await sync.readDocument(token.perimeterId, (doc) => authenticateHousehold(store, doc, token));
    if (result === 'unauthorized') throw new HttpError(401, 'unauthorized');
    if (result === 'revoked' || result === 'erased') throw new HttpError(403, result);
    return result;
  }

  async function facilitator(request: IncomingMessage): Promise<SyncContext> {
    const context = await caller(request);
    if (context.actor.kind !== 'facilitator') throw new HttpError(403, 'forbidden');
    return context;
  }

  /**
   * The household a request may concern: the caller's own, or for a facilitator any household of
   * its perimeter's document (never of another perimeter: the document read is the token's).
   * @throws HttpError 404 `not-found` for an id that is not one, or not in the document (a
   *   facilitator's perimeter with no document yet included); 403 `forbidden` for a household that
   *   names another.
   */
  async function concerned(context: SyncContext, householdId: string): Promise<void> {
    if (!idSchema.safeParse(householdId).success) throw new HttpError(404, 'not-found');
    const { actor, perimeterId } = context;
    if (actor.kind === 'household') {
      if (actor.householdId !== householdId) throw new HttpError(403, 'forbidden');
      return;
    }
    const known =
      sync.hasDocument(perimeterId) &&
      (await sync.readDocument(perimeterId, (doc) => doc.getMap('profiles').has(householdId)));
    if (!known) throw new HttpError(404, 'not-found');
  }

  const routes: Record<string, (request: IncomingMessage, param: string) => Promise<unknown>> = {
    'POST /api/invitations/redeem': async (request) => {
      const { code, attachPerimeterId } = parse(redeemBody, await readJson(request));
      const redeemed = store.redeemInvitation(code, attachPerimeterId, (id) => sync.hasDocument(id));
      if (!redeemed.ok)
        throw new HttpError(redeemed.error === 'invitation-invalid' ? 404 : 409, redeemed.error);
      const { perimeter, credentialId, secret } = redeemed;
      const token = formatToken({ kind: 'facilitator', perimeterId: perimeter.id, credentialId, secret });
      return { perimeterId: perimeter.id, perimeterName: perimeter.name, token };
    },

    'POST /api/contacts': async (request) => {
      const { perimeterId } = await facilitator(request);
      const { contacts } = parse(contactsBody, await readJson(request));
      store.upsertContacts(perimeterId, storedContacts(contacts));
      return { stored: contacts.length };
    },

    'GET /api/contacts/': async (request, householdId) => {
      const { actor, perimeterId } = await caller(request);
      if (!idSchema.safeParse(householdId).success) throw new HttpError(404, 'not-found');
      if (actor.kind === 'household' && actor.householdId !== householdId)
        throw new HttpError(403, 'forbidden');
      const contact = store.contact(perimeterId, householdId);
      if (!contact) throw new HttpError(404, 'not-found');
      return contact;
    },

    /**
     * The contact details of every neighbour the household is mutually linked with, both having
     * consented, each limited to what it shares (linked-contacts.ts): for the household itself, or
     * a facilitator acting for it. Decided from the server's document as it is now.
     */
    'GET /api/neighbour-contacts/': async (request, householdId) => {
      const context = await caller(request);
      await concerned(context, householdId);
      const answer = await sync.readDocument(context.perimeterId, (doc) =>
        linkedContacts(store, context.perimeterId, doc, householdId),
      );
      if (!answer) throw new HttpError(404, 'not-found');
      return answer;
    },

    /** What the household shares with linked neighbours, and its own phone and e-mail. */
    'GET /api/contact-sharing/': async (request, householdId) => {
      const context = await caller(request);
      await concerned(context, householdId);
      return sharingOf(context.perimeterId, householdId);
    },

    /**
     * Changes what the household shares and, if given, its own phone or e-mail (an empty one
     * removes it): by the household from its phone, or a facilitator for it. Answers as GET does.
     */
    'PUT /api/contact-sharing/': async (request, householdId) => {
      const context = await caller(request);
      await concerned(context, householdId);
      const change = parse(contactSharingChangeSchema, await readJson(request, MAX_SHARING_BYTES));
      store.changeOwnContact(context.perimeterId, householdId, {
        share: change.share,
        phone: change.phone === undefined ? undefined : change.phone || null,
        email: change.email === undefined ? undefined : change.email || null,
      });
      return sharingOf(context.perimeterId, householdId);
    },

    /**
     * Which perimeter a household credential opens. No authentication: household credential ids
     * derive from secrets (domain/credentials.ts), so only a holder of the secret, or a neighbour
     * who already sees the credentials in the shared document, can name one.
     */
    'GET /api/credentials/': async (_request, credentialId) => {
      const found = idSchema.safeParse(credentialId).success
        ? store.householdCredentials.lookup(credentialId)
        : undefined;
      if (!found) throw new HttpError(404, 'unknown-credential');
      return found;
    },

    /**
     * Erases the household (GDPR art. 17; server/erasure.ts): by the household itself from its
     * phone, or a facilitator of its perimeter for it. Answers `{ erased: [id] | [], erasedAt }`
     * once the erasure is durable, the document compacted and the databases purged; an already
     * erased household gives `erased: []`. The household's token is refused from then on (403).
     */
    'POST /api/erasure/': async (request, householdId) => {
      const context = await caller(request);
      await concerned(context, householdId);
      return sync.eraseHouseholds(context.perimeterId, [householdId], new Date().toISOString());
    },

    /**
     * A facilitator erases several households in one step (retention, after the screen's
     * confirmation): body `{ householdIds: [id, ...] }`, answer as POST /api/erasure/. Ids not in
     * the perimeter's document, or already erased, are skipped.
     */
    'POST /api/erasures': async (request) => {
      const { perimeterId } = await facilitator(request);
      const { householdIds } = parse(erasuresBody, await readJson(request));
      if (!sync.hasDocument(perimeterId)) throw new HttpError(404, 'not-found');
      return sync.eraseHouseholds(perimeterId, householdIds, new Date().toISOString());
    },

    /**
     * Everything kept about the household (GDPR art. 15 and 20), as domain/erasure.ts
     * `householdExportSchema` version 1, with the contact details this server keeps: for the
     * household itself, or a facilitator acting for it.
     */
    'GET /api/own-data/': async (request, householdId) => {
      const context = await caller(request);
      await concerned(context, householdId);
      const { perimeterId } = context;
      const stored = store.contact(perimeterId, householdId);
      const share = store.contactShare(perimeterId, householdId);
      const contact =
        stored || share
          ? {
              ...(stored?.phone ? { phone: stored.phone } : {}),
              ...(stored?.email ? { email: stored.email } : {}),
              ...(stored?.flat ? { flat: stored.flat } : {}),
              ...(share ? { share } : {}),
              ...(stored ? { updatedAt: stored.updatedAt } : {}),
            }
          : null;
      return sync.readDocument(perimeterId, (doc) =>
        householdExport(yRecordSource(doc), perimeterId, householdId, new Date().toISOString(), contact),
      );
    },

    'POST /api/admin/import': async (request) => {
      if (!isAdminRequest(request, adminKey)) throw new HttpError(403, 'forbidden');
      const data = parseImport(await readJson(request, MAX_IMPORT_BYTES));
      if (!data) throw new HttpError(400, 'invalid');
      const imported = await sync.importDocument(data);
      if (typeof imported === 'string') throw new HttpError(422, imported);
      return imported;
    },

    'POST /api/credentials/revoke': async (request) => {
      const { perimeterId } = await facilitator(request);
      const { credentialId } = parse(revokeBody, await readJson(request));
      const kind = store.revokeCredential(perimeterId, credentialId);
      sync.disconnectCredential(perimeterId, credentialId);
      return { credentialId, kind };
    },
  };

  async function sharingOf(perimeterId: string, householdId: string) {
    const household = await sync.readDocument(perimeterId, (doc) => profileIn(doc, householdId));
    if (!household) throw new HttpError(404, 'not-found');
    return ownSharing(store, perimeterId, household);
  }

  return async (request, response, pathname) => {
    // An exact route first: POST /api/credentials/revoke is not a lookup of "revoke".
    const prefix = PARAMETER_ROUTES.find((p) => pathname.startsWith(p) && pathname.length > p.length);
    const [route, param] =
      prefix && !routes[`${request.method} ${pathname}`]
        ? [prefix, pathname.slice(prefix.length)]
        : [pathname, ''];
    const handler = routes[`${request.method} ${route}`];
    if (!handler) {
      const known = Object.keys(routes).some((key) => key.endsWith(` ${route}`));
      throw new HttpError(known ? 405 : 404, known ? 'method-not-allowed' : 'not-found');
    }
    sendJson(response, 200, await handler(request, param));
  };
}

function parse<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'invalid');
  return parsed.data;
}
