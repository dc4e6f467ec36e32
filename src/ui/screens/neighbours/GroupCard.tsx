import type { Household } from '../../../domain/schemas';
import { tn } from '../../../i18n/neighbours';
import { Alert } from '../../components/Alert';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';
import { NeighbourContact } from './NeighbourContact';
import { STATE_ICONS } from './LinkCard';
import type { GroupView } from './links-view';
import { useChoice } from './useChoice';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  group: GroupView;
  ideaTitle: string;
  households: ReadonlyMap<string, Household>;
}

/**
 * A collective idea (a shared garden, a group purchase) whose group is big enough to show: the
 * other households that would take part, by name, and "I want to join the group", which says yes
 * to each of them. Contact details follow the same two-sided rule as any link.
 */
export function GroupCard({ ps, householdId, group, ideaTitle, households }: Props) {
  const choice = useChoice();
  // Links stopped by a withdrawal stay stopped: joining the group does not restart them.
  const unanswered = group.links.filter(
    (link) => link.state !== 'withdrawn' && link.mine?.value !== 'yes' && link.mine?.value !== 'met',
  );
  const joined = unanswered.length === 0;
  const titleId = `group-${group.ideaId}`;
  return (
    <li class="card link-card link-group" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <span aria-hidden="true">👥 </span>
        {isolate(tn('nb.group.title'), { idea: ideaTitle })}
      </h3>
      <p>{tn('nb.group.members')}</p>
      <ul class="group-members">
        {group.links.map((link) => {
          const member = households.get(link.otherId);
          if (!member) return null;
          return (
            <li key={link.otherId} data-state={link.state}>
              <p>
                <bdi class="person-name">{member.name}</bdi>{' '}
                <span class="muted">
                  · <bdi>{member.place}</bdi>
                </span>
              </p>
              <p class="link-state">
                <span aria-hidden="true">{STATE_ICONS[link.state]} </span>
                {tn(`nb.state.${link.state}`)}
              </p>
              {(link.state === 'linked' || link.state === 'met') && (
                <NeighbourContact ps={ps} householdId={householdId} neighbourId={link.otherId} />
              )}
            </li>
          );
        })}
      </ul>
      <Alert code={choice.error} />
      <p role="status" class="link-saved" tabIndex={-1} ref={choice.savedRef}>
        {choice.saved ? tn('nb.saved') : ''}
      </p>
      {joined ? (
        <p class="link-state">
          <span aria-hidden="true">✅ </span>
          {tn('nb.group.joined')}
        </p>
      ) : (
        <button
          type="button"
          class="btn btn-primary"
          disabled={choice.busy}
          onClick={() =>
            void choice.choose(() =>
              ps.commands.chooseGroup(
                householdId,
                group.ideaId,
                unanswered.map((link) => link.otherId),
                'yes',
              ),
            )
          }
        >
          <span aria-hidden="true">👥 </span>
          {tn('nb.group.join')}
        </button>
      )}
    </li>
  );
}
