import { useEffect, useState } from 'preact/hooks';
import type { ErrorCode } from '../../domain/errors';
import type { MatchSummary } from '../../domain/matching';
import { errorMessage, t, tp } from '../../i18n';
import { tn } from '../../i18n/neighbours';
import { ANSWER_ICONS } from '../answer-icons';
import { commandFailed, queryFailed } from '../command-failure';
import { Alert } from '../components/Alert';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { isolate } from '../isolate';
import { useLive } from '../hooks/useLive';
import { navigate } from '../hooks/useRoute';
import { useScanOrder } from '../hooks/useScanOrder';
import type { PerimeterServices } from '../services';
import { seenIdeas, unseenThemes } from '../../domain/scan';
import { MatchList } from './summary/MatchList';
import { ReopenTheme } from './summary/ReopenTheme';
import { UnseenThemes } from './summary/UnseenThemes';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  /** On the household's own phone: "Terminer" leads to its own home, never to a session. */
  ownSpace?: boolean;
  /** The café whose « Refaire le thème » ended here: « Retour au café » leads back to its board. */
  cafeId?: string | undefined;
}

/** The summary's lists, in the order shown: what the household offers, looks for, would join. */
const LISTS = [
  { id: 'offers', icon: ANSWER_ICONS.offer },
  { id: 'seeks', icon: ANSWER_ICONS.seek },
  { id: 'joins', icon: ANSWER_ICONS.join },
] as const;

/** What the household said, and who nearby answers the other side: the reason to come back. */
export function Summary({ ps, householdId, ownSpace, cafeId }: Props) {
  const households = useLive(() => ps.queries.households(), [ps]);
  const scans = useLive(() => ps.queries.scans(), [ps]);
  const answers = useLive(() => ps.queries.answersOf(householdId), [ps, householdId]);
  const scanCatalogue = useScanOrder(ps.queries);
  const [summary, setSummary] = useState<MatchSummary>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();

  useEffect(() => {
    let alive = true;
    ps.queries.summary(householdId).then(
      (next) => alive && setSummary(next),
      (error: unknown) => alive && setError(queryFailed(error)),
    );
    return () => {
      alive = false;
    };
  }, [ps, householdId, answers]);

  if (!households || !scans || !answers || !scanCatalogue || !summary) return <Loading />;
  const household = households.find((h) => h.id === householdId);
  if (!household) return <NotFound message={errorMessage('household-missing')} />;
  const { catalogue, order } = scanCatalogue;
  const scan = scans.find((s) => s.householdId === householdId);
  const sessionId = ownSpace ? null : (scan?.sessionId ?? household.sessionId);
  const unseen = unseenThemes(order, seenIdeas(scan?.seen, answers.keys()));
  const nothing = LISTS.every(({ id }) => summary[id].length === 0);

  const edit = async () => {
    setBusy(true);
    const result = await ps.commands.moveScan(householdId, order[0]?.idea.id).catch(commandFailed<null>);
    setBusy(false);
    if (result.ok) navigate({ name: 'scan', householdId });
    else setError(result.errors[0]?.code);
  };

  return (
    <>
      <Title>{isolate(t('summary.title'), { name: household.name })}</Title>
      <p class="lead">{t('summary.intro')}</p>
      {cafeId && (
        <p>
          <a class="btn btn-primary btn-wide" href={href({ name: 'cafe', cafeId })}>
            <span aria-hidden="true">☕️ </span>
            {t('summary.back-to-cafe')}
          </a>
        </p>
      )}
      <div class="card card-accent matched">
        <p>
          <span aria-hidden="true">🤝 </span>
          {summary.matchedNeighbours === 0
            ? t('summary.matched.none')
            : tp('summary.matched', summary.matchedNeighbours)}
        </p>
        {summary.offeringWhatISeek > 0 && (
          <p>{tp('summary.offering-what-you-seek', summary.offeringWhatISeek)}</p>
        )}
        {summary.seekingWhatIOffer > 0 && (
          <p>{tp('summary.seeking-what-you-offer', summary.seekingWhatIOffer)}</p>
        )}
      </div>
      <UnseenThemes householdId={householdId} unseen={unseen} />
      {nothing ? (
        <p>{t('summary.nothing')}</p>
      ) : (
        LISTS.map(({ id, icon }) => (
          <MatchList
            key={id}
            id={id}
            title={t(`summary.${id}.title`)}
            icon={icon}
            matches={summary[id]}
            count={`summary.${id}.match`}
            ideas={catalogue.ideas}
            order={order}
            householdId={householdId}
          />
        ))
      )}
      <ReopenTheme householdId={householdId} themes={catalogue.themes} />
      <p>
        <a class="btn btn-secondary btn-wide" href={href({ name: 'neighbours', householdId })}>
          <span aria-hidden="true">🏘️ </span>
          {ownSpace ? tn('nb.home.link') : isolate(tn('nb.title-for'), { name: household.name })}
        </a>
      </p>
      <p class="encourage">{t('summary.encourage')}</p>
      <Alert code={error} />
      <div class="button-row">
        <button
          type="button"
          class="btn btn-secondary"
          disabled={busy || order.length === 0}
          onClick={() => void edit()}
        >
          <span aria-hidden="true">✏️ </span>
          {t('summary.edit')}
        </button>
        <a
          class="btn btn-primary btn-big"
          href={href(sessionId ? { name: 'session', sessionId } : { name: 'home' })}
        >
          <span aria-hidden="true">✅ </span>
          {t('summary.done')}
        </a>
      </div>
    </>
  );
}
