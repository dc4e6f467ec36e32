import { useMemo } from 'preact/hooks';
import { cafeEvent } from '../../../domain/cafe-calendar';
import { cafeStatus } from '../../../domain/cafe-status';
import type { Cafe } from '../../../domain/schemas';
import { tc } from '../../../i18n/cafe';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import { useNow } from '../../hooks/useNow';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';
import { CafeNow } from './CafeNow';
import { cafeWhen, themeTitle } from './cafe-text';
import './cafe.css';

/**
 * The next café on a household's home, once its phone has the document: when, where, the theme,
 * "Ajouter à mon agenda" (an .ics file, domain/cafe-calendar.ts) and the way to the café's page.
 * Nothing when no café is planned. During the café's hours (domain/cafe-status.ts, by this phone's
 * clock) it says "En cours"; once they are over it goes, even if nobody marked it held yet.
 */
export function NextCafeCard({ ps, householdId }: { ps: PerimeterServices; householdId: string }) {
  const cafe = useLive(() => ps.queries.nextCafe(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const now = useNow();
  if (!cafe || !catalogue) return null;
  const status = cafeStatus(cafe, now);
  if (status !== 'planned' && status !== 'in-progress') return null;
  const theme = themeTitle(cafe, catalogue.themes);
  return (
    <section class="card card-accent cafe-next" aria-labelledby="cafe-next">
      <h2 id="cafe-next">
        <span aria-hidden="true">☕️ </span>
        {tc('cm.next')}
      </h2>
      {status === 'in-progress' && <CafeNow />}
      <p>{isolate(tc('cm.theme'), { theme })}</p>
      <p>{cafeWhen(cafe)}</p>
      <p>{isolate(tc('cm.where'), { place: cafe.place })}</p>
      <div class="button-row">
        <a class="btn btn-primary" href={href({ name: 'my-cafe', householdId })}>
          {tc('cm.open')}
        </a>
        <CalendarLink cafe={cafe} theme={theme} perimeterId={ps.id} perimeterName={perimeter?.name ?? ''} />
      </div>
    </section>
  );
}

/** "Ajouter à mon agenda": the café as a downloaded .ics file, which phones open in their calendar. */
function CalendarLink({
  cafe,
  theme,
  perimeterId,
  perimeterName,
}: {
  cafe: Cafe;
  theme: string;
  perimeterId: string;
  perimeterName: string;
}) {
  const url = useMemo(() => {
    const text = cafeEvent(cafe, {
      summary: `${tc('cm.poster.title')} : ${theme}`,
      description: perimeterName,
      perimeterId,
      now: new Date().toISOString(),
    });
    return `data:text/calendar;charset=utf-8,${encodeURIComponent(text)}`;
  }, [cafe, theme, perimeterId, perimeterName]);
  return (
    <a class="btn btn-secondary" href={url} download={`cafe-rencontre-${cafe.date}.ics`}>
      <span aria-hidden="true">📅 </span>
      {tc('cm.calendar')}
    </a>
  );
}
