import { useEffect, useRef, useState } from 'preact/hooks';
import { tr } from '../../../i18n/rights';
import { useLive } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  ownSpace: boolean;
  /** Called once the server erased the household, on a facilitator's tablet. */
  onErased(): void;
}

/**
 * - 'unknown': the answer did not come (cut off, or the wait ran out): the server may have erased
 *   all the same, so the card finds out (`erasureOutcome`) rather than say nothing was erased;
 * - 'still-unknown': it could not find out yet; it asks again when the sync is back online;
 * - 'kept': the server answered that nothing was erased; 'offline': no network, nothing was sent.
 */
type Step = 'idle' | 'confirm' | 'working' | 'unknown' | 'still-unknown' | 'kept' | 'offline' | 'refused';

/**
 * "Effacer mes informations", in two steps: the first button opens a confirmation that says what
 * goes, that it cannot be undone and that it needs the network; only "Oui, tout effacer" calls
 * the server. On the household's own phone, once the server says it is erased (now, or when asked
 * after a lost answer), the app shows the goodbye screen and forgets the perimeter
 * (workspace/own-erasure.ts): its credential is revoked, it could never sync again.
 */
export function EraseCard({ ps, householdId, ownSpace, onErased }: Props) {
  const [step, setStep] = useState<Step>('idle');
  const confirm = useRef<HTMLHeadingElement>(null);
  const sync = useLive(() => ps.queries.sync(), [ps]);
  useEffect(() => {
    if (step === 'confirm') confirm.current?.focus();
  }, [step]);
  const findOut = async () => {
    setStep('unknown');
    const outcome = await ps.commands.erasureOutcome(householdId);
    // On the own phone, 'erased' brings the goodbye screen (app-services.ts).
    if (outcome === 'erased') {
      if (!ownSpace) onErased();
      return;
    }
    setStep(outcome === 'kept' ? 'kept' : 'still-unknown');
  };
  // The sync is back (it was not online, it is now): the server can tell what became of the
  // erasure. Only on that change: a sync online while the erasure's answers fail asks no more.
  const online = sync?.connection === 'online';
  const wasOnline = useRef(online);
  useEffect(() => {
    const cameBack = online && !wasOnline.current;
    wasOnline.current = online;
    if (cameBack && step === 'still-unknown') void findOut();
  }, [online]);
  const erase = async () => {
    // Nothing can leave this device: nothing was erased, and that is known for sure.
    if (globalThis.navigator?.onLine === false) {
      setStep('offline');
      return;
    }
    setStep('working');
    const answer = await ps.commands.eraseHousehold(householdId);
    if (answer.ok) {
      if (!answer.value.ownPhone) onErased();
      return;
    }
    if (answer.reason === 'erased') return;
    if (answer.reason === 'refused') setStep('refused');
    else await findOut();
  };
  const busy = step === 'working' || step === 'unknown';
  const confirming = step === 'confirm' || busy;
  return (
    <section
      class={confirming ? 'card card-warn own-erase own-erase-confirm' : 'card own-erase'}
      aria-labelledby="own-erase"
    >
      <h2 id="own-erase">{tr('own.erase.title')}</h2>
      {!confirming && (
        <p>
          <button type="button" class="btn btn-secondary" onClick={() => setStep('confirm')}>
            <span aria-hidden="true">🗑️ </span>
            {tr(ownSpace ? 'own.erase' : 'own.erase.for')}
          </button>
        </p>
      )}
      {confirming && (
        <>
          <h3 ref={confirm} tabIndex={-1}>
            {tr('own.erase.confirm.title')}
          </h3>
          <p>{tr('own.erase.confirm.what')}</p>
          <p>
            <strong>{tr('own.erase.confirm.final')}</strong>
          </p>
          {ownSpace && <p>{tr('own.erase.confirm.phone')}</p>}
          <p>{tr('own.erase.confirm.network')}</p>
          <div class="button-row">
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void erase()}
            >
              {busy ? tr('own.erase.working') : tr('own.erase.confirm.yes')}
            </button>
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setStep('idle')}>
              {tr('own.erase.confirm.no')}
            </button>
          </div>
        </>
      )}
      {step === 'still-unknown' && (
        <p>
          <button type="button" class="btn btn-secondary" onClick={() => void findOut()}>
            {tr('own.erase.check')}
          </button>
        </p>
      )}
      <p role="status">
        {step === 'unknown' && tr('own.erase.unknown')}
        {step === 'still-unknown' && tr('own.erase.still-unknown')}
        {step === 'kept' && tr('own.erase.kept')}
        {step === 'offline' && tr('own.erase.offline')}
        {step === 'refused' && tr('own.erase.refused')}
      </p>
    </section>
  );
}
