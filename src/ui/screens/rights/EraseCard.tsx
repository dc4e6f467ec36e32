import { useEffect, useRef, useState } from 'preact/hooks';
import { tr } from '../../../i18n/rights';
import { navigate } from '../../hooks/useRoute';
import type { AppServices, PerimeterServices } from '../../services';

interface Props {
  services: AppServices;
  ps: PerimeterServices;
  householdId: string;
  ownSpace: boolean;
  /** Called once the server erased the household, on a facilitator's tablet. */
  onErased(): void;
}

type Step = 'idle' | 'confirm' | 'working' | 'offline' | 'refused';

/**
 * "Effacer mes informations", in two steps: the first button opens a confirmation that says what
 * goes, that it cannot be undone and that it needs the network; only "Oui, tout effacer" calls
 * the server. On the household's own phone the phone then shows the goodbye screen and forgets
 * the perimeter (its credential is revoked: it could never sync again).
 */
export function EraseCard({ services, ps, householdId, ownSpace, onErased }: Props) {
  const [step, setStep] = useState<Step>('idle');
  const confirm = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (step === 'confirm') confirm.current?.focus();
  }, [step]);
  const erase = async () => {
    setStep('working');
    const answer = await ps.commands.eraseHousehold(householdId);
    if (!answer.ok) {
      setStep(answer.reason === 'refused' ? 'refused' : 'offline');
      return;
    }
    if (!answer.value.ownPhone) {
      onErased();
      return;
    }
    // The goodbye screen first: the perimeter's screens are gone before its databases close.
    navigate({ name: 'goodbye' });
    await services
      .forgetPerimeter(ps.id)
      .catch((error: unknown) => services.reportError('perimeter-forget', error));
  };
  const confirming = step === 'confirm' || step === 'working';
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
              disabled={step === 'working'}
              aria-busy={step === 'working'}
              onClick={() => void erase()}
            >
              {step === 'working' ? tr('own.erase.working') : tr('own.erase.confirm.yes')}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={step === 'working'}
              onClick={() => setStep('idle')}
            >
              {tr('own.erase.confirm.no')}
            </button>
          </div>
        </>
      )}
      <p role="status">
        {step === 'offline' && tr('own.erase.offline')}
        {step === 'refused' && tr('own.erase.refused')}
      </p>
    </section>
  );
}
