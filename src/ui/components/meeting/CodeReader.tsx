import { useState } from 'preact/hooks';
import { tm } from '../../../i18n/meeting';
import type { CodeWords } from './code-words';
import type { CameraFailure } from './detector';
import { MeetingCodeEntry } from './MeetingCodeEntry';
import { type OnMeetingCode, MeetingScanner } from './MeetingScanner';

/**
 * Reading a code printed or shown under a QR code: the camera first; the box to type it in when
 * the person asks, and at once when the phone cannot film (no camera, camera refused, camera
 * failing), with the reason above the box. What must stay true: every sentence that tells the
 * person to type the code is on screen with the box, and every code, filmed or typed, goes
 * through `onCode`, which checks it before recording anything. Leaving the camera stops it.
 */
export function CodeReader<E extends string>({
  onCode,
  words,
}: {
  onCode: OnMeetingCode<E>;
  words: CodeWords<E>;
}) {
  const canFilm = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  const [typing, setTyping] = useState<'asked' | 'blocked' | false>(canFilm ? false : 'blocked');
  const [problem, setProblem] = useState<CameraFailure | undefined>(canFilm ? undefined : 'no-camera');

  if (!typing)
    return (
      <MeetingScanner<E>
        onCode={onCode}
        words={words}
        onTypeInstead={() => setTyping('asked')}
        onBlocked={(failure) => {
          setProblem(failure);
          setTyping('blocked');
        }}
      />
    );
  return (
    <div class="code-reader">
      {problem && (
        <p role="status" class="error-summary">
          <span aria-hidden="true">⚠️ </span>
          {tm(`meeting.scan.${problem}`)}
        </p>
      )}
      <MeetingCodeEntry<E>
        onCode={onCode}
        words={words}
        focus={typing === 'asked'}
        // No camera at all: nothing to go back to. Refused or failing: the person may have allowed
        // it in the settings, or closed the app that held it.
        onUseCamera={
          canFilm && problem !== 'no-camera'
            ? () => {
                setProblem(undefined);
                setTyping(false);
              }
            : undefined
        }
      />
    </div>
  );
}
