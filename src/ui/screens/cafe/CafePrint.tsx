import { useMemo } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { posterCode } from '../../../domain/cafe-poster-code';
import type { Cafe } from '../../../domain/schemas';
import { tc } from '../../../i18n/cafe';
import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive, useLiveState } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import { isolate } from '../../isolate';
import { cafeWhen, themeTitle } from './cafe-text';
import './cafe.css';

/** How many invitation slips one A4 sheet holds (2 columns of 4, cut along the dashed lines). */
const SLIPS_PER_PAGE = 8;

/**
 * The café's A4 poster (theme, date, place, a QR code as large as the page allows for "Je suis
 * là", the welcome) or a sheet of invitation slips, each with the same QR code: laid out for print
 * by cafe.css's @page rules, printed with the browser's own dialog.
 */
export function CafePrint({
  ps,
  cafeId,
  kind,
}: {
  ps: PerimeterServices;
  cafeId: string;
  kind: 'poster' | 'slips';
}) {
  const loaded = useLiveState(() => ps.queries.cafeBoard(cafeId), [ps, cafeId]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const qr = useMemo(
    // Level Q (25 % restored, ISO/IEC 18004 §6.5.1): a poster outdoors gets rain and folds.
    () =>
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
        renderSVG(posterCode(ps.id, cafeId), { ecc: 'Q', boostEcc: false, border: 4, pixelSize: 8 }),
      )}`,
    [ps.id, cafeId],
  );
  if (loaded && !loaded.value) return <NotFound message={tc('cafe.missing')} />;
  if (!loaded?.value || !catalogue) return <Loading />;
  const { cafe } = loaded.value;
  const theme = themeTitle(cafe, catalogue.themes);
  return (
    <div class={`cafe-print cafe-print-${kind}`}>
      <div class="button-row no-print">
        <button type="button" class="btn btn-primary btn-big" onClick={() => window.print()}>
          <span aria-hidden="true">🖨️ </span>
          {tc('cafe.print.do')}
        </button>
        <a class="btn btn-quiet" href={href({ name: 'cafe', cafeId })}>
          {tc('cafe.print.back')}
        </a>
      </div>
      {kind === 'poster' ? (
        <Poster cafe={cafe} theme={theme} qr={qr} />
      ) : (
        <>
          <Title class="no-print">{tc('cafe.print.slips')}</Title>
          <ul class="cafe-slips" aria-label={tc('cafe.print.slips')}>
            {Array.from({ length: SLIPS_PER_PAGE }, (_, i) => (
              <li key={i} class="cafe-slip">
                <p class="cafe-slip-invite">{tc('cm.slip.invite')}</p>
                <p class="cafe-slip-theme">
                  <bdi>{theme}</bdi>
                </p>
                <p>{cafeWhen(cafe)}</p>
                <p>{isolate(tc('cm.where'), { place: cafe.place })}</p>
                <img class="cafe-slip-qr" src={qr} alt={tc('cm.poster.scan')} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Poster({ cafe, theme, qr }: { cafe: Cafe; theme: string; qr: string }) {
  return (
    <article class="cafe-poster">
      <Title>{tc('cm.poster.title')}</Title>
      <p class="cafe-poster-theme">
        <bdi>{theme}</bdi>
      </p>
      <p class="cafe-poster-when">{cafeWhen(cafe)}</p>
      <p class="cafe-poster-where">{isolate(tc('cm.where'), { place: cafe.place })}</p>
      {cafe.welcome && (
        <p class="cafe-poster-welcome">
          <bdi>{cafe.welcome}</bdi>
        </p>
      )}
      <img class="cafe-poster-qr" src={qr} alt={tc('cm.poster.scan')} />
      <p class="cafe-poster-scan">{tc('cm.poster.scan')}</p>
      <p>{tc('cm.poster.all')}</p>
    </article>
  );
}
