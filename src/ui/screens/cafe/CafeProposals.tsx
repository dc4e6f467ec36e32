import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { tc } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { isolate } from '../../isolate';
import type { EffectiveCatalogue, PerimeterServices } from '../../services';

interface Proposal {
  key: string;
  householdId: string;
  proposal: { title: string; theme: string; hint: string };
  state: 'pending' | 'accepted' | 'declined';
}

/** Residents' proposed ideas: each pending one accepted (it becomes a local idea) or declined. */
export function CafeProposals({
  ps,
  proposals,
  names,
  catalogue,
}: {
  ps: PerimeterServices;
  proposals: readonly Proposal[];
  names: ReadonlyMap<string, string>;
  catalogue: EffectiveCatalogue;
}) {
  const [error, setError] = useState<ErrorCode>();
  const decide = async (key: string, value: 'accepted' | 'declined') => {
    const result = await ps.commands.decideProposal(key, value).catch(commandFailed<string | null>);
    setError(result.ok ? undefined : result.errors[0]?.code);
  };
  const themeOf = (id: string) => catalogue.themes.find((theme) => theme.id === id)?.title ?? id;
  return (
    <section class="card" aria-labelledby="cafe-proposals">
      <h2 id="cafe-proposals">{tc('cafe.proposals.title')}</h2>
      <Alert code={error} />
      {proposals.length === 0 && <p>{tc('cafe.proposals.none')}</p>}
      <ul class="cafe-proposals">
        {proposals.map((p) => (
          <li key={p.key}>
            <p>
              <strong>
                <bdi>{p.proposal.title}</bdi>
              </strong>{' '}
              · {themeOf(p.proposal.theme)}
            </p>
            {p.proposal.hint && (
              <p>
                <bdi>{p.proposal.hint}</bdi>
              </p>
            )}
            <p>{isolate(tc('cafe.proposals.by'), { name: names.get(p.householdId) ?? '' })}</p>
            {p.state === 'pending' ? (
              <div class="button-row">
                <button type="button" class="btn btn-primary" onClick={() => void decide(p.key, 'accepted')}>
                  {tc('cafe.proposals.accept')}
                  <span class="sr-only">
                    {' : '}
                    <bdi>{p.proposal.title}</bdi>
                  </span>
                </button>
                <button
                  type="button"
                  class="btn btn-secondary"
                  onClick={() => void decide(p.key, 'declined')}
                >
                  {tc('cafe.proposals.decline')}
                  <span class="sr-only">
                    {' : '}
                    <bdi>{p.proposal.title}</bdi>
                  </span>
                </button>
              </div>
            ) : (
              <p>{tc(`cm.proposal.${p.state}`)}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
