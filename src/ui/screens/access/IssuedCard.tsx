import { Fragment, type RefObject } from 'preact';
import { useMemo } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { td } from '../../../i18n/devices';
import { isolate } from '../../isolate';
import type { IssuedCredential } from '../../services';

interface Props {
  issued: IssuedCredential;
  householdName: string;
  perimeterName: string | undefined;
  titleRef: RefObject<HTMLHeadingElement | null>;
}

/**
 * What the household takes away: the QR code of its link and the same secret as a short code to
 * type. This card is all that prints (see `.print-card` in styles.css).
 */
export function IssuedCard({ issued, householdName, perimeterName, titleRef }: Props) {
  // Medium error correction and a wide quiet zone: read from a tablet's glossy screen or a
  // photocopy, by an old phone.
  const qr = useMemo(
    () =>
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(issued.link, { ecc: 'M', border: 4 }))}`,
    [issued.link],
  );
  const site = new URL(issued.link).host;
  return (
    <section class="card print-card" aria-labelledby="issued-title">
      <h2 id="issued-title" ref={titleRef} tabIndex={-1}>
        <span aria-hidden="true">🧶 </span>
        {td('access.card.title')}
      </h2>
      <p class="issued-household">
        {isolate(td('access.card.household'), { name: householdName })}
        {perimeterName && (
          <span class="muted">
            {' '}
            · <bdi>{perimeterName}</bdi>
          </span>
        )}
      </p>
      <img class="qr" src={qr} alt={td('access.qr.alt', { name: householdName })} width={320} height={320} />
      <p>{td('access.card.scan')}</p>
      <p>{td('access.card.or-code', { site })}</p>
      <p class="short-code">
        <span class="sr-only">{td('access.code.label')} </span>
        {/* Real spaces between the groups, so that screen readers spell them group by group; the
            flex layout ignores them and spaces the groups itself. */}
        {issued.shortCode.split('-').map((group, i) => (
          <Fragment key={i}>
            {i > 0 && ' '}
            <span class="short-code-group">{group}</span>
          </Fragment>
        ))}
      </p>
    </section>
  );
}
