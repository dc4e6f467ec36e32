import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { renderSVG } from 'uqr';
import type { MeetingCode } from '../../../domain/meeting-code';
import { tm } from '../../../i18n/meeting';
import './meeting.css';

/**
 * The meeting code on the showing phone: the QR code as large as the screen allows, black on
 * white, and under it the same meeting as a code to read aloud and type. The host screen makes
 * the code (domain/meeting-code.ts `newMeetingCode`) once the resident confirmed "we met".
 */
export function MeetingCodeView({ code }: { code: MeetingCode }) {
  // Level M and a 4-module quiet zone (ISO/IEC 18004 §6.3.8): read off a glossy phone screen at
  // arm's length. The image is drawn 8 pixels a module and scaled by CSS, pixelated, so edges stay sharp.
  const qr = useMemo(
    () =>
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
        renderSVG(code.qr, { ecc: 'M', boostEcc: false, border: 4, pixelSize: 8 }),
      )}`,
    [code.qr],
  );
  return (
    <section class="card meeting-show" aria-labelledby="meeting-show-title">
      <h2 id="meeting-show-title">{tm('meeting.show.title')}</h2>
      <p>{tm('meeting.show.intro')}</p>
      <img class="meeting-qr" src={qr} alt={tm('meeting.show.qr-alt')} />
      <p>{tm('meeting.show.typed')}</p>
      <p class="meeting-typed">
        <span class="sr-only">{tm('meeting.show.typed-label')} </span>
        {/* Each group in its own box, a real space between: read aloud group by group. */}
        {code.typed.split(' ').map((group, i) => (
          <Fragment key={i}>
            {i > 0 && ' '}
            <span>{group}</span>
          </Fragment>
        ))}
      </p>
    </section>
  );
}
