import './devices.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { td } from '../../i18n/devices';
import { recordScreenError } from '../command-failure';
import { Title } from '../components/Title';
import { type JoinRoute, href } from '../hooks/routes';
import { navigate } from '../hooks/useRoute';
import type { AppServices, JoinResult } from '../services';
import { EnterCode } from './join/EnterCode';
import { type JoinFailure, type JoinKind, joinFailureText, worthRetrying } from './join/join-messages';

/** The ways a device joins a perimeter on the server; each works on a device with no perimeter yet. */
export function JoinScreen({ services, route }: { services: AppServices; route: JoinRoute }) {
  switch (route.name) {
    case 'join-household':
      return (
        <JoinFromLink kind="household" code={route.code} join={(code) => services.joinAsHousehold(code)} />
      );
    case 'join-facilitator':
      return (
        <JoinFromLink
          kind="facilitator"
          code={route.code}
          join={(code) => services.joinAsFacilitator(code)}
        />
      );
    case 'enter-code':
      return <EnterCode services={services} />;
  }
}

interface LinkProps {
  kind: JoinKind;
  code: string;
  join: (code: string) => Promise<JoinResult>;
}

/**
 * A link opened from a QR code or a printed invitation: joins at once, then goes home (replacing
 * the address, so the secret does not stay in the history). Offline, it tries again by itself
 * when the network comes back.
 */
function JoinFromLink({ kind, code, join }: LinkProps) {
  const [failure, setFailure] = useState<JoinFailure>();
  const [busy, setBusy] = useState(true);
  const running = useRef(false);

  const attempt = () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setFailure(undefined);
    void join(code)
      .catch((error: unknown): JoinResult => {
        recordScreenError(error);
        return { ok: false, reason: 'server-error' };
      })
      .then((result) => {
        running.current = false;
        setBusy(false);
        if (result.ok) navigate({ name: 'home' }, { replace: true });
        else setFailure(result.reason);
      });
  };

  useEffect(attempt, [code]);
  useEffect(() => {
    if (failure !== 'offline') return;
    window.addEventListener('online', attempt);
    return () => window.removeEventListener('online', attempt);
  }, [failure]);

  return (
    <>
      <Title>{kind === 'household' ? td('join.household.title') : td('join.facilitator.title')}</Title>
      <p role="status" class="lead">
        {busy && (
          <>
            <span aria-hidden="true">🔌 </span>
            {td('join.progress')}
          </>
        )}
      </p>
      {failure && (
        <div class="error-summary" role="alert">
          <p>
            <span aria-hidden="true">⚠️ </span>
            {joinFailureText(failure, kind)}
          </p>
        </div>
      )}
      <div class="button-row">
        {failure && worthRetrying(failure) && (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={attempt}>
            <span aria-hidden="true">🔁 </span>
            {td('join.retry')}
          </button>
        )}
        {!busy && (
          <a class="btn btn-secondary" href={href({ name: 'home' })}>
            {t('common.back-home')}
          </a>
        )}
      </div>
    </>
  );
}
