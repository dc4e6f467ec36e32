/**
 * What the links screens (issue 11: "Mes voisins", the facilitator's view, the printed sheet) are
 * given, on top of one perimeter's runtime: live reads of the links from the document in memory,
 * the choice command with its author decided by this device's role, the linked neighbours'
 * contact details kept on the device (neighbour-contacts.ts), what the household shares, the
 * face-to-face meeting (meeting.ts), and the time of the household's last visit to its links.
 *
 * Every read works offline from the last sync: it reads the document on this device and the
 * device's own tables, never the network (except the sharing setting, which lives on the server).
 */
import { liveQuery } from 'dexie';
import type { ChoiceValue, Env, Result } from '../domain';
import type { ReportError } from '../domain/device-errors';
import type { RankedNeighbour, ThemeLinks } from '../domain/links';
import type { MeetingCard } from '../domain/meeting-code';
import type { ContactSharingChange } from '../domain/contact-sharing';
import type { DeviceDb } from '../storage/device-db';
import { readNeighbourCode, showMeetingCode } from './meeting';
import {
  type NeighbourContactsDeps,
  keepHandedOverCard,
  keepNeighbourContacts,
  neighbourContact,
  readContactSharing,
  setContactSharing,
} from './neighbour-contacts';
import type { PerimeterWorkspace } from './perimeter-workspace';

/** A value that changes over time: the UI's `Live` (ui/services.ts) with the same shape. */
interface Live<T> {
  subscribe(next: (value: T) => void, error?: (reason: unknown) => void): { unsubscribe(): void };
}

export interface LinksServicesDeps {
  perimeterId: string;
  device: DeviceDb;
  env: Env;
  /** Base of the HTTP API. */
  http: string;
  /** This perimeter's workspace, started if it was not (commands and reads wait for it). */
  workspace(): Promise<PerimeterWorkspace>;
  report: ReportError;
}

/** The settings key of the time `householdId` last opened its links on this device. */
export const visitKey = (perimeterId: string, householdId: string) =>
  `neighboursSeen/${perimeterId}/${householdId}` as const;

/**
 * A Live over the document in memory: `read` runs once the workspace is there, again after every
 * change of the document, and again whenever `also` (a Dexie live query) gives a new value.
 * Reads are serialised, so values arrive in order.
 */
function docLive<T, A = undefined>(
  workspace: () => Promise<PerimeterWorkspace>,
  read: (w: PerimeterWorkspace, also: A) => T | Promise<T>,
  also?: () => Live<A>,
): Live<T> {
  return {
    subscribe(next, error) {
      let stopped = false;
      let stopDoc: (() => void) | undefined;
      let alsoSub: { unsubscribe(): void } | undefined;
      let latest: A | undefined;
      let ready = !also;
      let chain = Promise.resolve();
      const run = (w: PerimeterWorkspace) => {
        if (!ready) return;
        chain = chain
          .then(async () => {
            if (!stopped) {
              const value = await read(w, latest as A);
              if (!stopped) next(value);
            }
          })
          .catch((reason: unknown) => {
            if (!stopped) error?.(reason);
          });
      };
      workspace().then(
        (w) => {
          if (stopped) return;
          stopDoc = w.doc.onChanged(() => run(w));
          if (also) {
            alsoSub = also().subscribe(
              (value) => {
                latest = value;
                ready = true;
                run(w);
              },
              (reason) => error?.(reason),
            );
          } else run(w);
        },
        (reason: unknown) => error?.(reason),
      );
      return {
        unsubscribe() {
          stopped = true;
          stopDoc?.();
          alsoSub?.unsubscribe();
        },
      };
    },
  };
}

