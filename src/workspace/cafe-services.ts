/**
 * What the Café-Rencontre's screens (issue 12) are given, on top of one perimeter's runtime: live
 * reads of the cafés, of the café in progress (who came, the theme's links among them, proposals,
 * micro-projects) and of a household's own café view, all from the document in memory, so they
 * work on the street with no network; and the café's commands (domain/cafe-commands.ts), written
 * as the household on its own phone and as a facilitator on any other device (the sync server
 * refuses any other author, sync/rights-check.ts).
 */
import type { Result } from '../domain';
import {
  type Cafe,
  type CafeCandidateLink,
  type CafeInput,
  type CafeLink,
  type CafeRecords,
  type CafeUpdate,
  type Catalogue,
  type Change,
  type MatchWorld,
  type Outcome,
  type PosterCodeError,
  type ProjectInput,
  type ProjectUpdate,
  type ProjectWithMembers,
  type ProposalWithState,
  type ProposeIdeaInput,
  type ProposalDecision,
  type SignUpInput,
  activeHousehold,
  cafeLinks,
  cafeStatus,
  checkIn,
  decideProposal,
  editProject,
  householdCafeLinks,
  joinProject,
  leaveProject,
  nextCafe,
  ok,
  parseAttendanceKey,
  planCafe,
  presentAt,
  projectsOf,
  projectsWithMembers,
  proposalsWithState,
  proposeIdea,
  startProject,
  readPosterCode,
  signUpAtCafe,
  updateCafe,
} from '../domain';
import type { Env } from '../domain/env';
import type { DeviceDb } from '../storage/device-db';
import type { PerimeterDoc } from '../sync/perimeter-doc';
import { type Live, docLive } from './doc-live';
import type { PerimeterWorkspace } from './perimeter-workspace';
import { storageFailure } from './storage-errors';

/** The transaction origin of what a QR relay brought, told apart from local and server changes. */
export const RELAY_ORIGIN = 'qr-relay';

export interface CafeServicesDeps {
  perimeterId: string;
  device: DeviceDb;
  env: Env;
  /** This perimeter's workspace, started if it was not (commands and reads wait for it). */
  workspace(): Promise<PerimeterWorkspace>;
  /** The shipped catalogue (the relay's rights check knows its ideas). */
  catalogue(): Promise<Catalogue>;
}

/** The café in progress as the tablet shows it. */
export interface CafeBoard {
  cafe: Cafe;
  /** Present households' ids, in id order (cafe-queries.ts presentAt). */
  present: string[];
  /** How each present household came: ticked on the list or the poster scanned. */
  how: Record<string, 'ticked' | 'scanned'>;
  /** The theme's possible links among those present (cafe-queries.ts cafeLinks). */
  links: CafeLink[];
  /** Every proposal, oldest first, with its state. */
  proposals: ProposalWithState[];
  /** Every micro-project with its members. */
  projects: ProjectWithMembers[];
  /**
   * The collective ideas of the perimeter whose group is big enough to become a micro-project
   * (active households answering 'join' ≥ the perimeter's group threshold), with their members.
   */
  groups: { ideaId: string; members: string[] }[];
}

/** A household's own view of the next café, on its phone (or on the tablet for it). */
export interface HouseholdCafe {
  cafe: Cafe | undefined;
  /** Whether the household's presence at that café is recorded. */
  here: boolean;
  /** Its matches on the café's theme, neighbours present first (cafe-queries.ts householdCafeLinks). */
  links: CafeCandidateLink[];
  projects: ProjectWithMembers[];
  proposals: ProposalWithState[];
}

/** The café maps of a document in memory, as the café's queries and commands read them. */
export function cafeRecords(doc: PerimeterDoc): CafeRecords {
  return {
    cafes: doc.map('cafes'),
    attendance: doc.map('attendance'),
    proposals: doc.map('proposals'),
    proposalDecisions: doc.map('proposalDecisions'),
    projects: doc.map('projects'),
    memberships: doc.map('memberships'),
  };
}

