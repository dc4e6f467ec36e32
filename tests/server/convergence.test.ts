/**
 * Convergence, in the manner of Yjs's randomized tests (`applyRandomTests` + `compare`): the real
 * server as its own process and three real devices (a facilitator's tablet, two households'
 * phones), each a `PerimeterRuntime` with its own databases, each reaching the server through its
 * own link that the test pauses, slows down and cuts. Random commands run on the devices: answers,
 * the facilitator answering for a household at the same time as the household itself (two writers
 * on one key), sign-ups, sessions opened and closed, credentials issued and revoked, local ideas,
 * retirements, match choices (a household's own, the facilitator's for a household, on the same
 * keys), a household writing the other household's answer or choice (which the server refuses
 * and the device recovers from), and the server killed with SIGKILL and restarted in the middle
 * of a run.
 *
 * Converged means: once every link is back, every device and the server hold the same records,
 * which are those of a model of the allowed commands, and each device's read model is what a
 * rebuild from its document gives. After each crash, before any device can resend anything, the
 * restarted server still holds every change it had said was stored.
 *
 * The model: per key, the last value each writer wrote. A key with one writer must hold that value;
 * a key with several (a household's answer the facilitator also wrote) must hold one of the
 * writers' last values: Yjs picks one of two concurrent writes, and an earlier write of a writer
 * can never win over its own later one.
 *
 * The number of runs: TISSAGE_CONVERGENCE_RUNS (24 by default, for CI; a long run uses 1000).
 * Replay a failing run with the seed (and path) fast-check prints:
 *   TISSAGE_SEED=123 TISSAGE_PATH=2 npx vitest run --project server tests/server/convergence.test.ts
 */
import fs from 'node:fs';
import { MessageType } from '@hocuspocus/server';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import { describe, expect, it, onTestFailed, vi } from 'vitest';
import * as Y from 'yjs';
import {
  type AnswerValue,
  type Env,
  type ErrorCode,
  type IdeaKind,
  type Result,
  CHOICE_VALUES,
  SHARED_MAP_NAMES,
  answerKey,
  answersFor,
  choiceKey,
} from '../../src/domain';
import { formatToken } from '../../src/domain/credentials';
import { base64ToBytes, parseServerMessage } from '../../src/domain/server-messages';
import { type DeviceDb, openDeviceDb } from '../../src/storage/device-db';
import type { SyncStatus } from '../../src/sync/sync-status';
import { PerimeterRuntime } from '../../src/workspace/perimeter-runtime';
import {
  BrowserLikeWebSocket,
  type ControllableProxy,
  controllableProxy,
} from '../fixtures/controllable-proxy';
import { freshIndexedDb } from '../fixtures/fresh-indexeddb';
import { catalogue } from '../fixtures/memory-perimeter';
import { dumpReadModel, must, places, signUpInput } from '../fixtures/workspace';
import { type ChildServer, kill, spawnServer } from './child-server';
import { connect, facilitatorToken, synced, tempDataDir } from './helpers';

/** Each run starts its own server process and three devices: a few seconds each. */
const RUNS = Number(process.env.TISSAGE_CONVERGENCE_RUNS ?? 24);
/** Generous: a recovery waits for a reconnection, and each link may have held frames for a while. */
const CONVERGENCE_TIMEOUT = 30_000;

/** Shipped ideas the runs answer: exchanges and collective ones (which take other answers). */
const IDEAS = [
  'pret-perceuse',
  'pret-echelle',
  'jardin-tonte',
  'pret-placard-partage',
  'bricolage-atelier-reparation',
]
  .map((id) => catalogue.ideas.find((idea) => idea.id === id)!)
  .map(({ id, kind }) => ({ id, kind }));

type Records = Record<string, Record<string, unknown>>;

/** Every shared map of a document as plain JSON: two documents hold the same data when these are equal. */
function recordsOf(doc: Y.Doc): Records {
  return Object.fromEntries(SHARED_MAP_NAMES.map((name) => [name, doc.getMap(name).toJSON()]));
}

/** Clock and ids of one device: its own ids and its own day, so that a record tells who wrote it. */
function deviceEnv(prefix: string, day: string): Env {
  let time = Date.parse(`${day}T14:00:00.000Z`);
  let next = 0;
  return {
    now: () => new Date((time += 1000)).toISOString(),
    newId: () => `${prefix}${String(++next).padStart(6, '0')}`,
  };
}

/**
 * The server as `npm start` runs it, in its own process, so that a run can SIGKILL it; restarted on
 * the same port and data directory, so that the devices' links find it again by themselves.
 */
