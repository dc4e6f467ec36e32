import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import type { Household, Perimeter } from '../../../domain/schemas';
import { t, tp } from '../../../i18n';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { lazy } from '../../components/lazy';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { isolate } from '../../isolate';
import { useLive } from '../../hooks/useLive';
import { navigate } from '../../hooks/useRoute';
import { useScanOrder } from '../../hooks/useScanOrder';
import type { PerimeterServices } from '../../services';
import { NeighboursEntry } from './NeighboursEntry';
import { SharingChoice } from './SharingChoice';

// Loaded after the home has painted, with the café's words (most days no café is near).
const NextCafeCard = lazy(() => import('../cafe/NextCafeCard').then((m) => m.NextCafeCard));

interface Props {
  ps: PerimeterServices;
  perimeter: Perimeter;
  household: Household;
}

/** A household's own phone: its answers and its summary, nothing about anyone else. */
export function HouseholdHome({ ps, perimeter, household }: Props) {
  const scans = useLive(() => ps.queries.scans(), [ps]);
  const answers = useLive(() => ps.queries.answersOf(household.id), [ps, household.id]);
  const scanCatalogue = useScanOrder(ps.queries);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  if (!scans || !answers || !scanCatalogue) return <Loading />;
  const { order } = scanCatalogue;
  const answered = order.filter((item) => answers.has(item.idea.id)).length;
  const scan = scans.find((s) => s.householdId === household.id);

  // Scans are kept per device: on a phone that has none yet, or whose scan is finished, start at
  // the first idea not answered yet (answers given at the café are there already).
  const resume = async () => {
    if (scan && !scan.finishedAt) {
      navigate({ name: 'scan', householdId: household.id });
      return;
    }
    const first = (order.find((item) => !answers.has(item.idea.id)) ?? order[0])?.idea.id;
    if (!first) return;
    setBusy(true);
    const result = await ps.commands.moveScan(household.id, first).catch(commandFailed<null>);
    setBusy(false);
    if (result.ok) navigate({ name: 'scan', householdId: household.id });
    else setError(result.errors[0]?.code);
  };

  return (
    <>
      <Title>
        <bdi>{household.name}</bdi>
      </Title>
      <p class="lead">{isolate(t('household.intro'), { perimeter: perimeter.name })}</p>
      {order.length > 0 && <p>{tp('household.answered', answered, { total: order.length })}</p>}
      <Alert code={error} />
      <p>
        <button
          type="button"
          class="btn btn-primary btn-big btn-wide"
          disabled={busy || order.length === 0}
          onClick={() => void resume()}
        >
          <span aria-hidden="true">▶️ </span>
          {t('household.continue')}
        </button>
      </p>
      <p>
        <a class="btn btn-secondary btn-wide" href={href({ name: 'summary', householdId: household.id })}>
          <span aria-hidden="true">🤝 </span>
          {t('household.summary')}
        </a>
      </p>
      <NextCafeCard ps={ps} householdId={household.id} />
      {/* Always there, café or not: its micro-projects and proposing an idea live on the café
          page, which the next-café card leads to only while a café is coming. */}
      <p>
        <a class="btn btn-secondary btn-wide" href={href({ name: 'my-cafe', householdId: household.id })}>
          <span aria-hidden="true">💡 </span>
          {t('household.projects')}
        </a>
      </p>
      <NeighboursEntry ps={ps} householdId={household.id} />
      <SharingChoice ps={ps} householdId={household.id} />
      <p>
        <a class="btn btn-secondary btn-wide" href={href({ name: 'own-data', householdId: household.id })}>
          <span aria-hidden="true">📄 </span>
          {t('household.own-data')}
        </a>
      </p>
    </>
  );
}
