import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { td } from '../../../i18n/devices';
import { recordScreenError } from '../../command-failure';
import { TextField } from '../../components/TextField';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { navigate } from '../../hooks/useRoute';
import type { AppServices, JoinResult } from '../../services';
import { type JoinFailure, type JoinKind, invitationCode, joinFailureText } from './join-messages';

/**
 * A household types the short code written on its card, or pastes the link it was sent. An
 * invitation link pasted here by a facilitator works too: nobody should have to know which is which.
 */
export function EnterCode({ services }: { services: AppServices }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ reason: JoinFailure | 'empty'; kind: JoinKind }>();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const text = code.trim();
    if (!text) {
      setFailure({ reason: 'empty', kind: 'household' });
      input.current?.focus();
      return;
    }
    const invitation = invitationCode(text);
    const kind: JoinKind = invitation ? 'facilitator' : 'household';
    setBusy(true);
    setFailure(undefined);
    const result = await (
      invitation ? services.joinAsFacilitator(invitation) : services.joinAsHousehold(text)
    ).catch((error: unknown): JoinResult => {
      recordScreenError(error);
      return { ok: false, reason: 'server-error' };
    });
    setBusy(false);
    if (result.ok) {
      navigate({ name: 'home' }, { replace: true });
      return;
    }
    setFailure({ reason: result.reason, kind });
    if (result.reason === 'invalid-code') requestAnimationFrame(() => input.current?.focus());
  };

  const reason = failure?.reason;
  const fieldError =
    reason === 'empty'
      ? td('join.code.empty')
      : reason === 'invalid-code' && failure
        ? joinFailureText(reason, failure.kind)
        : undefined;

  return (
    <>
      <Title>{td('join.code.title')}</Title>
      <p class="lead">{td('join.code.intro')}</p>
      <form class="card" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="access-code"
          label={td('join.code.label')}
          hint={td('join.code.hint')}
          value={code}
          onInput={setCode}
          errorText={fieldError}
          code
          inputRef={input}
        />
        {failure && !fieldError && reason !== 'empty' && reason !== undefined && (
          <div class="error-summary" role="alert">
            <p>
              <span aria-hidden="true">⚠️ </span>
              {joinFailureText(reason, failure.kind)}
            </p>
          </div>
        )}
        <p role="status">{busy ? td('join.progress') : ''}</p>
        <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={busy}>
          {td('join.code.submit')}
        </button>
      </form>
      <p>
        <a class="btn btn-quiet" href={href({ name: 'home' })}>
          {t('common.back-home')}
        </a>
      </p>
    </>
  );
}
