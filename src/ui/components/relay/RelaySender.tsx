import { useEffect, useRef, useState } from 'preact/hooks';
import { encode } from 'uqr';
import { tr } from '../../../i18n/relay';
import { RELAY_FRAMES_PER_S, RELAY_QR_VERSION } from './relay-timing';
import './relay.css';

/** The frames of one message: an endless sequence of QR texts (sync/relay-frames.ts RelayFrames). */
export interface RelayFrameSource {
  next(): string;
  /** Frames needed with none missed. */
  readonly parts: number;
}

/** Pixels a module on the canvas; CSS scales it to the screen, pixelated. */
const PIXELS_PER_MODULE = 4;
const BORDER = 4;

interface Props {
  frames: RelayFrameSource;
  /** The other device said it received everything. */
  onDone(): void;
}

/**
 * Shows a message as animated QR codes on a canvas, RELAY_FRAMES_PER_S a second, black on white
 * and as large as the screen allows, for the other device's camera (RelayReceiver). The count of
 * frames shown is said in words, with what to do: keep showing until the other device says it
 * has everything (how many frames it needs depends on what it missed). On opening, the section is
 * scrolled into view and its heading takes focus: on a 360×640 phone the codes were below the
 * screen after « Montrer mes codes » (issue 12, tester's fault).
 */
export function RelaySender({ frames, onDone }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.closest('section')?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, []);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const draw = () => {
      const qr = encode(frames.next(), {
        ecc: 'M',
        boostEcc: false,
        border: BORDER,
        minVersion: RELAY_QR_VERSION,
        maxVersion: RELAY_QR_VERSION,
      });
      const side = qr.size * PIXELS_PER_MODULE;
      if (context.canvas.width !== side) context.canvas.width = context.canvas.height = side;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, side, side);
      context.fillStyle = '#000';
      qr.data.forEach((row, y) =>
        row.forEach((dark, x) => {
          if (dark)
            context.fillRect(
              x * PIXELS_PER_MODULE,
              y * PIXELS_PER_MODULE,
              PIXELS_PER_MODULE,
              PIXELS_PER_MODULE,
            );
        }),
      );
      setShown((count) => count + 1);
    };
    draw();
    const timer = setInterval(draw, 1000 / RELAY_FRAMES_PER_S);
    return () => clearInterval(timer);
  }, [frames]);

  return (
    <section class="card relay-show" aria-labelledby="relay-send-title">
      <h2 id="relay-send-title" tabIndex={-1} ref={heading}>
        {tr('relay.send.title')}
      </h2>
      <p>{tr('relay.send.intro')}</p>
      <canvas ref={canvas} class="relay-qr" role="img" aria-label={tr('relay.send.qr-alt')} />
      <p>{tr('relay.send.count', { shown })}</p>
      <button type="button" class="btn btn-primary btn-wide" onClick={onDone}>
        {tr('relay.send.done')}
      </button>
    </section>
  );
}
