import { useState } from 'preact/hooks';
import { td } from '../../../i18n/devices';
import { recordScreenError } from '../../command-failure';
import { TextField } from '../../components/TextField';
import type { AppServices, JoinResult } from '../../services';
import { type JoinFailure, invitationCode, joinFailureText } from '../join/join-messages';

/**
 * A tablet that worked on its own joins the server with an invitation code: its perimeter goes up
 * as it is (unless the server's perimeter already has content, see `perimeter-in-use`).
 */
export function JoinServerForm({ services, onJoined }: { services: AppServices; onJoined: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<JoinFailure | 'empty'>();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const text = code.trim();
    if (!text) {
      setFailure('empty');
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('input')?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    const result = await services
      .joinAsFacilitator(invitationCode(text) ?? text)
      .catch((error: unknown): JoinResult => {
        recordScreenError(error);
        return { ok: false, reason: 'server-error' };
      });
    setBusy(false);
    if (result.ok) onJoined();
    else setFailure(result.reason);
  };

  const fieldError =
    failure === 'empty'
      ? td('device.join.empty')
      : failure === 'invalid-code'
        ? joinFailureText(failure, 'facilitator')
        : undefined;

  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="join-title">
      <h2 id="join-title">{td('device.join.title')}</h2>
      <p>{td('device.join.intro')}</p>
      <TextField
        id="invitation-code"
        label={td('device.join.label')}
        hint={td('device.join.hint')}
        value={code}
        onInput={setCode}
        errorText={fieldError}
        code
      />
      <div role="status">{busy && <p>{td('join.progress')}</p>}</div>
      {failure && !fieldError && failure !== 'empty' && (
        <div class="error-summary" role="alert">
          <p>
            <span aria-hidden="true">⚠️ </span>
            {joinFailureText(failure, 'facilitator')}
          </p>
        </div>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        <span aria-hidden="true">🔗 </span>
        {td('device.join.submit')}
      </button>
    </form>
  );
}
