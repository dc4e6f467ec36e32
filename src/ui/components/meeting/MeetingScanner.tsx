import { useEffect, useRef, useState } from 'preact/hooks';
import type { MeetingCodeError } from '../../../domain/meeting-code';
import { meetingError, tm } from '../../../i18n/meeting';
import { loadQrDetector, openRearCamera } from './detector';
import './meeting.css';

/** Takes a text read from a code: null once it was taken, or why it changed nothing. */
export type OnMeetingCode<E extends string = MeetingCodeError> = (text: string) => Promise<E | null>;

type CameraState = 'starting' | 'looking' | 'nothing-yet' | 'no-camera' | 'denied' | 'failed';

/** How long the camera looks before the scanner suggests holding it otherwise, or typing. */
const HINT_AFTER_MS = 6000;
/** Frames are read this often: enough to feel instant, without heating an old phone. */
const FRAME_EVERY_MS = 200;

interface Props<E extends string> {
  onCode: OnMeetingCode<E>;
  onTypeInstead(): void;
  /**
   * For another code than a neighbour's (the café poster's): the sentence above the camera, the
   * refusals' words, and the button offered instead of the camera.
   */
  intro?: string;
  refusalText?: (refusal: E) => string;
  insteadLabel?: string;
}

/**
 * Reads a neighbour's meeting code with the rear camera. Says in words when the phone has no
 * camera, when it is refused, and when nothing is found yet, and always offers to type the code.
 * A refused code is said once and the camera keeps looking; the same text is not tried again. The
 * camera stops as soon as a code is taken or the scanner leaves the screen.
 */
export function MeetingScanner<E extends string = MeetingCodeError>({
  onCode,
  onTypeInstead,
  intro,
  refusalText,
  insteadLabel,
}: Props<E>) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [refusal, setRefusal] = useState<E>();
  // The latest handler, without restarting the camera when the host re-renders.
  const handler = useRef(onCode);
  handler.current = onCode;

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
      if (typeof opened === 'string') return setState(opened);
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
        stop();
        setState('failed');
      }
    };
    void run();
    return stop;
  }, []);

  const blocked = state === 'no-camera' || state === 'denied' || state === 'failed';
  return (
    <div class="meeting-scanner">
      <p>{intro ?? tm('meeting.scan.intro')}</p>
      {!blocked && (
        <video
          ref={video}
          class="meeting-camera"
          aria-label={tm('meeting.scan.video')}
          muted
          playsInline
          disablePictureInPicture
        />
      )}
      <p role="status" class={blocked ? 'error-summary' : undefined}>
        {blocked && <span aria-hidden="true">⚠️ </span>}
        {tm(`meeting.scan.${state}`)}
      </p>
      <div role="alert" class={refusal ? 'error-summary' : 'alert-empty'}>
        {refusal && (
          <p>
            <span aria-hidden="true">⚠️ </span>
            {refusalText ? refusalText(refusal) : meetingError(refusal as MeetingCodeError)}
          </p>
        )}
      </div>
      <button
        type="button"
        class={blocked ? 'btn btn-primary btn-wide' : 'btn btn-secondary btn-wide'}
        onClick={onTypeInstead}
      >
        <span aria-hidden="true">⌨️</span> {insteadLabel ?? tm('meeting.scan.type-instead')}
      </button>
    </div>
  );
}
