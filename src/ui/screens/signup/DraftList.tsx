import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { formatClock, t } from '../../../i18n';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import { useScreenKey } from '../../hooks/useScreenKey';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';

interface Props {
  ps: PerimeterServices;
  sessionId: string;
  /** The draft open in the form below, if any: not listed again. */
  current: string | undefined;
}

/**
 * The sign-ups started on this tablet and not finished, by name only: each household takes its
 * own back, or throws it away; nobody sees what another one typed.
 */
export function DraftList({ ps, sessionId, current }: Props) {
  const drafts = useLive(() => ps.queries.drafts(sessionId), [ps, sessionId]);
  const [error, setError] = useState<ErrorCode>();
  // Throwing away what a household typed is asked once more: it cannot be undone.
  const [asking, setAsking] = useState<string>();
  useScreenKey(asking);
  const others = drafts?.filter((d) => d.id !== current) ?? [];
  if (others.length === 0) return <Alert code={error} />;
  const discard = async (draftId: string) => {
    const result = await ps.commands.discardDraft(draftId).catch(commandFailed<null>);
    setAsking(undefined);
    setError(result.ok ? undefined : result.errors[0]?.code);
  };
  return (
    <section class="card" aria-labelledby="signup-drafts">
      <h2 id="signup-drafts">{t('signup.drafts.title')}</h2>
      <ul class="draft-list">
        {others.map((draft) => {
          const label =
            draft.name.trim() || t('signup.drafts.unnamed', { time: formatClock(draft.startedAt) });
          return (
            <li key={draft.id} class="draft-row">
              <bdi class="person-name">{label}</bdi>
              {asking === draft.id ? (
                <div class="card card-warn">
                  <p role="alert">{isolate(t('signup.drafts.discard.confirm'), { name: label })}</p>
                  <div class="button-row">
                    <button type="button" class="btn btn-primary" onClick={() => void discard(draft.id)}>
                      {t('signup.drafts.discard.yes')}
                    </button>
                    <button type="button" class="btn btn-secondary" onClick={() => setAsking(undefined)}>
                      {t('signup.drafts.discard.no')}
                    </button>
                  </div>
                </div>
              ) : (
                <div class="button-row">
                  <a class="btn btn-secondary" href={href({ name: 'signup', sessionId, draftId: draft.id })}>
                    {t('signup.drafts.resume')}
                    <span class="sr-only">
                      {' '}
                      : <bdi>{label}</bdi>
                    </span>
                  </a>
                  <button type="button" class="btn btn-quiet" onClick={() => setAsking(draft.id)}>
                    {t('signup.drafts.discard')}
                    <span class="sr-only">
                      {' '}
                      : <bdi>{label}</bdi>
                    </span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Alert code={error} />
    </section>
  );
}
