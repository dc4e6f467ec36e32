import { useEffect, useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { formatMoment } from '../../../i18n';
import { td } from '../../../i18n/devices';
import { commandFailed, queryFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import type { PerimeterServices } from '../../services';

type Credential = Awaited<ReturnType<PerimeterServices['queries']['credentialsOf']>>[number];

interface Props {
  ps: PerimeterServices;
  householdId: string;
  /** Bumped when a credential was issued or revoked: the list is read again. */
  version: number;
  /** The credential whose code is on screen now, if any. */
  shownId: string | undefined;
  onChanged: () => void;
}

/** The accesses given to this household, newest first; any of them can be withdrawn. */
export function CredentialList({ ps, householdId, version, shownId, onChanged }: Props) {
  const [credentials, setCredentials] = useState<Credential[]>();
  const [error, setError] = useState<ErrorCode>();
  const [done, setDone] = useState(false);

  useEffect(() => {
    let alive = true;
    ps.queries.credentialsOf(householdId).then(
      (list) => alive && setCredentials([...list].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))),
      (error: unknown) => alive && setError(queryFailed(error)),
    );
    return () => {
      alive = false;
    };
  }, [ps, householdId, version]);

  const revoke = async (credentialId: string) => {
    const result = await ps.commands.revokeCredential(credentialId).catch(commandFailed<null>);
    if (result.ok) {
      setError(undefined);
      setDone(true);
      onChanged();
    } else setError(result.errors[0]?.code ?? 'storage-failed');
  };

  return (
    <section class="no-print" aria-labelledby="credentials-title">
      <h2 id="credentials-title">{td('access.list.title')}</h2>
      <p role="status">{done ? td('access.revoked') : ''}</p>
      {credentials && credentials.length === 0 && <p>{td('access.list.empty')}</p>}
      {credentials && credentials.length > 0 && (
        <ul class="household-list">
          {credentials.map((c) => (
            <CredentialRow
              key={c.credentialId}
              credential={c}
              shown={c.credentialId === shownId}
              revoke={() => revoke(c.credentialId)}
            />
          ))}
        </ul>
      )}
      <Alert code={error} />
    </section>
  );
}

interface RowProps {
  credential: Credential;
  shown: boolean;
  revoke: () => Promise<void>;
}

function CredentialRow({ credential, shown, revoke }: RowProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const when = formatMoment(credential.issuedAt);
  const confirm = async () => {
    setBusy(true);
    await revoke();
    setBusy(false);
    setAsking(false);
  };
  return (
    <li class="household-row credential-row">
      <p>
        {td('access.list.item', { when })}
        {credential.revoked && <span class="badge badge-muted">{td('access.list.revoked')}</span>}
        {shown && !credential.revoked && <span class="badge">{td('access.list.current')}</span>}
      </p>
      {!credential.revoked &&
        (asking ? (
          <div class="card card-warn">
            <p role="alert">{td('access.revoke.confirm')}</p>
            <div class="button-row">
              <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void confirm()}>
                {td('access.revoke.yes')}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setAsking(false)}>
                {td('access.revoke.no')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="btn btn-secondary" onClick={() => setAsking(true)}>
            <span aria-hidden="true">✖ </span>
            {td('access.revoke')}
            <span class="sr-only">{td('access.revoke.for', { when })}</span>
          </button>
        ))}
    </li>
  );
}
