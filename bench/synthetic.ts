/**
 * A synthetic perimeter of 500 households, built through the real domain commands into a real
 * shared document, on two workloads: realistic (30 answers per household on average, one in ten
 * changed once) and worst case (every household answers every idea).
 */
import * as Y from 'yjs';
import {
  type AnswerValue,
  type Catalogue,
  type Change,
  type Env,
  answer,
  answersFor,
  createPerimeter,
  openSession,
  signUpHousehold,
} from '../src/domain';
import { PerimeterDoc } from '../src/sync/perimeter-doc';
import catalogueJson from '../src/catalogue/catalogue.v1.json';

export const catalogue = catalogueJson as Catalogue;

export type Workload = 'realistic' | 'worst';

/** Deterministic pseudo-random numbers (mulberry32): the same perimeter on every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchEnv(): Env {
  let time = Date.parse('2026-09-01T14:00:00.000Z');
  let id = 0;
  return {
    now: () => new Date((time += 1000)).toISOString(),
    newId: () => `h${(++id).toString(36).padStart(7, '0')}`,
  };
}

export interface SyntheticPerimeter {
  doc: Y.Doc;
  perimeterId: string;
  households: number;
  answers: number;
}

export function syntheticPerimeter(
  workload: Workload,
  households = 500,
  perimeterId = 'perimeter-bench',
): SyntheticPerimeter {
  const doc = new Y.Doc();
  const view = new PerimeterDoc(doc, catalogue);
  const env = benchEnv();
  const rand = random(workload === 'realistic' ? 1 : 2);
  const commit = (result: { ok: true; value: { changes: Change[] } } | { ok: false; errors: unknown }) => {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    view.apply(result.value.changes, null);
  };
  const places = Array.from({ length: 12 }, (_, i) => `${i + 1} rue des Lilas`);
  const created = createPerimeter(view, env, perimeterId, {
    name: 'Quartier des Lilas',
    places,
    dwellings: households,
    founders: [{ name: 'Fatima', place: places[0]! }],
  });
  commit(created);
  const founder = created.ok ? created.value.value.founderIds[0]! : '';
  const session = openSession(view, env, {
    date: '2026-09-01',
    place: 'Café',
    kind: 'cafe',
    present: [founder],
  });
  commit(session);
  const sessionId = session.ok ? session.value.value : '';
  let answers = 0;
  for (let h = 1; h < households; h++) {
    const signed = signUpHousehold(view, env, sessionId, {
      name: `Voisin ${h}`,
      place: places[h % places.length]!,
      languages: ['fr'],
      contact: {},
      dataUse: true,
      shareContact: rand() < 0.7,
      witnesses: [founder],
    });
    commit(signed);
    if (!signed.ok) continue;
    const householdId = signed.value.value.householdId;
    const count = workload === 'worst' ? catalogue.ideas.length : Math.round(10 + rand() * 40);
    const ideas = workload === 'worst' ? catalogue.ideas : shuffled(catalogue.ideas, rand).slice(0, count);
    for (const idea of ideas) {
      const values = answersFor(idea);
      const pick = (): AnswerValue => values[Math.floor(rand() * values.length)]!;
      // One transaction per answer, as on the tablet: one update per tap.
      commit(answer(view, env, { householdId, ideaId: idea.id, value: pick() }));
      answers++;
      if (workload === 'realistic' && rand() < 0.1)
        commit(answer(view, env, { householdId, ideaId: idea.id, value: pick() }));
    }
  }
  return { doc, perimeterId, households, answers };
}

/** The same data as plain JSON, as a naive app without CRDTs would keep it. */
export function asJson(doc: Y.Doc): string {
  return JSON.stringify({
    perimeter: doc.getMap('meta').toJSON(),
    profiles: doc.getMap('profiles').toJSON(),
    answers: doc.getMap('answers').toJSON(),
    sessions: doc.getMap('sessions').toJSON(),
  });
}

function shuffled<T>(items: T[], rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
