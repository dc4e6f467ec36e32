/**
 * Every answer of a perimeter in memory, household id → idea id → value, kept from the loaded
 * document: what the matches read (domain/matching `summarize`) in a few milliseconds on the
 * 500-household worst case, where reading 84,000 answers from disk or by composed key takes tens.
 *
 * Derived from the document like the read model: built on first use by one walk of the answers,
 * then kept current by `changed`, which must hear of every transaction that touches answers.
 */
import { type AnswerValue, parseAnswerKey } from '../domain';
import type { PerimeterDoc } from './perimeter-doc';

export class AnswerIndex {
  private byHousehold: Map<string, Map<string, AnswerValue>> | undefined;

  constructor(private readonly doc: PerimeterDoc) {}

  /** Takes in the answer keys a transaction changed (removed ones included). */
  changed(keys: Iterable<string>): void {
    const index = this.byHousehold;
    if (!index) return;
    for (const key of keys) {
      const ids = parseAnswerKey(key);
      if (!ids) continue;
      const value = this.doc.get('answers', key)?.value;
      const answers = index.get(ids.householdId) ?? new Map<string, AnswerValue>();
      if (value === undefined) answers.delete(ids.ideaId);
      else answers.set(ids.ideaId, value);
      if (answers.size === 0) index.delete(ids.householdId);
      else index.set(ids.householdId, answers);
    }
  }

  /**
   * Every household's answers, as `summarize(householdId, …)` reads them: household id → idea id
   * → value. The index itself, not a copy (summarize looks up only the ideas `householdId`
   * answered): read it before the next change, never keep it.
   */
  all(): ReadonlyMap<string, ReadonlyMap<string, AnswerValue>> {
    return this.built();
  }

  private built(): Map<string, Map<string, AnswerValue>> {
    if (this.byHousehold) return this.byHousehold;
    this.byHousehold = new Map();
    this.changed([...this.doc.entries('answers')].map(([key]) => key));
    return this.byHousehold;
  }
}
