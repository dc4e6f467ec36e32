/**
 * What the sync server's rights check costs per incoming update, against a large perimeter:
 * 500 households × 169 answers, every other one changed once (so the document holds deletes
 * scattered across the store, the worst case for a delete set).
 *
 *   node --import tsx bench/rights-check.ts
 *
 * `npm run bench` calls `rightsCheckFigures()` and prints the same figures as a table.
 *
 * The check decodes the update and resolves origins and deleted IDs in the live document; it never
 * copies the document. Each touched record that has a value is checked to keep one (walking the
 * origins of its value), and the owner of each client id written under is read from SQLite, as
 * the server does. The "copy" line shows what a copy per message would cost instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import {
  type Catalogue,
  type Household,
  type Proposal,
  MAX_PROPOSALS_PER_HOUSEHOLD,
  answerKey,
  attendanceKey,
  proposalKey,
} from '../src/domain';
import { type ClientOwner, type Writer, checkUpdate } from '../src/server/rights-check';
import { ServerStore } from '../src/server/store';

const HOUSEHOLDS = 500;
const at = '2026-11-21T14:00:00.000Z';
const catalogue = JSON.parse(
  fs.readFileSync(new URL('../src/catalogue/catalogue.v1.json', import.meta.url), 'utf8'),
) as Catalogue;
const ideas = catalogue.ideas.map((idea) => idea.id);
const proposal: Proposal = { title: 'Troc de graines', theme: 'jardin', kind: 'collective', hint: '', at };

function profile(id: string): Household {
  return {
    id,
    name: `Foyer ${id}`,
    place: '12 rue des Lilas',
    languages: ['fr'],
    joinedAt: at,
    sessionId: null,
    witnesses: [],
    founding: false,
    consent: { dataUse: true, shareContact: false, at },
  };
}

function change(doc: Y.Doc, run: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  doc.transact(run);
  doc.off('update', capture);
  return Y.mergeUpdates(updates);
}

/** Each household writes from its own device (its own Yjs client), as in real use. */
function buildPerimeter(): { server: Y.Doc; phone: Y.Doc; householdId: string } {
  const server = new Y.Doc();
  let phone = new Y.Doc();
  let householdId = '';
  for (let h = 0; h < HOUSEHOLDS; h++) {
    householdId = `household-${String(h).padStart(4, '0')}`;
    phone = new Y.Doc();
    const answers = phone.getMap('answers');
    phone.transact(() => {
      phone.getMap('profiles').set(householdId, profile(householdId));
      for (const idea of ideas) answers.set(answerKey(householdId, idea), { value: 'offer', at });
    });
    phone.transact(() => {
      for (const idea of ideas.filter((_, i) => i % 2 === 1))
        answers.set(answerKey(householdId, idea), { value: 'no', at });
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(phone));
  }
  return { server, phone, householdId };
}

export interface RightsCheckCase {
  label: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** Not a check: what the server would spend instead, for scale. */
  comparison: boolean;
}

export interface RightsCheckFigures {
  households: number;
  answersPerHousehold: number;
  encodedBytes: number;
  buildMs: number;
  cases: RightsCheckCase[];
}

function measure(label: string, runs: number, run: () => void, comparison = false): RightsCheckCase {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)] ?? 0;
  const p95 = times[Math.floor(runs * 0.95)] ?? 0;
  return { label, runs, medianMs: median, p95Ms: p95, comparison };
}

