import './devices.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../../domain/errors';
import { errorMessage } from '../../i18n';
import { td } from '../../i18n/devices';
import { Alert } from '../components/Alert';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { Title } from '../components/Title';
import { commandFailed } from '../command-failure';
import { isolate } from '../isolate';
import { useLive } from '../hooks/useLive';
import { useScreenKey } from '../hooks/useScreenKey';
import type { IssuedCredential, PerimeterServices } from '../services';
import { CredentialList } from './access/CredentialList';
import { IssuedCard } from './access/IssuedCard';

/**
 * The facilitator gives a household access from its own phone. The tablet is turned towards the
 * household to scan the code: so no contact details here, nobody's. The secret is shown once, from
 * this screen's memory only; leaving the screen forgets it.
 */
export function HouseholdAccess({ ps, householdId }: { ps: PerimeterServices; householdId: string }) {
  const households = useLive(() => ps.queries.households(), [ps]);
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const sync = useLive(() => ps.queries.sync(), [ps]);
  const [issued, setIssued] = useState<IssuedCredential>();
  // The card takes the button's place: a second tap must not act on what the card shows.
  useScreenKey(issued?.credentialId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const [listVersion, setListVersion] = useState(0);
  const cardTitle = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (issued) cardTitle.current?.focus();
  }, [issued]);

  if (!households) return <Loading />;
  const household = households.find((h) => h.id === householdId);
  if (!household) return <NotFound message={errorMessage('household-missing')} />;

  const issue = async () => {
    setBusy(true);
    const result = await ps.commands.issueCredential(householdId).catch(commandFailed<IssuedCredential>);
    setBusy(false);
    if (!result.ok) {
      setError(result.errors[0]?.code ?? 'storage-failed');
      return;
    }
    setError(undefined);
    setIssued(result.value);
    setListVersion((n) => n + 1);
  };

  return (
    <>
      <Title>{isolate(td('access.title'), { name: household.name })}</Title>
      <p class="lead no-print">{td('access.intro')}</p>
      {issued ? (
        <>
          <IssuedCard
            issued={issued}
            householdName={household.name}
            perimeterName={perimeter?.name}
            titleRef={cardTitle}
          />
          <div class="notice no-print">
            <p class="notice-title">
              <span aria-hidden="true">☝️ </span>
              {td('access.once')}
            </p>
            <p>{sync?.mode === 'local' ? td('access.local') : td('access.offline')}</p>
          </div>
          <p class="no-print">
            <button type="button" class="btn btn-primary" onClick={() => window.print()}>
              <span aria-hidden="true">🖨️ </span>
              {td('access.print')}
            </button>
          </p>
        </>
      ) : (
        <p>
          <button type="button" class="btn btn-primary btn-big" disabled={busy} onClick={() => void issue()}>
            <span aria-hidden="true">📲 </span>
            {busy ? td('access.creating') : td('access.create')}
          </button>
        </p>
      )}
      <Alert code={error} />
      <CredentialList
        ps={ps}
        householdId={householdId}
        version={listVersion}
        shownId={issued?.credentialId}
        onChanged={() => setListVersion((n) => n + 1)}
      />
    </>
  );
}
