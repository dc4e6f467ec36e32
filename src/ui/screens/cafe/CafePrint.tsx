import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { posterCode, posterTypedCode } from '../../../domain/cafe-poster-code';
import { type CafeStatus, cafeStatus } from '../../../domain/cafe-status';
import type { Cafe } from '../../../domain/schemas';
import { tc } from '../../../i18n/cafe';
import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive, useLiveState } from '../../hooks/useLive';
import { useNow } from '../../hooks/useNow';
import type { PerimeterServices } from '../../services';
import { isolate } from '../../isolate';
import { cafeWhen, themeTitle } from './cafe-text';
import './cafe.css';

/**
 * A welcome longer than this many characters is printed in smaller type (cafe.css), so that the
 * poster stays one A4 page with the longest welcome the form takes (200 characters).
 */
const LONG_WELCOME = 100;

/** How many invitation slips one A4 sheet holds (2 columns of 4, cut along the dashed lines). */
const SLIPS_PER_PAGE = 8;

/**
 * The café's A4 poster (theme, date, place, a QR code as large as the page allows for "Je suis
 * là", the welcome) or a sheet of invitation slips, each with the same QR code: laid out for print
 * by cafe.css's @page rules, printed with the browser's own dialog.
 *
 * A cancelled café, or one that is over (held, or its end passed by this device's clock:
 * domain/cafe-status.ts), is still printable, for the association's records, but the screen says
 * so first, and the page carries a large "Annulé" or "Terminé" across it and no code: nobody can
 * check in at it from an old poster.
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
  const now = useNow();
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
  const closed = closedAs(cafeStatus(cafe, now));
  return (
    <div class={`cafe-print cafe-print-${kind}${closed ? ' cafe-print-closed' : ''}`}>
      {closed && <p class="card card-warn no-print">{tc(`cafe.print.${closed}`)}</p>}
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
        <Poster cafe={cafe} theme={theme} qr={qr} typed={posterTypedCode(ps.id, cafeId)} closed={closed} />
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
                {/* Each slip says it too: a slip is cut out and handed on alone. */}
                {closed ? (
                  <p class="cafe-slip-closed">{tc(`cm.print.${closed}`)}</p>
                ) : (
                  <img class="cafe-slip-qr" src={qr} alt={tc('cm.poster.scan')} />
                )}
              </li>
            ))}
          </ul>
          {closed && <Stamp closed={closed} />}
        </>
      )}
    </div>
  );
}

/**
 * The poster: the QR code, and beside it the same café as a code to type (domain posterTypedCode),
 * for a phone that cannot film. The slips never carry that code: they reach people before the café.
 */
function Poster({
  cafe,
  theme,
  qr,
  typed,
  closed,
}: {
  cafe: Cafe;
  theme: string;
  qr: string;
  typed: string;
  closed: Closed | undefined;
}) {
  if (closed)
    return (
      <article class="cafe-poster">
        <Title>{tc('cm.poster.title')}</Title>
        <p class="cafe-poster-theme">
          <bdi>{theme}</bdi>
        </p>
        <p class="cafe-poster-when">{cafeWhen(cafe)}</p>
        <p class="cafe-poster-where">{isolate(tc('cm.where'), { place: cafe.place })}</p>
        <Stamp closed={closed} />
      </article>
    );
  return (
    <article class="cafe-poster">
      <Title>{tc('cm.poster.title')}</Title>
      <p class="cafe-poster-theme">
        <bdi>{theme}</bdi>
      </p>
      <p class="cafe-poster-when">{cafeWhen(cafe)}</p>
      <p class="cafe-poster-where">{isolate(tc('cm.where'), { place: cafe.place })}</p>
      {cafe.welcome && (
        <p
          class={`cafe-poster-welcome${cafe.welcome.length > LONG_WELCOME ? ' cafe-poster-welcome-long' : ''}`}
        >
          <bdi>{cafe.welcome}</bdi>
        </p>
      )}
      <p class="cafe-poster-scan">{tc('cm.poster.scan')}</p>
      {/* On paper the code to type stands beside the QR code: under it, the page would overflow. */}
      <div class="cafe-poster-codes">
        <img class="cafe-poster-qr" src={qr} alt={tc('cm.poster.scan')} />
        <div>
          <p>{tc('cm.poster.typed')}</p>
          <p class="cafe-poster-typed">
            <span class="sr-only">{tc('cm.poster.typed-label')} </span>
            {/* Each group in its own box, a real space between: read and typed group by group. */}
            {typed.split(' ').map((group, i) => (
              <Fragment key={i}>
                {i > 0 && ' '}
                <span>{group}</span>
              </Fragment>
            ))}
          </p>
        </div>
      </div>
      <p>{tc('cm.poster.all')}</p>
    </article>
  );
}

/** Why a café's poster must not invite anyone any more: cancelled, or over. */
type Closed = 'cancelled' | 'over';

function closedAs(status: CafeStatus): Closed | undefined {
  if (status === 'cancelled') return 'cancelled';
  return status === 'held' || status === 'to-close' ? 'over' : undefined;
}

/** The large word across a closed café's page, on screen and on paper. */
function Stamp({ closed }: { closed: Closed }) {
  return <p class="cafe-stamp">{tc(`cm.print.${closed}`)}</p>;
}