/** The café part of one perimeter's services (see the file's header). */
export function cafeServices(deps: CafeServicesDeps) {
  const { perimeterId, device, env } = deps;
  const author = async (): Promise<'household' | 'facilitator'> =>
    (await device.access.get(perimeterId))?.role === 'household' ? 'household' : 'facilitator';
  const now = () => Date.parse(env.now());

  /**
   * Builds a command's records against the document in memory and stores them through the
   * workspace's one write path (`replay`: refused in a newer format's document, durable when it
   * resolves).
   */
  const run = async <T>(
    build: (doc: PerimeterDoc, records: CafeRecords) => Result<Outcome<T>>,
  ): Promise<Result<T>> => {
    const w = await deps.workspace();
    const built = build(w.doc, cafeRecords(w.doc));
    if (!built.ok) return built;
    const stored = await w.replay(built.value.changes);
    return stored.ok ? ok(built.value.value) : stored;
  };

  return {
    queries: {
      /** Every café of the perimeter, latest date first. */
      cafes: (): Live<Cafe[]> =>
        docLive(deps.workspace, (w) =>
          [...cafeRecords(w.doc).cafes.entries()]
            .map(([, cafe]) => cafe)
            .sort((a, b) => (`${a.date}T${a.start}` < `${b.date}T${b.start}` ? 1 : -1)),
        ),
      /** The next planned café that has not ended yet by this device's clock. */
      nextCafe: (): Live<Cafe | undefined> =>
        docLive(deps.workspace, (w) => nextCafe(cafeRecords(w.doc), now())),
      /** The café in progress, as the tablet shows it; undefined for an unknown café. */
      cafeBoard: (cafeId: string): Live<CafeBoard | undefined> =>
        docLive(deps.workspace, (w) => readCafeBoard(w.doc, w.links.world(), cafeId)),
      /** `householdId`'s view of the next café, its micro-projects and its proposals. */
      householdCafe: (householdId: string): Live<HouseholdCafe> =>
        docLive(deps.workspace, (w) => {
          const records = cafeRecords(w.doc);
          const cafe = nextCafe(records, now());
          const present = cafe ? presentAt(w.doc, records, cafe.id) : [];
          return {
            cafe,
            here: present.includes(householdId),
            links: cafe ? householdCafeLinks(w.links.world(), cafe, householdId, present) : [],
            projects: projectsOf(records, householdId),
            proposals: proposalsWithState(records, householdId),
          };
        }),
    },
    commands: {
      /** Plans a café (facilitators only); resolves with its id once durable. */
      planCafe: (input: CafeInput) => run((doc) => planCafe(doc, env, input)),
      /** Changes a planned café, or marks it held or cancelled. */
      updateCafe: (cafeId: string, update: CafeUpdate) =>
        run((doc, records) => updateCafe(doc, records, env, cafeId, update)),
      /** Ticks (or unticks) a household on the café's list. */
      checkIn: async (cafeId: string, householdId: string, present = true) => {
        const by = await author();
        return run((doc, records) =>
          checkIn(doc, records, env, { cafeId, householdId, by, how: 'ticked', present }),
        );
      },
      /**
       * "Je suis là": reads the poster's QR text against the next café and records the household's
       * presence as scanned. Refused with the poster's reason (domain/cafe-poster-code.ts), or the
       * command's: 'poster-cafe-early' more than an hour before the start, 'poster-cafe-over' after
       * its end (domain cafe-status.ts householdCheckInWindow, by this device's clock).
       */
      checkInByPoster: async (
        householdId: string,
        text: string,
      ): Promise<{ ok: true; cafeId: string } | { ok: false; error: PosterCodeError | 'not-saved' }> => {
        const w = await deps.workspace();
        const records = cafeRecords(w.doc);
        const at = now();
        // A café over by the clock but not marked held yet (domain cafeStatus 'to-close') is
        // refused as over, as a held one is, rather than as "another café".
        const read = readPosterCode(text, perimeterId, nextCafe(records, at), (id) => {
          const cafe = records.cafes.get(id);
          return cafe && { state: cafeStatus(cafe, at) === 'to-close' ? 'held' : cafe.state };
        });
        if (!read.ok) return read;
        const by = await author();
        const stored = await run((doc, r) =>
          checkIn(doc, r, env, { cafeId: read.cafeId, householdId, by, how: 'scanned' }),
        );
        if (stored.ok) return { ok: true, cafeId: read.cafeId };
        // The household's own check-in opens an hour before the start (domain checkIn): the
        // poster is up days before, and a code typed at home is not a presence.
        const code = stored.errors[0]?.code;
        if (code === 'cafe-too-early') return { ok: false, error: 'poster-cafe-early' };
        if (code === 'cafe-not-planned') return { ok: false, error: 'poster-cafe-over' };
        return { ok: false, error: 'not-saved' };
      },
      /**
       * Signs a household up at the café, witnessed by households present there (domain
       * signUpAtCafe). As the workspace's signUp: contact details to this device first, then the
       * household into the document; a scan row to start its answers at the first idea.
       */
      signUpAtCafe: async (cafeId: string, input: SignUpInput): Promise<Result<string>> => {
        const w = await deps.workspace();
        const built = signUpAtCafe(w.doc, cafeRecords(w.doc), env, cafeId, input);
        if (!built.ok) return built;
        const { householdId, contact } = built.value.value;
        const now = env.now();
        try {
          if (contact) await device.contacts.put({ ...contact, householdId, perimeterId, updatedAt: now });
        } catch (error) {
          return storageFailure(error);
        }
        const stored = await w.replay(built.value.changes as Change[]);
        if (!stored.ok) {
          await device.contacts.delete(householdId).catch(() => undefined);
          return stored;
        }
        return ok(householdId);
      },
      /** Records a household's idea, pending until a facilitator decides. */
      proposeIdea: (input: ProposeIdeaInput) => run((doc, records) => proposeIdea(doc, records, env, input)),
      /** Accepts or declines a pending proposal (facilitators only). */
      decideProposal: (key: string, value: ProposalDecision['value']) =>
        run((doc, records) => decideProposal(doc, records, env, key, value)),
      /**
       * Starts a micro-project; `members` join it at once (the facilitator's tablet). A next step
       * dated before today is refused (domain cafe-project-edit.ts).
       */
      createProject: async (input: Omit<ProjectInput, 'by'>, members: readonly string[] = []) => {
        const by = await author();
        const created = await run((doc, records) => startProject(doc, records, env, { ...input, by }));
        if (!created.ok) return created;
        for (const householdId of members) {
          const joined = await run((doc, records) =>
            joinProject(doc, records, env, { projectKey: created.value, householdId, by }),
          );
          if (!joined.ok) return joined;
        }
        return created;
      },
      /**
       * The QR relay with no network (sync/relay-session.ts) over this device's document, writing
       * as the household on its phone and as a facilitator elsewhere: what a whole message brings
       * passes the sync server's own rights check before it is applied, and is stored like any
       * change from the server. Loaded on demand with its fountain code.
       */
      relaySession: async () => {
        const [{ RelaySession }, w, access, catalogue] = await Promise.all([
          import('../sync/relay-session'),
          deps.workspace(),
          device.access.get(perimeterId),
          deps.catalogue(),
        ]);
        return new RelaySession({
          doc: w.doc.doc,
          perimeterId,
          self:
            access?.role === 'household' && access.householdId
              ? { kind: 'household', householdId: access.householdId }
              : { kind: 'facilitator' },
          catalogueIdeas: new Set(catalogue.ideas.map((idea) => idea.id)),
          origin: RELAY_ORIGIN,
        });
      },
      /**
       * Changes a micro-project's name, next step or its date (the facilitator's tablet); a new
       * date before today is refused as 'date-past' (domain cafe-project-edit.ts editProject).
       */
      updateProject: (key: string, update: ProjectUpdate) =>
        run((doc, records) => editProject(doc, records, env, key, update)),
      /** Joins or leaves a micro-project. */
      setMembership: async (projectKey: string, householdId: string, member: boolean) => {
        const by = await author();
        const input = { projectKey, householdId, by };
        return run((doc, records) =>
          member ? joinProject(doc, records, env, input) : leaveProject(doc, records, env, input),
        );
      },
    },
  };
}