class ServerProcess {
  private child: ChildServer | undefined;
  /** What each process before the current one printed. */
  private readonly earlier: string[] = [];

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    this.child = await spawnServer(this.dataDir, {
      TISSAGE_PORT: String(this.child?.port ?? 0),
      TISSAGE_STORE_DEBOUNCE_MS: '50',
      TISSAGE_STORE_MAX_DEBOUNCE_MS: '500',
    });
  }

  /** A power cut: no signal handler runs, nothing pending is flushed. */
  async crash(): Promise<void> {
    if (!this.child) return;
    await kill(this.child, 'SIGKILL');
    this.earlier.push(this.child.output());
  }

  /** The warnings and errors every process of this server logged (pino: level 40 and up). */
  problems(): string[] {
    const outputs = [...this.earlier, ...(this.child ? [this.child.output()] : [])];
    return outputs.flatMap((output, index) =>
      output
        .split('\n')
        .filter((line) => /"level":(4|5|6)0/.test(line))
        .map((line) => `process ${index + 1}: ${line}`),
    );
  }

  get url(): string {
    return this.running.url;
  }

  get wsUrl(): string {
    return this.running.wsUrl;
  }

  private get running(): ChildServer {
    if (!this.child) throw new Error('the server was never started');
    return this.child;
  }
}

/**
 * Hocuspocus frames the server sent on any link: a `stored` message in one is a promise that the
 * state vector it carries is on disk. Returns that vector, or undefined for any other frame.
 */
function storedVectorIn(frame: Uint8Array): Map<number, number> | undefined {
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MessageType.Stateless) return undefined;
    const message = parseServerMessage(decoding.readVarString(decoder));
    return message?.type === 'stored' ? Y.decodeStateVector(base64ToBytes(message.stateVector)) : undefined;
  } catch {
    return undefined;
  }
}

/** Per client id, the highest clock the server ever said it stored. */
class Acknowledged {
  readonly vector = new Map<number, number>();

  see(frame: Uint8Array): void {
    for (const [client, clock] of storedVectorIn(frame) ?? [])
      this.vector.set(client, Math.max(clock, this.vector.get(client) ?? 0));
  }
}

interface Device {
  name: string;
  /** The day of this device's clock (YYYY-MM-DD): what it writes is dated that day. */
  day: string;
  proxy: ControllableProxy;
  db: DeviceDb;
  env: Env;
  runtime: PerimeterRuntime;
  /** Every status this device reported, in order. */
  statuses: SyncStatus[];
}

interface Household extends Device {
  householdId: string;
}

interface World {
  server: ServerProcess;
  acknowledged: Acknowledged;
  perimeterId: string;
  facilitatorToken: string;
  facilitator: Device;
  households: [Household, Household];
  founderIds: string[];
  sessionId: string;
  devices: Device[];
  /** The records once everyone joined, before any random command. */
  initial: Records;
}

/** Undo steps, run last first, whatever state a run stopped in. */
class Teardown {
  private readonly steps: (() => Promise<void> | void)[] = [];

  push(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    const errors: unknown[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'teardown failed');
  }
}

async function openDevice(
  teardown: Teardown,
  world: Pick<World, 'server' | 'acknowledged'>,
  perimeterId: string,
  name: string,
  day: string,
): Promise<Device> {
  const proxy = await controllableProxy(world.server.wsUrl, {
    onServerFrame: (frame) => world.acknowledged.see(frame),
  });
  teardown.push(() => proxy.close());
  const db = openDeviceDb(`${name}-device`);
  teardown.push(() => db.close());
  const env = deviceEnv(name, day);
  const runtime = new PerimeterRuntime(
    perimeterId,
    { device: db, env, catalogue, profile: name },
    {
      sync: proxy.url,
      http: world.server.url,
      WebSocketPolyfill: BrowserLikeWebSocket,
      reconnect: { delay: 50, maxDelay: 400 },
    },
  );
  teardown.push(() => runtime.close());
  const statuses: SyncStatus[] = [];
  runtime.status.subscribe((status) => statuses.push(status));
  await runtime.workspace();
  return { name, day, proxy, db, env, runtime, statuses };
}

/** Online, nothing waiting for the server, no problem. */
async function settled(device: Device, timeout = 10_000): Promise<void> {
  await vi.waitFor(
    () =>
      expect(device.runtime.status.get(), device.name).toMatchObject({
        mode: 'synced',
        connection: 'online',
        waiting: 0,
        problem: null,
      }),
    { timeout, interval: 20 },
  );
}

/**
 * The facilitator's tablet founds the perimeter, attaches to the server, opens a session, signs up
 * two households and issues each a credential; each household's phone joins with its token.
 */
