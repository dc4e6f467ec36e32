import { useEffect, useRef, useState } from 'preact/hooks';
import { type RelayProblem, relayProblem, tr } from '../../../i18n/relay';
import { loadQrDetector, openRearCamera } from '../meeting/detector';
import { RelayArrived, type RelayArrivedCounts } from './RelayArrived';
import { RELAY_STALL_MS } from './relay-timing';
import './relay.css';

/** What one text read led to (sync/relay-session.ts RelayStep). */
export type RelayStepView =
  | { status: 'progress'; percent: number }
  | { status: 'refused'; problem: RelayProblem }
  | { status: 'done'; arrived: RelayArrivedCounts }
  | { status: 'rejected'; problem: RelayProblem };

/** The receiving device's side of a relay (sync/relay-session.ts RelaySession). */
export interface RelayIntake {
  read(text: string): RelayStepView;
  stalled(ms: number): boolean;
  restart(): void;
}

type CameraState = 'starting' | 'looking' | 'no-camera' | 'denied' | 'failed';

/** Frames are looked for as fast as the detector goes, leaving the page this pause between two. */
const PAUSE_MS = 30;

interface Props {
  intake: RelayIntake;
  /** A whole message arrived and was applied. */
  onDone(arrived: RelayArrivedCounts): void;
}

/**
 * Reads the other device's animated codes with the camera (the meeting scanner's detector,
 * meeting/detector.ts), continuously, until a whole message arrived: a progress bar with the
 * percentage in words, then what arrived. A frame of another quartier, a damaged frame, a stalled
 * reading and a refused message are each said in plain words; none of them changes anything.
 */
export function RelayReceiver({ intake, onDone }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [percent, setPercent] = useState(0);
  const [notice, setNotice] = useState<RelayProblem>();
  const [rejected, setRejected] = useState<RelayProblem>();
  const [arrived, setArrived] = useState<RelayArrivedCounts>();
  const [attempt, setAttempt] = useState(0);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let frameTimer: ReturnType<typeof setTimeout> | undefined;
    let lastText: string | undefined;
    const stallTimer = setInterval(() => {
      if (intake.stalled(RELAY_STALL_MS)) setNotice('stalled');
    }, 1000);
    const stop = () => {
      stopped = true;
      clearTimeout(frameTimer);
      clearInterval(stallTimer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    const take = (text: string): boolean => {
      const step = intake.read(text);
      if (step.status === 'progress') {
        setPercent(step.percent);
        setNotice((now) => (now === 'stalled' || now === 'corrupted' ? undefined : now));
        return false;
      }
      if (step.status === 'refused') {
        setNotice(step.problem);
        return false;
      }
      if (step.status === 'rejected') {
        setRejected(step.problem);
        return true;
      }
      setPercent(100);
      setArrived(step.arrived);
      done.current(step.arrived);
      return true;
    };

    const run = async () => {
      const opened = await openRearCamera();
      if (typeof opened === 'string') return setState(opened);
      stream = opened;
      const element = video.current;
      if (stopped || !element) return stop();
      element.srcObject = stream;
      try {
        await element.play();
        const detector = await loadQrDetector();
        if (stopped) return;
        setState('looking');
        const frame = async () => {
          if (stopped) return;
          const found = element.readyState >= 2 ? await detector.detect(element).catch(() => []) : [];
          for (const { rawValue } of found) {
            // The same frame stays on screen for several camera pictures: read it once.
            if (stopped || rawValue === lastText) continue;
            lastText = rawValue;
            if (take(rawValue)) return stop();
          }
          if (!stopped) frameTimer = setTimeout(() => void frame(), PAUSE_MS);
        };
        void frame();
      } catch {
        stop();
        setState('failed');
      }
    };
    void run();
    return stop;
  }, [intake, attempt]);

  const again = () => {
    intake.restart();
    setRejected(undefined);
    setNotice(undefined);
    setPercent(0);
    setAttempt((n) => n + 1);
  };

  if (arrived) return <RelayArrived arrived={arrived} />;
  const blocked = state === 'no-camera' || state === 'denied' || state === 'failed';
  const problem = rejected ?? notice;
  return (
    <section class="card" aria-labelledby="relay-receive-title">
      <h2 id="relay-receive-title">{tr('relay.receive.title')}</h2>
      <p>{tr('relay.receive.intro')}</p>
      {!blocked && !rejected && (
        <video
          ref={video}
          class="relay-camera"
          aria-label={tr('relay.receive.video')}
          muted
          playsInline
          disablePictureInPicture
        />
      )}
      <progress
        class="relay-progress"
        max={100}
        value={percent}
        aria-label={tr('relay.receive.progress-label')}
      />
      <p role="status" class={blocked ? 'error-summary' : 'relay-percent'}>
        {blocked
          ? tr(`relay.receive.${state}`)
          : percent > 0
            ? tr('relay.receive.progress', { percent })
            : tr(`relay.receive.${state}`)}
      </p>
      <div role="alert" class={problem ? 'error-summary' : 'alert-empty'} data-problem={problem}>
        {problem && (
          <p>
            <span aria-hidden="true">⚠️ </span>
            {relayProblem(problem)}
          </p>
        )}
      </div>
      {rejected && (
        <button type="button" class="btn btn-primary btn-wide" onClick={again}>
          {tr('relay.receive.again')}
        </button>
      )}
    </section>
  );
}