/** The links part of one perimeter's services (see the file's header). */
export function linksServices(deps: LinksServicesDeps) {
  const { perimeterId, device, env, http } = deps;
  const contactsDeps = async (): Promise<NeighbourContactsDeps> => ({
    device,
    http,
    perimeterId,
    doc: (await deps.workspace()).doc.doc,
    now: env.now,
  });
  // A household's own phone records as the household; any other device (a facilitator's tablet,
  // or a tablet on its own before it joined a server) on the household's behalf. The sync server
  // refuses an author that is not the writer's.
  const author = async () =>
    (await device.access.get(perimeterId))?.role === 'household' ? 'household' : 'facilitator';
  const chooseLink = async (
    householdId: string,
    otherId: string,
    ideaId: string,
    value: ChoiceValue,
  ): Promise<Result<null>> => {
    const w = await deps.workspace();
    const by = await author();
    return w.chooseLink({ by, householdId, otherId, ideaId, value });
  };
  /** The same choice about every member of a collective idea's group, in one transaction. */
  const chooseGroup = async (
    householdId: string,
    ideaId: string,
    memberIds: string[],
    value: ChoiceValue,
  ): Promise<Result<null>> => {
    const w = await deps.workspace();
    const by = await author();
    return w.chooseGroup({ by, householdId, ideaId, memberIds, value });
  };
  const meetingDeps = async (householdId: string) => {
    const w = await deps.workspace();
    return {
      device,
      env,
      perimeterId,
      householdId,
      households: () =>
        [...w.doc.entries('profiles')]
          .filter(([, household]) => household.erasedAt === undefined)
          .map(([id]) => id),
      ideasInCommon: (otherId: string) =>
        w.links
          .neighbours(householdId)
          .find((neighbour) => neighbour.otherId === otherId)
          ?.links.map((link) => link.ideaId) ?? [],
      recordMet: (otherId: string, ideaId: string) => chooseLink(householdId, otherId, ideaId, 'met'),
      keepCard: async (otherId: string, card: MeetingCard) =>
        keepHandedOverCard(await contactsDeps(), householdId, otherId, card),
    };
  };
  const lastVisit = (householdId: string) =>
    liveQuery(async () => (await device.settings.get(visitKey(perimeterId, householdId)))?.value);

  return {
    queries: {
      /** `householdId`'s neighbours, best first, with each link's state (domain/links.ts). */
      neighbours: (householdId: string): Live<RankedNeighbour[]> =>
        docLive(deps.workspace, (w) => w.links.neighbours(householdId)),
      /** The facilitator's view of the whole perimeter (domain/links.ts `perimeterLinks`). */
      perimeterLinks: (): Live<ThemeLinks[]> => docLive(deps.workspace, (w) => w.links.perimeter()),
      /** Requests `householdId` received since it last opened its links on this device. */
      newRequests: (householdId: string): Live<number> =>
        docLive(
          deps.workspace,
          (w, since) => w.links.newRequests(householdId, since),
          () => lastVisit(householdId),
        ),
      /**
       * A neighbour's contact details as this device holds them, or why not (neighbour-contacts.ts
       * `NeighbourContactLookup`); follows the device's table and the document.
       */
      neighbourContact: (householdId: string, neighbourId: string) =>
        docLive(
          deps.workspace,
          async () => neighbourContact(await contactsDeps(), householdId, neighbourId),
          () =>
            liveQuery(() =>
              device.neighbourContacts
                .get([perimeterId, householdId, neighbourId])
                .then((row) => row?.fetchedAt),
            ),
        ),
      /**
       * What `householdId` shares now, as the server keeps it (needs the network); offline, with
       * what the server last said to this device (`lastKnown`).
       */
      contactSharing: (householdId: string) => readContactSharing({ device, http, perimeterId }, householdId),
    },
    commands: {
      /** Records `householdId`'s choice about a link, durable on this device when it resolves. */
      chooseLink,
      /** Joins (or not) a collective idea's group: one choice about each member, in one transaction. */
      chooseGroup,
      /** Changes what `householdId` shares with linked neighbours, on the server. */
      setContactSharing: (householdId: string, change: ContactSharingChange) =>
        setContactSharing({ device, http, perimeterId }, householdId, change),
      /** Notes that `householdId` saw its links now: the home's count starts again from here. */
      visitedNeighbours: async (householdId: string): Promise<void> => {
        await device.settings.put({ key: visitKey(perimeterId, householdId), value: env.now() });
      },
      /**
       * Keeps `householdId`'s neighbours' details current on this device while a links screen is
       * open (a facilitator's tablet acting for it; on the household's own phone the runtime keeps
       * them all the time); the returned function stops it.
       */
      keepNeighbourContacts: (householdId: string): (() => Promise<void>) => {
        let stop: (() => Promise<void>) | undefined;
        let stopped = false;
        void Promise.all([contactsDeps(), device.access.get(perimeterId)]).then(
          ([d, access]) => {
            if (stopped || access?.role === 'household') return;
            stop = keepNeighbourContacts(d, householdId, deps.report);
          },
          (error: unknown) => deps.report('neighbour-contacts', error),
        );
        return async () => {
          stopped = true;
          await stop?.();
        };
      },
      /** "We met": records 'met' and gives the code to show (meeting.ts `showMeetingCode`). */
      showMeetingCode: async (
        householdId: string,
        otherId: string,
        ideaIds: readonly string[],
        card?: MeetingCard,
      ) => showMeetingCode(await meetingDeps(householdId), otherId, ideaIds, card),
      /** Reads a neighbour's meeting code (meeting.ts `readNeighbourCode`). */
      readMeetingCode: async (householdId: string, text: string) =>
        readNeighbourCode(await meetingDeps(householdId), text),
    },
  };
}