async function startWorld(teardown: Teardown): Promise<World> {
  freshIndexedDb();
  const dataDir = tempDataDir();
  teardown.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const server = new ServerProcess(dataDir);
  await server.start();
  teardown.push(() => server.crash());
  const acknowledged = new Acknowledged();
  const { perimeterId, token } = await facilitatorToken({ url: server.url, dataDir });

  const links = { server, acknowledged };
  const facilitator = await openDevice(teardown, links, perimeterId, 'fac', '2026-11-21');
  const tablet = await facilitator.runtime.workspace();
  const founderIds = must(
    await tablet.found({
      name: 'Quartier des Lilas',
      places,
      dwellings: 180,
      founders: [
        { name: 'Fatima', place: places[0]! },
        { name: 'Jean', place: places[2]! },
      ],
    }),
  );
  await facilitator.runtime.attach({
    perimeterId,
    role: 'facilitator',
    token,
    householdId: null,
    joinedAt: facilitator.env.now(),
  });
  const sessionId = must(
    await tablet.openSession({
      date: '2026-11-21',
      place: 'Café du coin',
      kind: 'cafe',
      present: founderIds,
    }),
  );
  const signedUp = [];
  for (const name of ['Amina', 'Bruno']) {
    const householdId = must(await tablet.signUp(sessionId, signUpInput(name, [founderIds[0]!])));
    signedUp.push({ householdId, ...must(await tablet.issueCredential(householdId)) });
  }
  // The server checks a household's token against the credentials in its copy of the document.
  await settled(facilitator);

  const households = [];
  for (const [index, { householdId, credentialId, secret }] of signedUp.entries()) {
    const device = await openDevice(
      teardown,
      links,
      perimeterId,
      index === 0 ? 'hha' : 'hhb',
      `2026-11-${22 + index}`,
    );
    await device.runtime.attach({
      perimeterId,
      role: 'household',
      token: formatToken({ kind: 'household', perimeterId, credentialId, secret }),
      householdId,
      joinedAt: device.env.now(),
    });
    const phone = await device.runtime.workspace();
    await vi.waitFor(() => expect(phone.doc.household(householdId)).toBeDefined(), { timeout: 10_000 });
    await settled(device);
    households.push({ ...device, householdId });
  }
  const [a, b] = households as [Household, Household];
  return {
    server,
    acknowledged,
    perimeterId,
    facilitatorToken: token,
    facilitator,
    households: [a, b],
    founderIds,
    sessionId,
    devices: [facilitator, a, b],
    initial: recordsOf(tablet.doc.doc),
  };
}

/** What the server holds, read by a fresh device of its own on a direct link. */
async function serverDoc(world: World): Promise<Y.Doc> {
  const reader = connect(world.server.wsUrl, world.perimeterId, world.facilitatorToken);
  try {
    await synced(reader);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
    return copy;
  } finally {
    reader.destroy();
  }
}

async function serverRecords(world: World): Promise<Records> {
  return recordsOf(await serverDoc(world));
}

/** The read model kept up to date change by change equals the one rebuilt from the document. */
async function expectReadModelMatchesDocument(device: Device): Promise<void> {
  const workspace = await device.runtime.workspace();
  await workspace.readModel.settled();
  const incremental = await dumpReadModel(device.runtime.readDb);
  await workspace.readModel.rebuild();
  expect(incremental, `${device.name}: read model`).toEqual(await dumpReadModel(device.runtime.readDb));
  expect(incremental.answers).toHaveLength(Object.keys(workspace.doc.doc.getMap('answers').toJSON()).length);
}

// ---------------------------------------------------------------------------------------------
// The random operations

type Op =
  | { op: 'addIdea'; theme: number; kind: IdeaKind }
  | { op: 'founderAnswer'; founder: number; idea: number; value: number }
  | { op: 'facilitatorAnswer'; household: number; idea: number; value: number }
  | { op: 'retire'; idea: number; retired: boolean }
  | { op: 'answer'; household: number; idea: number; value: number }
  | { op: 'forbidden'; household: number; idea: number; value: number }
  | { op: 'choose' | 'facilitatorChoose' | 'forbiddenChoice'; household: number; idea: number; value: number }
  | { op: 'meet'; household: number; idea: number }
  | { op: 'openSession'; withSignedUp: boolean }
  | { op: 'closeSession'; session: number }
  | { op: 'signUp'; session: number }
  | { op: 'issue'; household: number }
  | { op: 'revoke'; credential: number }
  | { op: 'crash' }
  | { op: 'link'; device: number; action: 'pause' | 'resume' | 'cut' }
  | { op: 'delay'; device: number; ms: number };

