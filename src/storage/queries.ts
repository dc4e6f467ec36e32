/**
 * Live queries over the read model and the device's own data. They need neither Yjs nor the
 * document: the first screen renders from Dexie while the document loads in the background.
 */
import { liveQuery } from 'dexie';
import type { AnswerValue, Catalogue, MatchSummary } from '../domain';
import { summarize } from '../domain/matching';
import type { DeviceDb } from './device-db';
import { type ReadModelDb, packedAnswersViews } from './read-model';

/** The shape of a Dexie observable, and of what these queries return. */
export interface Observable<T> {
  subscribe(next: (value: T) => void, error?: (reason: unknown) => void): { unsubscribe(): void };
}

export function perimeterQueries(
  perimeterId: string,
  read: ReadModelDb,
  device: DeviceDb,
  catalogue: () => Promise<Catalogue>,
) {
  return {
    perimeter: () =>
      liveQuery(async () => {
        const row = await read.meta.get('perimeter');
        return row?.key === 'perimeter' ? row.value : undefined;
      }),
    /** Signed-up households, erased ones left out (issue 13: they appear in no list nor count). */
    households: () =>
      liveQuery(() =>
        read.households
          .orderBy('id')
          .filter((household) => household.erasedAt === undefined)
          .toArray(),
      ),
    sessions: () => liveQuery(() => read.sessions.orderBy('openedAt').reverse().toArray()),
    answersOf: (householdId: string) =>
      liveQuery(async () => {
        const row = await read.householdAnswers.get(householdId);
        return new Map<string, AnswerValue>(Object.entries(row?.answers ?? {}));
      }),
    scans: () => liveQuery(() => device.scans.where('perimeterId').equals(perimeterId).toArray()),
    catalogue: () =>
      after(catalogue(), (shipped) =>
        liveQuery(async () => {
          const [local, retired] = await Promise.all([read.ideas.toArray(), read.retired.toArray()]);
          return {
            version: shipped.version,
            themes: shipped.themes,
            ideas: [...shipped.ideas, ...local],
            retired: new Set(retired.filter((row) => row.retired).map((row) => row.ideaId)),
            localIds: new Set(local.map((idea) => idea.id)),
          };
        }),
      ),
    /**
     * Matches need every household's answers to the ideas this one answered: one read of the
     * packed rows (500 on the worst case, a few hundred bytes each), each looked into where
     * `summarize` asks, never unpacked whole.
     */
    summary: async (householdId: string): Promise<MatchSummary> => {
      const [placed, rows] = await read.transaction('r', read.meta, read.packedAnswers, () =>
        Promise.all([read.meta.get('answerIdeas'), read.packedAnswers.toArray()]),
      );
      const ideas = placed?.key === 'answerIdeas' ? placed.value : [];
      return summarize(householdId, packedAnswersViews(ideas, rows));
    },
    /** Contact details recorded on this tablet that the server has not stored yet. */
    contactsWaiting: () =>
      liveQuery(() =>
        device.contacts
          .where('perimeterId')
          .equals(perimeterId)
          .filter((row) => !row.uploadedAt)
          .count(),
      ),
  };
}

/** An observable that starts once `first` resolved (e.g. the lazily loaded catalogue). */
function after<T, U>(first: Promise<T>, then: (value: T) => Observable<U>): Observable<U> {
  return {
    subscribe(next, error) {
      let inner: { unsubscribe(): void } | undefined;
      let stopped = false;
      first.then(
        (value) => {
          if (!stopped) inner = then(value).subscribe(next, error);
        },
        (reason: unknown) => error?.(reason),
      );
      return {
        unsubscribe() {
          stopped = true;
          inner?.unsubscribe();
        },
      };
    },
  };
}
