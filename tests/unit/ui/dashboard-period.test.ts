/**
 * The dashboard's period on the device (ui/screens/dashboard/period.ts): its default, the last 12
 * months to today on the perimeter's calendar (Europe/Paris) whatever the device's time zone, and
 * a French sentence for every refusal of domain/report-period.ts `parsePeriod`.
 */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/domain/report-period';
import {
  lastTwelveMonths,
  perimeterToday,
  periodProblemText,
} from '../../../src/ui/screens/dashboard/period';

describe('the dashboard’s period on the device', () => {
  it('defaults to the 12 months up to today in Paris, a period the parser accepts', () => {
    expect(lastTwelveMonths(Date.parse('2026-11-30T12:00:00Z'))).toEqual({
      from: '2025-12-01',
      to: '2026-11-30',
    });
    // 00:30 on 1 December in Paris is still 30 November in UTC.
    expect(perimeterToday(Date.parse('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(lastTwelveMonths(Date.parse('2026-11-30T23:30:00Z'))).toEqual({
      from: '2025-12-02',
      to: '2026-12-01',
    });
    expect(lastTwelveMonths(Date.parse('2028-02-29T12:00:00Z'))).toEqual({
      from: '2027-03-01',
      to: '2028-02-29',
    });
    expect(lastTwelveMonths(Date.parse('2026-12-31T12:00:00Z'))).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const period = lastTwelveMonths(Date.parse('2026-03-01T12:00:00Z'));
    expect(parsePeriod(period.from, period.to)).toEqual({ ok: true, period });
  });

  it('says each refusal in a French sentence with its numbers written whole', () => {
    const said = [
      parsePeriod('', 'abc'),
      parsePeriod('2026-02-30', '9999-01-01'),
      parsePeriod('2026-12-01', '2026-01-01'),
      parsePeriod('2020-01-01', '2031-01-01'),
    ].flatMap((parsed) => (parsed.ok ? [] : parsed.problems.map(periodProblemText)));
    expect(said).toEqual([
      'Choisissez une date complète (jour, mois et année).',
      'Ce n’est pas une date. Écrivez-la comme 2026-11-30 (année, mois, jour).',
      'Cette date n’existe pas dans le calendrier.',
      'Choisissez une année entre 2000 et 2099.',
      'La date de fin est avant la date de début. Choisissez une fin le même jour ou après.',
      'La période dépasse 10 ans. Choisissez une période plus courte.',
    ]);
  });
});