export function rightsCheckFigures(): RightsCheckFigures {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tissage-bench-'));
  const store = ServerStore.open(dataDir);
  const perimeterId = store.createPerimeter('Bench').id;
  const ownerOf: ClientOwner = (clientId) => store.clientIds.owner(perimeterId, clientId);

  function expectAccepted(writer: Writer, server: Y.Doc, update: Uint8Array): void {
    const { refusal } = checkUpdate(writer, ownerOf, server, update);
    if (refusal !== null) throw new Error(`unexpected refusal: ${refusal}`);
  }

  const built = performance.now();
  const { server, phone, householdId } = buildPerimeter();
  const state = Y.encodeStateAsUpdate(server);
  const buildMs = performance.now() - built;

  // The perimeter the synthetic document's record names (synthetic.ts).
  const documentOf = { perimeterId: 'perimeter-bench' };
  const household: Writer = {
    actor: { kind: 'household', householdId },
    owner: 'household:bench-phone',
    ...documentOf,
  };
  const facilitator: Writer = {
    actor: { kind: 'facilitator' },
    owner: 'facilitator:bench-tablet',
    ...documentOf,
  };

  /**
   * The household's device as the server last saw it. Each measured update starts from a fresh copy,
   * so that it builds on the server's state alone (a later clock of the same client would be pending);
   * its client id is bound to the household, as after its first accepted update.
   */
  function householdDevice(): Y.Map<unknown> & { doc: Y.Doc } {
    const device = new Y.Doc();
    Y.applyUpdate(device, Y.encodeStateAsUpdate(phone));
    store.clientIds.bind(perimeterId, [device.clientID], household.owner);
    return Object.assign(device.getMap('answers'), { doc: device });
  }

  // A local idea the facilitators added: the household has not answered it yet.
  server.getMap('ideas').set('local-new-idea', {
    id: 'local-new-idea',
    theme: catalogue.themes[0]!.id,
    kind: 'exchange',
    title: 'Une idée du quartier',
    hint: '',
    createdAt: at,
  });
  const fresh = householdDevice();
  const firstSet = change(fresh.doc, () =>
    fresh.set(answerKey(householdId, 'local-new-idea'), { value: 'seek', at }),
  );
  const single = householdDevice();
  const overwrite = change(single.doc, () =>
    single.set(answerKey(householdId, ideas[0]!), { value: 'both', at }),
  );
  const all = householdDevice();
  const wholeScan = change(all.doc, () => {
    for (const idea of ideas) all.set(answerKey(householdId, idea), { value: 'seek', at });
  });

  // A facilitator's tablet holding the whole perimeter: on every reconnect its sync step 2 carries
  // the document's entire delete set, even when it changed a single answer.
  const tablet = new Y.Doc();
  Y.applyUpdate(tablet, state);
  store.clientIds.bind(perimeterId, [tablet.clientID], facilitator.owner);
  tablet.getMap('answers').set(answerKey(householdId, ideas[1]!), { value: 'join', at });
  const tabletStep2 = Y.encodeStateAsUpdate(tablet, Y.encodeStateVector(server));
  const intruder = householdDevice();
  const foreign = change(intruder.doc, () =>
    intruder.set(answerKey('household-0000', ideas[0]!), { value: 'no', at }),
  );
  const renamer = householdDevice();
  const rename = change(renamer.doc, () =>
    renamer.doc.getMap('profiles').set(householdId, { ...profile(householdId), name: 'Les Martin' }),
  );

  // The Café-Rencontre (issue 12): a café with 60 present, and every household's proposals up to
  // the domain's cap, this one's but one: its next proposal is counted against 10,000 others'.
  server.transact(() => {
    server.getMap('cafes').set('cafe-bench', {
      id: 'cafe-bench',
      date: '2026-12-05',
      start: '14:00',
      end: '16:30',
      place: '12 rue des Lilas',
      theme: catalogue.themes[0]!.id,
      localTheme: null,
      ideaIds: [],
      welcome: '',
      state: 'planned',
      createdAt: at,
      updatedAt: at,
    });
    for (let h = 0; h < 60; h++) {
      const id = `household-${String(h).padStart(4, '0')}`;
      server
        .getMap('attendance')
        .set(attendanceKey('cafe-bench', id), { present: true, how: 'ticked', by: 'facilitator', at });
    }
    for (let h = 0; h < HOUSEHOLDS; h++) {
      const id = `household-${String(h).padStart(4, '0')}`;
      const count = id === householdId ? MAX_PROPOSALS_PER_HOUSEHOLD - 1 : MAX_PROPOSALS_PER_HOUSEHOLD;
      for (let i = 0; i < count; i++) server.getMap('proposals').set(proposalKey(id, `prop-${i}`), proposal);
    }
  });
  const proposer = householdDevice();
  const lastProposal = change(proposer.doc, () =>
    proposer.doc.getMap('proposals').set(proposalKey(householdId, 'prop-last'), proposal),
  );
  const arriving = householdDevice();
  const checkIn = change(arriving.doc, () =>
    arriving.doc
      .getMap('attendance')
      .set(attendanceKey('cafe-bench', householdId), { present: true, how: 'scanned', by: 'household', at }),
  );

  const cases = [
    measure('household sets a new answer (key in the update)', 2000, () =>
      expectAccepted(household, server, firstSet),
    ),
    measure('household changes an answer (origin + delete resolved)', 2000, () =>
      expectAccepted(household, server, overwrite),
    ),
    measure(`household changes all ${ideas.length} answers in one update`, 200, () =>
      expectAccepted(household, server, wholeScan),
    ),
    measure(`tablet reconnects: 1 change + whole delete set (${tabletStep2.length} B)`, 50, () =>
      expectAccepted(facilitator, server, tabletStep2),
    ),
    measure('household renames itself (sign-up fields compared)', 2000, () =>
      expectAccepted(household, server, rename),
    ),
    measure(
      `household's ${MAX_PROPOSALS_PER_HOUSEHOLD}th proposed idea, ${HOUSEHOLDS * MAX_PROPOSALS_PER_HOUSEHOLD - 1} in the document`,
      2000,
      () => expectAccepted(household, server, lastProposal),
    ),
    measure('household checks in at a café (café and household looked up)', 2000, () =>
      expectAccepted(household, server, checkIn),
    ),
    measure("household writes another household's answer (refused)", 2000, () => {
      if (checkUpdate(household, ownerOf, server, foreign).refusal !== 'forbidden')
        throw new Error('not refused');
    }),
    // A tablet that holds the whole perimeter syncs it to a server that has nothing yet (a new server,
    // or a perimeter created offline): the largest message a device sends, checked in one go.
    measure(`tablet's first sync of the whole perimeter (${(state.length / 1e6).toFixed(1)} MB)`, 5, () =>
      expectAccepted(facilitator, new Y.Doc(), state),
    ),
    measure(
      'for comparison: copying the document (encode + apply)',
      5,
      () => {
        Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(server));
      },
      true,
    ),
  ];

  store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    households: HOUSEHOLDS,
    answersPerHousehold: ideas.length,
    encodedBytes: state.length,
    buildMs,
    cases,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = rightsCheckFigures();
  console.log(
    `perimeter: ${figures.households} households × ${figures.answersPerHousehold} answers, ` +
      `${(figures.encodedBytes / 1e6).toFixed(2)} MB encoded, built in ${(figures.buildMs / 1000).toFixed(1)} s`,
  );
  for (const { label, medianMs, p95Ms } of figures.cases) {
    console.log(`${label.padEnd(64)} median ${medianMs.toFixed(3)} ms   p95 ${p95Ms.toFixed(3)} ms`);
  }
}
