import { tm } from '../../../i18n/meeting';
import { CodeReader } from './CodeReader';
import { meetingWords } from './code-words';
import type { OnMeetingCode } from './MeetingScanner';

/**
 * Reading a neighbour's meeting code (CodeReader: the camera, or the box to type it in).
 * `onCode` reads the text (domain/meeting-code.ts `readMeetingCode`) and records the meeting.
 */
export function MeetingReader({ onCode }: { onCode: OnMeetingCode }) {
  return (
    <section aria-labelledby="meeting-read-title">
      <h2 id="meeting-read-title">{tm('meeting.read.title')}</h2>
      <CodeReader onCode={onCode} words={meetingWords()} />
    </section>
  );
}
