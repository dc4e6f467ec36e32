import { useEffect, useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { type MeetingCard, type MeetingCode, meetingCardFits } from '../../../domain/meeting-code';
import { tn } from '../../../i18n/neighbours';
import { commandFailed, recordScreenError } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { CheckItem } from '../../components/CheckItem';
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

type Step =
  | { kind: 'choose' }
  | { kind: 'show'; code: MeetingCode }
  | { kind: 'read' }
  | { kind: 'done'; cardKept: boolean };

/**
 * The card this household may put in its code: its phone number, else its e-mail, as the server
 * last said (kept on this device for offline use); none if it has neither or it does not fit.
 */
function ownCard(phone: string | undefined, email: string | undefined): MeetingCard | undefined {
  const card = phone ? { phone } : email ? { email } : undefined;
  return card && meetingCardFits(card) ? card : undefined;
}

/**
 * "Nous nous sommes rencontrés", face to face with no network: one phone shows its code, the other
 * reads it (workspace/meeting.ts). Each phone records its own household's 'met'; both reach the
 * server whenever each phone syncs. The showing household may put its number in the code (off
 * until it ticks the box: issue 11 must-have 6); the reading phone keeps it for itself only.
 */
export function MeetingPanel({ ps, householdId, otherId, ideaIds, onClose }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const [card, setCard] = useState<MeetingCard>();
  const [includeCard, setIncludeCard] = useState(false);

  useEffect(() => {
    let alive = true;
    ps.queries.contactSharing(householdId).then(
      (read) => {
        const sharing = read.ok ? read.sharing : 'lastKnown' in read ? read.lastKnown : undefined;
        if (alive) setCard(ownCard(sharing?.phone, sharing?.email));
      },
      (reason: unknown) => recordScreenError(reason),
    );
    return () => {
      alive = false;
    };
  }, [ps, householdId]);

  const show = async () => {
    setBusy(true);
    const made = await ps.commands
      .showMeetingCode(householdId, otherId, ideaIds, includeCard ? card : undefined)
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
      setStep({ kind: 'done', cardKept: outcome.cardKept });
      return null;
    }
    if ('error' in outcome) return outcome.error;
    setError(outcome.errors[0]?.code);
    return null;
  };

  return (
    <div class="meeting-panel">
      <Alert code={error} />
      {step.kind === 'choose' && card && (
        <>
          <CheckItem
            id={`meeting-card-${otherId}`}
            checked={includeCard}
            onChange={setIncludeCard}
            describedBy={`meeting-card-${otherId}-hint`}
          >
            {tn(card.phone ? 'nb.met.card-phone' : 'nb.met.card-email')}
          </CheckItem>
          <p id={`meeting-card-${otherId}-hint`} class="muted">
            {tn('nb.met.card-hint')}
          </p>
        </>
      )}
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
          {step.cardKept && ` ${tn('nb.met.card-kept')}`}
        </p>
      )}
      <button type="button" class="btn btn-quiet" onClick={onClose}>
        {tn('nb.met.close')}
      </button>
    </div>
  );
}
