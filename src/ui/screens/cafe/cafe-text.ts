/** How the café screens name a café's theme and moment, from the café and the catalogue. */
import type { Cafe } from '../../../domain/schemas';
import { formatDate } from '../../../i18n';
import { tc } from '../../../i18n/cafe';

/** The theme's title: the catalogue's for a catalogue theme, the café's own for a local one. */
export function themeTitle(
  cafe: Pick<Cafe, 'theme' | 'localTheme'>,
  themes: readonly { id: string; title: string }[],
) {
  if (cafe.localTheme !== null) return cafe.localTheme;
  return themes.find((theme) => theme.id === cafe.theme)?.title ?? cafe.theme ?? '';
}

/** "samedi 5 décembre, de 15:00 à 17:30". */
export const cafeWhen = (cafe: Pick<Cafe, 'date' | 'start' | 'end'>) =>
  tc('cm.when', { date: formatDate(cafe.date), start: clock(cafe.start), end: clock(cafe.end) });

/** "15:00" as French signs write it: "15 h", "15 h 30". */
export function clock(time: string): string {
  const [h, m] = time.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}
