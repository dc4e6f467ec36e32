import { useEffect } from 'preact/hooks';
import { errorMessage } from '../../i18n';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { useLive } from '../hooks/useLive';
import type { ScanFocus } from '../hooks/routes';
import { navigate } from '../hooks/useRoute';
import { useScanOrder } from '../hooks/useScanOrder';
import type { PerimeterServices } from '../services';
import { ScanRun } from './scan/ScanRun';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  /** On the household's own phone: "pause" leads to its own home, never to a session. */
  ownSpace?: boolean;
  /** One idea or one theme, opened from the summary. */
  focus?: ScanFocus;
}

/** Loads what a scan needs, then hands over; a finished scan shows its summary instead. */
export function Scan({ ps, householdId, ownSpace, focus }: Props) {
  const households = useLive(() => ps.queries.households(), [ps]);
  const scans = useLive(() => ps.queries.scans(), [ps]);
  const answers = useLive(() => ps.queries.answersOf(householdId), [ps, householdId]);
  const scanCatalogue = useScanOrder(ps.queries);
  const scan = scans?.find((s) => s.householdId === householdId);
  // A visit from the summary is to a finished scan, often: it stays.
  const finished = Boolean(scan?.finishedAt) && !focus;
  useEffect(() => {
    if (finished) navigate({ name: 'summary', householdId }, { replace: true });
  }, [finished, householdId]);

  if (!households || !scans || !answers || !scanCatalogue || finished) return <Loading />;
  const household = households.find((h) => h.id === householdId);
  if (!household) return <NotFound message={errorMessage('household-missing')} />;
  return (
    <ScanRun
      commands={ps.commands}
      household={household}
      sessionId={ownSpace ? null : (scan?.sessionId ?? household.sessionId)}
      startAt={scan?.ideaId}
      order={scanCatalogue.order}
      answers={answers}
      seen={scan?.seen}
      focus={focus}
    />
  );
}