/**
 * The café in progress as the tablet shows it, read from the document in memory and the links'
 * world (workspace/links-reader.ts); undefined for an unknown café. bench/cafe-open.ts times it.
 */
export function readCafeBoard(doc: PerimeterDoc, world: MatchWorld, cafeId: string): CafeBoard | undefined {
  const records = cafeRecords(doc);
  const cafe = records.cafes.get(cafeId);
  if (!cafe) return undefined;
  const present = presentAt(doc, records, cafeId);
  const how: CafeBoard['how'] = {};
  for (const [key, attendance] of records.attendance.entries()) {
    const ids = parseAttendanceKey(key);
    if (ids?.cafeId === cafeId && attendance.present) how[ids.householdId] = attendance.how;
  }
  return {
    cafe,
    present,
    how,
    links: cafeLinks(world, cafe, present),
    proposals: proposalsWithState(records),
    projects: projectsWithMembers(records),
    groups: bigGroups(world),
  };
}

/** Collective ideas whose group of active 'join' answers reaches the perimeter's threshold. */
function bigGroups(world: MatchWorld): { ideaId: string; members: string[] }[] {
  const joiners = new Map<string, string[]>();
  for (const [householdId, answers] of world.answers) {
    if (!activeHousehold(world.household(householdId))) continue;
    for (const [ideaId, value] of answers) {
      if (value !== 'join' || world.isRetired(ideaId) || world.idea(ideaId)?.kind !== 'collective') continue;
      const list = joiners.get(ideaId);
      if (list) list.push(householdId);
      else joiners.set(ideaId, [householdId]);
    }
  }
  return [...joiners]
    .filter(([, members]) => members.length >= world.groupThreshold)
    .map(([ideaId, members]) => ({ ideaId, members: members.sort() }))
    .sort((a, b) => (a.ideaId < b.ideaId ? -1 : 1));
}
