/**
 * What bench/dashboard.ts and its page side both build from a perimeter's document: the
 * dashboard's input and the CSV export's source, as a device holds them in memory, and the periods
 * timed. Browser-safe (no Node module).
 */
import type * as Y from 'yjs';
import {
  type AnswerValue,
  type Attendance,
  type Cafe,
  type Choice,
  type DashboardInput,
  type Household,
  type Membership,
  type Project,
  indexChoices,
  parseAnswerKey,
} from '../src/domain';
import type { CsvSource } from '../src/domain/csv-export';
import type { PerimeterDoc } from '../src/sync/perimeter-doc';

export const YEAR = { from: '2026-01-01', to: '2026-12-31' };
export const QUARTER = { from: '2026-10-01', to: '2026-12-31' };

export function answerIndex(doc: Y.Doc): Map<string, Map<string, AnswerValue>> {
  const answers = new Map<string, Map<string, AnswerValue>>();
  for (const [key, answer] of doc.getMap<{ value: AnswerValue }>('answers').entries()) {
    const ids = parseAnswerKey(key);
    if (!ids) continue;
    answers.set(ids.householdId, (answers.get(ids.householdId) ?? new Map()).set(ids.ideaId, answer.value));
  }
  return answers;
}

/** The dashboard's input as a device builds it: the answer index, profiles, choices, café maps. */
export function inputOf(doc: Y.Doc, view: PerimeterDoc): DashboardInput {
  const profiles = doc.getMap<Household>('profiles');
  return {
    perimeter: view.perimeter()!,
    households: profiles.values(),
    world: {
      answers: answerIndex(doc),
      household: (id) => profiles.get(id),
      idea: (id) => view.idea(id),
      isRetired: (id) => view.isRetired(id),
      choices: indexChoices(doc.getMap<Choice>('choices').entries()),
    },
    records: {
      cafes: doc.getMap<Cafe>('cafes'),
      attendance: doc.getMap<Attendance>('attendance'),
      projects: doc.getMap<Project>('projects'),
      memberships: doc.getMap<Membership>('memberships'),
    },
  };
}

/** The CSV export's source: the document's maps as they are, titles from the catalogue. */
export function csvSourceOf(doc: Y.Doc, view: PerimeterDoc, themes: ReadonlyMap<string, string>): CsvSource {
  return {
    profiles: doc.getMap<Household>('profiles'),
    answers: doc.getMap('answers'),
    choices: doc.getMap<Choice>('choices'),
    records: { cafes: doc.getMap<Cafe>('cafes'), attendance: doc.getMap<Attendance>('attendance') },
    idea: (id) => view.idea(id),
    themeTitle: (id) => themes.get(id),
  };
}
