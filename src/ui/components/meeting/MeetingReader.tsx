import { useState } from 'preact/hooks';
import { tm } from '../../../i18n/meeting';
import { MeetingCodeEntry } from './MeetingCodeEntry';
import { type OnMeetingCode, MeetingScanner } from './MeetingScanner';

/**
 * Reading a neighbour's meeting code: the camera first, the typed code on request, or straight
 * away on a phone that cannot film at all. Leaving the camera for the typed code stops it.
 * `onCode` reads the text (domain/meeting-code.ts `readMeetingCode`) and records the meeting.
 */
export function MeetingReader({ onCode }: { onCode: OnMeetingCode }) {
  const canFilm = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  const [typing, setTyping] = useState(!canFilm);
  return (
    <section aria-labelledby="meeting-read-title">
      <h2 id="meeting-read-title">{tm('meeting.read.title')}</h2>
      {typing ? (
        <MeetingCodeEntry onCode={onCode} onUseCamera={canFilm ? () => setTyping(false) : undefined} />
      ) : (
        <MeetingScanner onCode={onCode} onTypeInstead={() => setTyping(true)} />
      )}
    </section>
  );
}