/** An idea: one of IDEAS, or (from IDEAS.length on) one of the local ideas added so far. */
const ideaArb = fc.nat({ max: IDEAS.length + 2 });
const valueArb = fc.nat({ max: 3 });
const householdArb = fc.nat({ max: 1 });
const deviceArb = fc.nat({ max: 2 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('addIdea' as const),
      theme: fc.nat({ max: catalogue.themes.length - 1 }),
      kind: fc.constantFrom<IdeaKind>('exchange', 'collective'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('founderAnswer' as const),
      founder: fc.nat({ max: 1 }),
      idea: ideaArb,
      value: valueArb,
    }),
  },
  {
    // Mostly on the two households with a phone: the same keys their phones write.
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('facilitatorAnswer' as const),
      household: fc.nat({ max: 3 }),
      idea: ideaArb,
      value: valueArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('retire' as const), idea: ideaArb, retired: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('answer' as const),
      household: householdArb,
      idea: ideaArb,
      value: valueArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('forbidden' as const),
      household: householdArb,
      idea: ideaArb,
      value: valueArb,
    }),
  },
  {
    // A household's choice about the other, from its phone or the tablet; or, forbidden, the
    // other household's choice about it, from its phone.
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'choose' as const,
        'choose' as const,
        'facilitatorChoose' as const,
        'forbiddenChoice' as const,
      ),
      household: householdArb,
      idea: ideaArb,
      value: fc.nat({ max: CHOICE_VALUES.length - 1 }),
    }),
  },
  {
    // The two households' phones answer so that they meet on an idea: choices then have links.
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('meet' as const), household: householdArb, idea: ideaArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('openSession' as const), withSignedUp: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('closeSession' as const), session: fc.nat({ max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('signUp' as const), session: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('issue' as const), household: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revoke' as const), credential: fc.nat({ max: 3 }) }) },
  // About one run in two sees a crash: each costs a server start.
  { weight: 1, arbitrary: fc.constant({ op: 'crash' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('link' as const),
      device: deviceArb,
      action: fc.constantFrom('pause' as const, 'resume' as const, 'cut' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('delay' as const), device: deviceArb, ms: fc.nat({ max: 200 }) }),
  },
);

/**
 * Refusals a command may meet because of what its device has received or not: a local idea not
 * here yet, an idea retired. Anything else fails the run: a storage failure, or a household that
 * went missing while its phone rebuilt after a refusal.
 */
const EXPECTED_REFUSALS = new Set<ErrorCode>(['idea-missing', 'idea-retired', 'link-not-a-match']);

type WrittenMap = Exclude<(typeof SHARED_MAP_NAMES)[number], 'meta'>;

class Run {
  /** Per map, per key, per writer (a device's name): the last value that writer wrote. */
  readonly written = new Map<string, Map<string, Map<string, unknown>>>();
  /** Forbidden answers and choices that a device wrote, by the name of the device. */
  readonly forbidden: { device: string; map: 'answers' | 'choices'; key: string; value: unknown }[] = [];
  readonly localIdeas: { id: string; kind: IdeaKind }[] = [];
  readonly refusals: ErrorCode[] = [];
  /** Sessions the facilitator opened and has not closed, the first one included. */
  readonly sessions: string[];
  /** Households signed up during the run (no phone of their own). */
  readonly signedUp: string[] = [];
  /** Credentials issued during the run: no device uses them, so revoking one stops no one. */
  readonly spareCredentials: string[] = [];
  readonly crashes: number[] = [];
  /** The devices whose link the run paused and has not resumed. */
  private readonly paused = new Set<number>();

  constructor(private readonly world: World) {
    this.sessions = [world.sessionId];
  }

  async perform(op: Op): Promise<void> {
    const { facilitator, households, founderIds, devices } = this.world;
    const tablet = await facilitator.runtime.workspace();
    switch (op.op) {
      case 'addIdea': {
        const theme = catalogue.themes[op.theme]!.id;
        const added = await tablet.addLocalIdea({
          theme,
          kind: op.kind,
          title: `Idée ${this.localIdeas.length + 1}`,
          hint: '',
        });
        if (this.accepted(added)) {
          this.localIdeas.push({ id: added.value, kind: op.kind });
          // Its key is new: no one else can have written it since.
          this.wrote(facilitator, 'ideas', added.value, tablet.doc.map('ideas').get(added.value));
        }
        return;
      }
      case 'founderAnswer':
      case 'facilitatorAnswer': {
        const householdId =
          op.op === 'founderAnswer'
            ? founderIds[op.founder]!
            : op.household < 2 || this.signedUp.length === 0
              ? households[op.household % 2]!.householdId
              : this.signedUp[(op.household - 2) % this.signedUp.length]!;
        const { id, value } = this.ideaAndValue(op.idea, op.value);
        const key = answerKey(householdId, id);
        const answering = tablet.answer(householdId, id, value, undefined);
        const written = tablet.doc.map('answers').get(key);
        if (this.accepted(await answering)) this.wrote(facilitator, 'answers', key, written, value);
        return;
      }
      case 'retire': {
        const { id } = this.ideaAndValue(op.idea, 0);
        const retiring = tablet.retireIdea(id, op.retired);
        const written = tablet.doc.map('retired').get(id);
        if (this.accepted(await retiring)) this.wrote(facilitator, 'retired', id, written);
        return;
      }
      case 'answer':
      case 'forbidden': {
        const household = households[op.household]!;
        const target = op.op === 'answer' ? household : households[1 - op.household]!;
        const phone = await household.runtime.workspace();
        const { id, value } = this.ideaAndValue(op.idea, op.value);
        const key = answerKey(target.householdId, id);
        const answering = phone.answer(target.householdId, id, value, undefined);
        // Read at once (each command writes synchronously, before its first await): a forbidden
        // answer may lose to its owner's concurrent one in this document before the command resolves.
        const written = phone.doc.map('answers').get(key);
        if (!this.accepted(await answering)) return;
        if (op.op === 'answer') this.wrote(household, 'answers', key, written, value);
        else this.forbidden.push({ device: household.name, map: 'answers', key, value: written });
        return;
      }
      case 'choose':
      case 'facilitatorChoose':
      case 'forbiddenChoice': {
        const [household, other] = [households[op.household]!, households[1 - op.household]!];
        const [owner, about] = op.op === 'forbiddenChoice' ? [other, household] : [household, other];
        const device = op.op === 'facilitatorChoose' ? facilitator : household;
        const workspace = await device.runtime.workspace();
        // Mostly an idea they meet on, as this device sees it; otherwise any (then likely refused).
        const meeting = workspace.links
          .neighbours(owner.householdId)
          .find((neighbour) => neighbour.otherId === about.householdId)?.links;
        const id = meeting?.length
          ? meeting[op.idea % meeting.length]!.ideaId
          : this.ideaAndValue(op.idea, 0).id;
        const key = choiceKey(owner.householdId, about.householdId, id);
        const choosing = workspace.chooseLink({
          by: op.op === 'facilitatorChoose' ? 'facilitator' : 'household',
          householdId: owner.householdId,
          otherId: about.householdId,
          ideaId: id,
          value: CHOICE_VALUES[op.value]!,
        });
        const written = workspace.doc.map('choices').get(key);
        if (!this.accepted(await choosing)) return;
        if (op.op === 'forbiddenChoice')
          this.forbidden.push({ device: device.name, map: 'choices', key, value: written });
        else this.wrote(device, 'choices', key, written);
        return;
      }
      case 'meet': {
        // On an exchange idea: two households alone never make a collective idea's group (3).
        const exchanges = IDEAS.filter((idea) => idea.kind === 'exchange');
        const { id } = exchanges[op.idea % exchanges.length]!;
        const pair = [households[op.household]!, households[1 - op.household]!];
        const values: AnswerValue[] = ['offer', 'seek'];
        for (const [index, household] of pair.entries()) {
          const phone = await household.runtime.workspace();
          const key = answerKey(household.householdId, id);
          const answering = phone.answer(household.householdId, id, values[index]!, undefined);
          const written = phone.doc.map('answers').get(key);
          if (this.accepted(await answering)) this.wrote(household, 'answers', key, written, values[index]);
        }
        return;
      }
      case 'openSession': {
        const present = op.withSignedUp ? [...founderIds, ...this.signedUp.slice(-1)] : founderIds;
        const sessionId = must(
          await this.facilitatorWrites(() =>
            tablet.openSession({ date: facilitator.day, place: 'Square', kind: 'aperitif', present }),
          ),
        );
        this.sessions.push(sessionId);
        return;
      }
      case 'closeSession': {
        if (this.sessions.length === 0) return;
        const [sessionId] = this.sessions.splice(op.session % this.sessions.length, 1);
        must(await this.facilitatorWrites(() => tablet.closeSession(sessionId!)));
        return;
      }
      case 'signUp': {
        if (this.sessions.length === 0) return;
        const sessionId = this.sessions[op.session % this.sessions.length]!;
        const name = `Foyer ${this.signedUp.length + 1}`;
        const input = signUpInput(name, [founderIds[0]!]);
        this.signedUp.push(must(await this.facilitatorWrites(() => tablet.signUp(sessionId, input))));
        return;
      }
      case 'issue': {
        const all = [...households.map((h) => h.householdId), ...this.signedUp];
        const householdId = all[op.household % all.length]!;
        const { credentialId } = must(
          await this.facilitatorWrites(() => tablet.issueCredential(householdId)),
        );
        this.spareCredentials.push(credentialId);
        return;
      }
      case 'revoke': {
        if (this.spareCredentials.length === 0) return;
        const credentialId = this.spareCredentials[op.credential % this.spareCredentials.length]!;
        must(await this.facilitatorWrites(() => tablet.revokeCredential(credentialId)));
        expect(tablet.doc.map('credentials').get(credentialId)).toMatchObject({ revoked: true });
        return;
      }
      case 'crash':
        await this.crash();
        return;
      case 'link': {
        const { proxy } = devices[op.device]!;
        if (op.action === 'pause') {
          proxy.pause();
          this.paused.add(op.device);
        } else if (op.action === 'resume') {
          proxy.resume();
          this.paused.delete(op.device);
        } else proxy.cut();
        return;
      }
      case 'delay':
        devices[op.device]!.proxy.setDelay(op.ms);
        return;
    }
  }

  /**
   * Runs a facilitator command and records every record it wrote outside `answers` and `choices`: what changed
   * there in the tablet's document while the command ran (a sign-up also marks its household
   * present in the session, say). Only the facilitator writes those maps, so nothing else can have
   * changed them meanwhile.
   */
  private async facilitatorWrites<T>(command: () => Promise<Result<T>>): Promise<Result<T>> {
    const { facilitator } = this.world;
    const doc = (await facilitator.runtime.workspace()).doc.doc;
    const before = recordsOf(doc);
    const result = await command();
    const after = recordsOf(doc);
    for (const map of SHARED_MAP_NAMES) {
      // Households write answers and choices too, and theirs may arrive while the command runs.
      if (map === 'answers' || map === 'meta' || map === 'choices') continue;
      for (const [key, value] of Object.entries(after[map] ?? {}))
        if (JSON.stringify(value) !== JSON.stringify(before[map]?.[key]))
          this.wrote(facilitator, map, key, value);
    }
    return result;
  }

  /**
   * SIGKILL, then a restart on the same data. Every link holds its frames meanwhile, so that the
   * restarted server is read before any device could send it again what it lost.
   */
  private async crash(): Promise<void> {
    const { server, devices, acknowledged } = this.world;
    const held = devices.flatMap(({ proxy }, index) => (this.paused.has(index) ? [] : [proxy]));
    for (const proxy of held) proxy.pause();
    await server.crash();
    await server.start();
    const restarted = Y.decodeStateVector(Y.encodeStateVector(await serverDoc(this.world)));
    const lost = [...acknowledged.vector].filter(([client, clock]) => (restarted.get(client) ?? 0) < clock);
    expect(lost, 'changes the server said it stored, missing after its restart').toEqual([]);
    this.crashes.push(acknowledged.vector.size);
    for (const proxy of held) proxy.resume();
  }

  /**
   * What the allowed commands leave, given what a device ended with: a key one writer wrote holds
   * its last value; a key several wrote holds one of their last values (the one `actual` holds,
   * when it is one of them).
   */
  expected(actual: Records): Records {
    const records = structuredClone(this.world.initial);
    for (const [map, keys] of this.written) {
      for (const [key, byWriter] of keys) {
        const candidates = [...byWriter.values()];
        const held = actual[map]?.[key];
        const chosen = candidates.find((value) => JSON.stringify(value) === JSON.stringify(held));
        (records[map] ??= {})[key] = chosen ?? candidates[0];
      }
    }
    return records;
  }

  private ideaAndValue(index: number, valueIndex: number): { id: string; value: AnswerValue } {
    const idea =
      index < IDEAS.length || this.localIdeas.length === 0
        ? IDEAS[index % IDEAS.length]!
        : this.localIdeas[(index - IDEAS.length) % this.localIdeas.length]!;
    const values = answersFor(idea);
    return { id: idea.id, value: values[valueIndex % values.length]! };
  }

  private accepted<T>(result: Result<T>): result is { ok: true; value: T } {
    if (result.ok) return true;
    for (const { code } of result.errors) {
      if (!EXPECTED_REFUSALS.has(code))
        throw new Error(`unexpected refusal: ${JSON.stringify(result.errors)}`);
      this.refusals.push(code);
    }
    return false;
  }

  /** `record` is what the command wrote, read from its document; `answer` the answer it was given. */
  private wrote(writer: Device, map: WrittenMap, key: string, record: unknown, answer?: AnswerValue): void {
    expect(record, `${map}/${key} just written`).toBeDefined();
    if (answer) expect(record, `${map}/${key} just written`).toMatchObject({ value: answer });
    let keys = this.written.get(map);
    if (!keys) this.written.set(map, (keys = new Map()));
    let byWriter = keys.get(key);
    if (!byWriter) keys.set(key, (byWriter = new Map()));
    byWriter.set(writer.name, structuredClone(record));
  }
}

/** Every link back to normal, then every device, the server and the model agree. */
async function expectConverged(world: World, run: Run): Promise<void> {
  for (const { proxy } of world.devices) {
    proxy.setDelay(0);
    proxy.resume();
  }
  await vi.waitFor(
    async () => {
      // Read again each time: a refusal makes the tablet rebuild its document.
      const reference = recordsOf((await world.facilitator.runtime.workspace()).doc.doc);
      for (const device of world.devices) {
        expect(device.runtime.status.get(), device.name).toMatchObject({
          mode: 'synced',
          connection: 'online',
          waiting: 0,
          problem: null,
        });
        const doc = (await device.runtime.workspace()).doc.doc;
        expect(recordsOf(doc), device.name).toEqual(reference);
      }
    },
    { timeout: CONVERGENCE_TIMEOUT, interval: 50 },
  );

  // Only a forbidden write makes the server refuse a device's changes and the device rebuild: a
  // rebuild anywhere else (after a crash, say) means the server refused a change it should have taken.
  for (const device of world.devices) {
    const rebuilds = new Set(device.statuses.flatMap(({ recovered }) => (recovered ? [recovered.at] : [])));
    const forbidden = run.forbidden.filter((write) => write.device === device.name).length;
    expect(rebuilds.size, `${device.name}: rebuilds`).toBeLessThanOrEqual(forbidden);
  }
  const onServer = await serverRecords(world);
  expect(onServer, 'server').toEqual(run.expected(onServer));
  for (const device of world.devices) {
    const doc = (await device.runtime.workspace()).doc.doc;
    expect(recordsOf(doc), device.name).toEqual(onServer);
    expect([...doc.share.keys()].filter((name) => !SHARED_MAP_NAMES.includes(name as never))).toEqual([]);
    for (const { map, key, value } of run.forbidden) {
      expect(doc.getMap(map).get(key), `${device.name}: forbidden ${map}/${key}`).not.toEqual(value);
    }
    await expectReadModelMatchesDocument(device);
  }
}

// ---------------------------------------------------------------------------------------------

describe('three devices and the server', () => {
  it(
    'converge to the model of the allowed commands, whatever the links and the server did',
    async () => {
      const seed = process.env.TISSAGE_SEED ? Number(process.env.TISSAGE_SEED) : Date.now() % 2 ** 31;
      const path = process.env.TISSAGE_PATH;
      let runIndex = -1;
      let crashes = 0;
      let choices = 0;
      // A run that hangs ends in a test timeout, which fast-check cannot report: say it here.
      onTestFailed(() => {
        console.error(`convergence: replay with TISSAGE_SEED=${seed} TISSAGE_PATH=${path ?? runIndex}`);
      });
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 60 }), async (ops) => {
          runIndex++;
          const teardown = new Teardown();
          let world: World | undefined;
          try {
            world = await startWorld(teardown);
            const run = new Run(world);
            for (const op of ops) await run.perform(op);
            await expectConverged(world, run);
            crashes += run.crashes.length;
            choices += run.written.get('choices')?.size ?? 0;
            // A long run (TISSAGE_CONVERGENCE_RUNS=1000) says how far it got as it goes.
            if ((runIndex + 1) % 50 === 0) console.info(`convergence: ${runIndex + 1} runs passed`);
          } catch (error) {
            // A failing run is timing-dependent and may not replay: say what the server refused and
            // what each device went through while it is at hand.
            for (const device of world?.devices ?? []) {
              const trouble = device.statuses.filter(({ problem, recovered }) => problem || recovered);
              console.error(`convergence: ${device.name} statuses with a problem`, JSON.stringify(trouble));
            }
            console.error(`convergence: server warnings\n${world?.server.problems().join('\n')}`);
            throw error;
          } finally {
            await teardown.run();
          }
        }),
        {
          // A path names one run: replay that one alone.
          numRuns: path ? 1 : RUNS,
          seed,
          ...(path ? { path } : {}),
          // Each run starts a server and three devices: shrinking would take minutes. The printed
          // seed and path replay the failing run as it was.
          endOnFailure: true,
          // A run that hangs fails on its own, with its seed and path, instead of using up the test.
          timeout: 60_000,
        },
      );
      console.info(
        `convergence: ${runIndex + 1} runs, ${crashes} server crashes, ${choices} choices kept, seed ${seed}`,
      );
    },
    RUNS * 60_000,
  );

  it("refuses a household's write to another household's answer; the writer recovers and keeps its own", async () => {
    const teardown = new Teardown();
    try {
      const world = await startWorld(teardown);
      const [a, b] = world.households;
      const phoneA = await a.runtime.workspace();
      must(await phoneA.answer(a.householdId, 'pret-perceuse', 'offer', undefined));
      const ownKey = answerKey(a.householdId, 'pret-perceuse');
      const original = phoneA.doc.map('answers').get(ownKey);
      await settled(a);
      const phoneB = await b.runtime.workspace();
      await vi.waitFor(() => expect(phoneB.doc.map('answers').get(ownKey)).toEqual(original));
      const seenByA: unknown[] = [];
      phoneA.doc.map('answers').observe((event) => {
        if (event.keysChanged.has(ownKey)) seenByA.push(phoneA.doc.map('answers').get(ownKey));
      });

      // B's link holds its frames; then it drops them, so that B's own answers and the forbidden
      // one reach the server together, in the sync message after B reconnects, and are refused whole.
      b.proxy.pause();
      must(await phoneB.answer(b.householdId, 'pret-echelle', 'seek', undefined));
      must(await phoneB.answer(b.householdId, 'pret-placard-partage', 'join', undefined));
      must(await phoneB.answer(a.householdId, 'pret-perceuse', 'no', undefined));
      const forbidden = phoneB.doc.map('answers').get(ownKey);
      const ownOfB = [
        answerKey(b.householdId, 'pret-echelle'),
        answerKey(b.householdId, 'pret-placard-partage'),
      ];
      const unsaved = ownOfB.map((key) => [key, phoneB.doc.map('answers').get(key)] as const);
      b.proxy.cut();
      b.proxy.resume();

      await vi.waitFor(() => expect(b.runtime.status.get().recovered).not.toBeNull(), { timeout: 10_000 });
      expect(b.runtime.status.get().recovered?.dropped).toBe(1);
      expect(b.statuses.map((status) => status.problem)).toContain('recovering');
      await Promise.all(world.devices.map((device) => settled(device)));

      const rebuilt = await b.runtime.workspace();
      expect(rebuilt).not.toBe(phoneB);
      expect(rebuilt.doc.map('answers').get(ownKey)).toEqual(original);
      for (const [key, value] of unsaved) {
        expect(rebuilt.doc.map('answers').get(key), key).toEqual(value);
        await vi.waitFor(() => expect(phoneA.doc.map('answers').get(key), key).toEqual(value));
      }
      const onServer = await serverRecords(world);
      expect(onServer.answers?.[ownKey]).toEqual(original);
      for (const [key, value] of unsaved) expect(onServer.answers?.[key], key).toEqual(value);
      expect(phoneA.doc.map('answers').get(ownKey)).toEqual(original);
      expect(seenByA).not.toContainEqual(forbidden);
      const row = await b.runtime.readDb.householdAnswers.get(a.householdId);
      expect(row?.answers['pret-perceuse']).toBe('offer');
      await expectReadModelMatchesDocument(b);
    } finally {
      await teardown.run();
    }
  });
});

