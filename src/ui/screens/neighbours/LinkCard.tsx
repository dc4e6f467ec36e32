import { useState } from 'preact/hooks';
import type { ChoiceValue } from '../../../domain/constants';
import type { CandidateLink, LinkState } from '../../../domain/links';
import type { Household } from '../../../domain/schemas';
import { tn } from '../../../i18n/neighbours';
import { Alert } from '../../components/Alert';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';
import { MeetingPanel } from './MeetingPanel';
import { NeighbourContact } from './NeighbourContact';
import { useChoice } from './useChoice';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  link: CandidateLink;
  neighbour: Household;
  ideaTitle: string;
  /** The ideas both households said yes to: what a meeting code carries. */
  linkedIdeas: readonly string[];
}

/** Each state as an icon beside its words: never colour alone. */
export const STATE_ICONS: Record<LinkState, string> = {
  none: '❔',
  'waiting-for-you': '🔔',
  'waiting-for-them': '⏳',
  declined: '⏸️',
  linked: '🤝',
  met: '✅',
  withdrawn: '⛔',
};

/**
 * One possible link: the neighbour (name, building or street), the idea and which way it goes,
 * where the two stand, and what this household can do next. While a choice is being stored the
 * card keeps showing the link as it was: the new state shows only once the choice is durable.
 */
export function LinkCard({ ps, householdId, link: live, neighbour, ideaTitle, linkedIdeas }: Props) {
  const choice = useChoice();
  const [frozen, setFrozen] = useState<CandidateLink>();
  const [confirming, setConfirming] = useState(false);
  const [meeting, setMeeting] = useState(false);
  const link = choice.busy && frozen ? frozen : live;
  const choose = async (value: ChoiceValue) => {
    setFrozen(live);
    const done = await choice.choose(() =>
      ps.commands.chooseLink(householdId, live.otherId, live.ideaId, value),
    );
    if (done) setConfirming(false);
  };
  const { state } = link;
  const idBase = `link-${link.otherId}-${link.ideaId}`;

  return (
    <li class="card link-card" data-state={state} aria-labelledby={`${idBase}-name`}>
      <h3 id={`${idBase}-name`} class="link-name">
        <bdi class="person-name">{neighbour.name}</bdi>
      </h3>
      <p class="muted">
        <span aria-hidden="true">📍 </span>
        <bdi>{neighbour.place}</bdi>
      </p>
      <p>{isolate(tn('nb.idea'), { idea: ideaTitle })}</p>
      <ul class="link-directions">
        {link.directions.map((direction) => (
          <li key={direction}>
            <span aria-hidden="true">{direction === 'offers-what-you-seek' ? '🎁 ' : '🔎 '}</span>
            {tn(`nb.${direction}`)}
          </li>
        ))}
      </ul>
      <p class="link-state">
        <span aria-hidden="true">{STATE_ICONS[state]} </span>
        {tn(`nb.state.${state}`)}
      </p>
      {(state === 'linked' || state === 'met') && (
        <NeighbourContact ps={ps} householdId={householdId} neighbourId={link.otherId} />
      )}
      <Alert code={choice.error} />
      <p role="status" class="link-saved" tabIndex={-1} ref={choice.savedRef}>
        {choice.saved ? tn('nb.saved') : ''}
      </p>
      {confirming ? (
        <div class="link-confirm" role="group" aria-labelledby={`${idBase}-confirm`}>
          <p id={`${idBase}-confirm`}>{tn('nb.withdraw.confirm')}</p>
          <div class="link-actions">
            <button
              type="button"
              class="btn btn-secondary"
              disabled={choice.busy}
              onClick={() => void choose('withdrawn')}
            >
              <span aria-hidden="true">⛔ </span>
              {tn('nb.withdraw.yes')}
            </button>
            <button type="button" class="btn btn-primary" onClick={() => setConfirming(false)}>
              <span aria-hidden="true">↩️ </span>
              {tn('nb.withdraw.no')}
            </button>
          </div>
        </div>
      ) : (
        <div class="link-actions">
          {(state === 'none' || state === 'waiting-for-you') && (
            <>
              <button
                type="button"
                class="btn btn-primary"
                disabled={choice.busy}
                onClick={() => void choose('yes')}
              >
                <span aria-hidden="true">👋 </span>
                {tn('nb.yes')}
              </button>
              <button
                type="button"
                class="btn btn-secondary"
                disabled={choice.busy}
                onClick={() => void choose('not-now')}
              >
                <span aria-hidden="true">⏸️ </span>
                {tn('nb.not-now')}
              </button>
            </>
          )}
          {state === 'declined' && (
            <button
              type="button"
              class="btn btn-secondary"
              disabled={choice.busy}
              onClick={() => void choose('yes')}
            >
              <span aria-hidden="true">👋 </span>
              {tn('nb.change-mind')}
            </button>
          )}
          {/* Also once the neighbour said "met" first: this phone then reads the neighbour's code. */}
          {(state === 'linked' || (state === 'met' && link.mine?.value !== 'met')) && !meeting && (
            <button type="button" class="btn btn-primary" onClick={() => setMeeting(true)}>
              <span aria-hidden="true">🤝 </span>
              {tn('nb.met')}
            </button>
          )}
          {(state === 'waiting-for-them' || state === 'linked' || state === 'met') && (
            <button
              type="button"
              class="btn btn-quiet"
              disabled={choice.busy}
              onClick={() => setConfirming(true)}
            >
              <span aria-hidden="true">⛔ </span>
              {tn('nb.withdraw')}
            </button>
          )}
        </div>
      )}
      {/* Kept open once 'met' is recorded: the code must stay on screen until the neighbour read it. */}
      {meeting && (state === 'linked' || state === 'met') && (
        <MeetingPanel
          ps={ps}
          householdId={householdId}
          otherId={link.otherId}
          ideaIds={linkedIdeas}
          onClose={() => setMeeting(false)}
        />
      )}
    </li>
  );
}
