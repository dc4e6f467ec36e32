/**
 * What the links screens read (issue 11), from the perimeter's document in memory: a household's
 * ranked neighbours with the state of each link, the facilitator's view of the perimeter, the
 * count of new requests. Nothing here touches the disk; every read works offline from the last
 * sync. A document of a newer format reads as holding no links: its records may mean something
 * else here (domain/format.ts).
 *
 * Kept beside the answer index: the choices are indexed again only after they changed, and each
 * household's latest answer time (the ranking's fourth key) is kept current from the changed
 * answer keys the workspace passes on.
 */
import {
  type ChoiceIndex,
  type MatchWorld,
  type RankedNeighbour,
  type ThemeLinks,
  CHOICES_MAP,
  groupThresholdOf,
  indexChoices,
  parseAnswerKey,
  perimeterLinks,
  rankedNeighbours,
  newRequestsSince,
} from '../domain';
import type { AnswerValue } from '../domain';
import type { PerimeterDoc } from '../sync/perimeter-doc';

export class LinksReader {
  private choices: ChoiceIndex | undefined;
  private latest: Map<string, string> | undefined;
  private readonly stopObserving: () => void;

  /** `answers` gives every household's answers (sync/AnswerIndex `all`), read at each call. */
  constructor(
    private readonly doc: PerimeterDoc,
    private readonly answers: () => ReadonlyMap<string, ReadonlyMap<string, AnswerValue>>,
  ) {
    const choices = doc.map(CHOICES_MAP);
    const forget = () => (this.choices = undefined);
    choices.observe(forget);
    this.stopObserving = () => choices.unobserve(forget);
  }

  /** Takes in the answer keys a transaction changed, to keep each household's latest answer time. */
  answersChanged(keys: Iterable<string>): void {
    const latest = this.latest;
    if (!latest) return;
    for (const key of keys) {
      const householdId = parseAnswerKey(key)?.householdId;
      const at = this.doc.get('answers', key)?.at;
      if (householdId === undefined || at === undefined) continue;
      const known = latest.get(householdId);
      if (known === undefined || at > known) latest.set(householdId, at);
    }
  }

  /**
   * `householdId`'s candidate links grouped by neighbour, best first, each with its state
   * (domain/links.ts `rankedNeighbours`); empty for an unknown or erased household.
   */
  neighbours(householdId: string): RankedNeighbour[] {
    return this.doc.readable() ? rankedNeighbours(this.world(), householdId) : [];
  }

  /** The facilitator's view of the whole perimeter (domain/links.ts `perimeterLinks`). */
  perimeter(): ThemeLinks[] {
    return this.doc.readable() ? perimeterLinks(this.world()) : [];
  }

  /** Requests `householdId` received after `since` (ISO 8601; all when undefined), for the home's badge. */
  newRequests(householdId: string, since: string | undefined): number {
    return this.doc.readable() ? newRequestsSince(this.world(), householdId, since) : 0;
  }

  /** The current state as domain/links.ts reads it. */
  world(): MatchWorld {
    const doc = this.doc;
    const latest = this.latestAnswers();
    return {
      answers: this.answers(),
      household: (id) => doc.household(id),
      idea: (id) => doc.idea(id),
      isRetired: (id) => doc.isRetired(id),
      choices: (this.choices ??= indexChoices(doc.map(CHOICES_MAP).entries())),
      lastAnsweredAt: (id) => latest.get(id),
      groupThreshold: groupThresholdOf(doc.perimeter()),
    };
  }

  close(): void {
    this.stopObserving();
  }

  /** Built on first use by one walk of the answers, then kept by `answersChanged`. */
  private latestAnswers(): Map<string, string> {
    if (this.latest) return this.latest;
    const latest = new Map<string, string>();
    for (const [key, { at }] of this.doc.entries('answers')) {
      const householdId = parseAnswerKey(key)?.householdId;
      if (householdId === undefined) continue;
      const known = latest.get(householdId);
      if (known === undefined || at > known) latest.set(householdId, at);
    }
    return (this.latest = latest);
  }
}