describe('a household phone rebuilding after a refusal', () => {
  it('keeps its records and takes its own answers while it cannot reach the server', async () => {
    const teardown = new Teardown();
    try {
      const world = await startWorld(teardown);
      const [a, b] = world.households;
      const phone = await b.runtime.workspace();
      const households = await b.runtime.readDb.households.count();
      // The link goes down just as the server's refusal arrives: the phone cannot fetch the
      // server's copy to rebuild from.
      const watching = b.runtime.status.subscribe((status) => {
        if (status.problem === 'recovering') b.proxy.pause();
      });
      must(await phone.answer(a.householdId, 'pret-perceuse', 'no', undefined));
      await vi.waitFor(() => expect(b.runtime.status.get().problem).toBe('recovering'), { timeout: 10_000 });
      watching.unsubscribe();

      const meanwhile = await b.runtime.workspace();
      must(await meanwhile.answer(b.householdId, 'pret-echelle', 'seek', undefined));
      const own = meanwhile.doc.map('answers').get(answerKey(b.householdId, 'pret-echelle'));
      expect(await b.runtime.readDb.households.count()).toBe(households);

      b.proxy.resume();
      await Promise.all(world.devices.map((device) => settled(device)));
      expect(b.runtime.status.get().recovered?.dropped).toBe(1);
      const onServer = await serverRecords(world);
      expect(onServer.answers?.[answerKey(b.householdId, 'pret-echelle')]).toEqual(own);
      expect(onServer.answers?.[answerKey(a.householdId, 'pret-perceuse')]).toBeUndefined();
      await expectReadModelMatchesDocument(b);
    } finally {
      await teardown.run();
    }
  });
});

