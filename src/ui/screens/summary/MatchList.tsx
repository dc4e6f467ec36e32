import type { IdeaMatch } from '../../../domain/matching';
import { type ScanItem, indexOf } from '../../../domain/scan';
import type { Idea } from '../../../domain/schemas';
import { type PluralKey, t, tp } from '../../../i18n';
import { href } from '../../hooks/routes';

interface Props {
  id: string;
  title: string;
  icon: string;
  matches: IdeaMatch[];
  /** How to say how many neighbours answer the other side. */
  count: PluralKey;
  ideas: Idea[];
  order: ScanItem[];
  /** Each answer links to its idea alone, to change that one answer. */
  householdId: string;
}

/** One kind of answer (offers, looks for, would join), in the order the ideas were seen. */
export function MatchList({ id, title, icon, matches, count, ideas, order, householdId }: Props) {
  if (matches.length === 0) return null;
  const byId = new Map(ideas.map((idea) => [idea.id, idea]));
  const sorted = [...matches].sort((a, b) => indexOf(order, a.ideaId) - indexOf(order, b.ideaId));
  return (
    <section class="card" aria-labelledby={`summary-${id}`}>
      <h2 id={`summary-${id}`}>
        <span aria-hidden="true">{icon} </span>
        {title}
      </h2>
      <ul class="match-list">
        {sorted.map((match) => {
          const idea = byId.get(match.ideaId);
          if (!idea) return null;
          return (
            <li key={match.ideaId}>
              <bdi class="match-title">{idea.title}</bdi>
              {match.neighbours > 0 && <span class="match-count">{tp(count, match.neighbours)}</span>}
              <a
                class="btn btn-small btn-quiet match-change"
                href={href({ name: 'scan', householdId, focus: { kind: 'idea', id: idea.id } })}
              >
                {t('summary.change')}
                <span class="sr-only">
                  {' '}
                  : <bdi>{idea.title}</bdi>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
