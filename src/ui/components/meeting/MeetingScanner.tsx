import { useEffect, useRef, useState } from 'preact/hooks';
import type { MeetingCodeError } from '../../../domain/meeting-code';
import { tm } from '../../../i18n/meeting';
import type { CodeWords } from './code-words';
import { type CameraFailure, loadQrDetector, openRearCamera } from './detector';
import './meeting.css';

/** Takes a text read from a code: null once it was taken, or why it changed nothing. */
export type OnMeetingCode<E extends string = MeetingCodeError> = (text: string) => Promise<E | null>;

type CameraState = 'starting' | 'looking' | 'nothing-yet';

/** How long the camera looks before the scanner suggests holding it otherwise, or typing. */
const HINT_AFTER_MS = 6000;
/** Frames are read this often: enough to feel instant, without heating an old phone. */
const FRAME_EVERY_MS = 200;

interface Props<E extends string> {
  onCode: OnMeetingCode<E>;
  /** The words of the code read (a neighbour's, the café poster's). */
  words: CodeWords<E>;
  /** The person would rather type the code. */
  onTypeInstead(): void;
  /** The camera cannot film: the host puts the box to type the code in its place (CodeReader). */
  onBlocked(failure: CameraFailure): void;
}

/**
 * Reads a code with the rear camera. Says in words when nothing is found yet, and always offers to
 * type the code instead; hands a camera that cannot film to its host (`onBlocked`), which shows
 * why next to the box to type in. A refused code is said once and the camera keeps looking; the
 * same text is not tried again. The camera stops as soon as a code is taken or the scanner leaves
 * the screen.
 */
export function MeetingScanner<E extends string = MeetingCodeError>({
  onCode,
  words,
  onTypeInstead,
  onBlocked,
}: Props<E>) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [refusal, setRefusal] = useState<E>();
  // The latest handler, without restarting the camera when the host re-renders.
  const handler = useRef(onCode);
  handler.current = onCode;
  const blocked = useRef(onBlocked);
  blocked.current = onBlocked;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let frameTimer: ReturnType<typeof setTimeout> | undefined;
    let hintTimer: ReturnType<typeof setTimeout> | undefined;
    let lastText: string | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(frameTimer);
      clearTimeout(hintTimer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };

    const run = async () => {
      const opened = await openRearCamera();
      if (typeof opened === 'string') {
        if (!stopped) blocked.current(opened);
        return;
      }
      stream = opened;
      if (stopped) return stop();
      const element = video.current;
      if (!element) return stop();
      element.srcObject = stream;
      try {
        await element.play();
        const detector = await loadQrDetector();
        if (stopped) return;
        setState('looking');
        hintTimer = setTimeout(
          () => setState((now) => (now === 'looking' ? 'nothing-yet' : now)),
          HINT_AFTER_MS,
        );
        const frame = async () => {
          if (stopped) return;
          const found = element.readyState >= 2 ? await detector.detect(element).catch(() => []) : [];
          for (const { rawValue } of found) {
            if (stopped || rawValue === lastText) continue;
            lastText = rawValue;
            const refused = await handler.current(rawValue);
            if (refused === null) return stop();
            setRefusal(refused);
          }
          if (!stopped) frameTimer = setTimeout(() => void frame(), FRAME_EVERY_MS);
        };
        void frame();
      } catch {
        if (!stopped) blocked.current('failed');
        stop();
      }
    };
    void run();
    return stop;
  }, []);

  return (
    <div class="meeting-scanner">
      <p>{words.intro}</p>
      <video
        ref={video}
        class="meeting-camera"
        aria-label={tm('meeting.scan.video')}
        muted
        playsInline
        disablePictureInPicture
      />
      <p role="status">{tm(`meeting.scan.${state}`)}</p>
      <div role="alert" class={refusal ? 'error-summary' : 'alert-empty'}>
        {refusal && (
          <p>
            <span aria-hidden="true">⚠️ </span>
            {words.refusal(refusal)}
          </p>
        )}
      </div>
      <button type="button" class="btn btn-secondary btn-wide" onClick={onTypeInstead}>
        <span aria-hidden="true">⌨️</span> {words.typeInstead}
      </button>
    </div>
  );
}
