import { useEffect, useRef, useState } from 'preact/hooks';
import { tm } from '../../../i18n/meeting';
import { TextField } from '../TextField';
import type { CodeWords } from './code-words';
import type { OnMeetingCode } from './MeetingScanner';

interface Props<E extends string> {
  onCode: OnMeetingCode<E>;
  words: CodeWords<E>;
  /** Offered only where the phone may have a camera. */
  onUseCamera?: (() => void) | undefined;
  /** The person asked to type: the box takes the focus, where the button they touched was. */
  focus?: boolean;
}

/**
 * The typed fallback: a code read from under a QR code (a neighbour's, the café poster's). Empty,
 * it says what to type; refused, it says why, on the box, and nothing is recorded. How case and
 * spaces are taken is the reader's (`onCode`) business.
 */
export function MeetingCodeEntry<E extends string>({ onCode, words, onUseCamera, focus }: Props<E>) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<E | 'empty'>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focus) input.current?.focus();
  }, [focus]);

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
        id={words.fieldId}
        label={words.label}
        hint={words.hint}
        value={text}
        onInput={setText}
        errorText={refusal === 'empty' ? words.empty : refusal ? words.refusal(refusal) : undefined}
        code
        inputRef={input}
      />
      <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={busy}>
        {words.submit}
      </button>
      {onUseCamera && (
        <button type="button" class="btn btn-secondary btn-wide" onClick={onUseCamera}>
          <span aria-hidden="true">📷</span> {tm('meeting.typed.use-camera')}
        </button>
      )}
    </form>
  );
}