describe('a phone whose credential is revoked while its link holds its changes', () => {
  it('keeps what the server stored before, never gets the rest in, says so, and the others converge', async () => {
    const teardown = new Teardown();
    try {
      const world = await startWorld(teardown);
      const [a, b] = world.households;
      const tablet = await world.facilitator.runtime.workspace();
      const phone = await b.runtime.workspace();
      must(await phone.answer(b.householdId, 'pret-perceuse', 'offer', undefined));
      const stored = phone.doc.map('answers').get(answerKey(b.householdId, 'pret-perceuse'));
      await settled(b);

      b.proxy.pause();
      must(await phone.answer(b.householdId, 'pret-echelle', 'seek', undefined));
      const [credential] = tablet.credentialsOf(b.householdId);
      must(await tablet.revokeCredential(credential!.credentialId));
      // Read on the server itself: the tablet's count of waiting changes is updated a moment later.
      await vi.waitFor(
        async () =>
          expect((await serverRecords(world)).credentials?.[credential!.credentialId]).toMatchObject({
            revoked: true,
          }),
        { timeout: 10_000 },
      );
      b.proxy.resume();

      await vi.waitFor(() => expect(b.runtime.status.get().problem).toBe('revoked'), { timeout: 10_000 });
      // The phone keeps its own answer and still counts it as waiting: nothing says it was saved.
      expect(phone.doc.map('answers').get(answerKey(b.householdId, 'pret-echelle'))).toBeDefined();
      await vi.waitFor(() => expect(b.runtime.status.get().waiting).toBeGreaterThan(0));
      const phoneA = await a.runtime.workspace();
      must(await phoneA.answer(a.householdId, 'jardin-tonte', 'both', undefined));
      await Promise.all([settled(world.facilitator), settled(a)]);

      const onServer = await serverRecords(world);
      expect(onServer.answers?.[answerKey(b.householdId, 'pret-perceuse')]).toEqual(stored);
      expect(onServer.answers?.[answerKey(b.householdId, 'pret-echelle')]).toBeUndefined();
      expect(onServer.credentials?.[credential!.credentialId]).toMatchObject({ revoked: true });
      await vi.waitFor(async () => {
        for (const device of [world.facilitator, a])
          expect(recordsOf((await device.runtime.workspace()).doc.doc), device.name).toEqual(onServer);
      });
    } finally {
      await teardown.run();
    }
  });
});

describe('a tablet whose last change touched only credentials', () => {
  it('keeps a read model that says it is current, so the next start does not rebuild it', async () => {
    const teardown = new Teardown();
    try {
      const world = await startWorld(teardown);
      // Quiet first: a neighbour's change arriving between the projection and the check would
      // rightly make the read model look behind.
      await Promise.all([world.facilitator, ...world.households].map((device) => settled(device)));
      const tablet = await world.facilitator.runtime.workspace();
      must(await tablet.issueCredential(world.households[0].householdId));
      await settled(world.facilitator);
      await tablet.readModel.settled();
      expect(await tablet.readModel.catchUp()).toBe('current');
      await expectReadModelMatchesDocument(world.facilitator);
    } finally {
      await teardown.run();
    }
  });
});
