import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import type { MeetingCode } from '../../../domain/meeting-code';
import { tn } from '../../../i18n/neighbours';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { MeetingCodeView } from '../../components/meeting/MeetingCodeView';
import { MeetingReader } from '../../components/meeting/MeetingReader';
import type { PerimeterServices } from '../../services';
import { screenChanged } from '../../tap-guard';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  otherId: string;
  /** The ideas this household and the neighbour said yes to, both. */
  ideaIds: readonly string[];
  onClose(): void;
}

type Step = { kind: 'choose' } | { kind: 'show'; code: MeetingCode } | { kind: 'read' } | { kind: 'done' };

/**
 * "Nous nous sommes rencontrés", face to face with no network: one phone shows its code, the other
 * reads it (workspace/meeting.ts). Each phone records its own household's 'met'; both reach the
 * server whenever each phone syncs.
 */
export function MeetingPanel({ ps, householdId, otherId, ideaIds, onClose }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();

  const show = async () => {
    setBusy(true);
    const made = await ps.commands
      .showMeetingCode(householdId, otherId, ideaIds)
      .catch(commandFailed<MeetingCode>);
    setBusy(false);
    if (!made.ok) return setError(made.errors[0]?.code);
    setError(undefined);
    screenChanged();
    setStep({ kind: 'show', code: made.value });
  };

  const read = async (text: string) => {
    const outcome = await ps.commands.readMeetingCode(householdId, text).catch(() => undefined);
    if (!outcome) {
      setError('storage-failed');
      return null;
    }
    if (outcome.ok) {
      screenChanged();
      setStep({ kind: 'done' });
      return null;
    }
    if ('error' in outcome) return outcome.error;
    setError(outcome.errors[0]?.code);
    return null;
  };

  return (
    <div class="meeting-panel">
      <Alert code={error} />
      {step.kind === 'choose' && (
        <div class="link-actions">
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void show()}>
            <span aria-hidden="true">🔳 </span>
            {tn('nb.met.show')}
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={busy}
            onClick={() => {
              screenChanged();
              setStep({ kind: 'read' });
            }}
          >
            <span aria-hidden="true">📷 </span>
            {tn('nb.met.read')}
          </button>
        </div>
      )}
      {step.kind === 'show' && <MeetingCodeView code={step.code} />}
      {step.kind === 'read' && <MeetingReader onCode={read} />}
      {step.kind === 'done' && (
        <p role="status" class="link-saved">
          <span aria-hidden="true">✅ </span>
          {tn('nb.met.done')}
        </p>
      )}
      <button type="button" class="btn btn-quiet" onClick={onClose}>
        {tn('nb.met.close')}
      </button>
    </div>
  );
}
