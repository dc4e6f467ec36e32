import { useRef, useState } from 'preact/hooks';
import type { MeetingCodeError } from '../../../domain/meeting-code';
import { meetingError, tm } from '../../../i18n/meeting';
import { TextField } from '../TextField';
import type { OnMeetingCode } from './MeetingScanner';

interface Props {
  onCode: OnMeetingCode;
  /** Offered only where the phone may have a camera. */
  onUseCamera?: () => void;
}

/**
 * The typed fallback: the code the neighbour reads aloud from under their QR code. Case, spaces
 * and look-alike letters do not matter (domain/meeting-code.ts `normalizeTyped`).
 */
export function MeetingCodeEntry({ onCode, onUseCamera }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<MeetingCodeError | 'empty'>();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setRefusal('empty');
      input.current?.focus();
      return;
    }
    setBusy(true);
    const refused = await onCode(text);
    setBusy(false);
    setRefusal(refused ?? undefined);
    if (refused) requestAnimationFrame(() => input.current?.focus());
  };

  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id="meeting-code"
        label={tm('meeting.typed.label')}
        hint={tm('meeting.typed.hint')}
        value={text}
        onInput={setText}
        errorText={
          refusal === 'empty' ? tm('meeting.typed.empty') : refusal ? meetingError(refusal) : undefined
        }
        code
        inputRef={input}
      />
      <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={busy}>
        {tm('meeting.typed.submit')}
      </button>
      {onUseCamera && (
        <button type="button" class="btn btn-secondary btn-wide" onClick={onUseCamera}>
          <span aria-hidden="true">📷</span> {tm('meeting.typed.use-camera')}
        </button>
      )}
    </form>
  );
}
