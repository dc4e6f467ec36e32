/**
 * The café's .ics event (domain/cafe-calendar.ts) read back with ical.js, a maintained RFC 5545
 * parser, and the poster's QR text (domain/cafe-poster-code.ts): what it carries and every refusal.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { cafeEvent } from '../../../src/domain/cafe-calendar';
import { parsePosterCode, posterCode, readPosterCode } from '../../../src/domain/cafe-poster-code';

const cafe = {
  id: 'cafe-0001',
  date: '2026-12-05',
  start: '15:00',
  end: '17:30',
  place: 'Place de l’Église, devant la boulangerie; côté fontaine',
  welcome: 'Venez avec vos voisins, il y aura du café, du thé et des gâteaux faits maison.\nÀ bientôt !',
  state: 'planned' as const,
  updatedAt: '2026-11-29T10:00:00.000Z',
};
const text = {
  summary: 'Café-Rencontre : Se déplacer',
  description: 'Quartier des Tilleuls',
  perimeterId: 'peri-0001',
  now: '2026-11-30T03:15:00.000Z',
};

describe('cafeEvent', () => {
  it('is read back by ical.js with its start, end, place, title and description', () => {
    const ics = cafeEvent(cafe, text);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(text.summary);
    expect(event.location).toBe(cafe.place);
    expect(event.description).toBe(`${cafe.welcome}\n\nQuartier des Tilleuls`);
    expect(event.uid).toBe('cafe-0001@peri-0001.tissage');
    expect(event.startDate.toString()).toBe('2026-12-05T15:00:00');
    expect(event.endDate.toString()).toBe('2026-12-05T17:30:00');
    // Floating: the perimeter's local time, no zone.
    expect(event.startDate.zone?.tzid).toBe('floating');
    expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-30T03:15:00Z');
  });

  it('ends lines with CRLF and folds them at 75 octets without splitting a character', () => {
    const ics = cafeEvent(cafe, text);
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(ics).not.toContain('\uFFFD');
  });

  it('says a cancelled café is cancelled, and leaves an empty welcome out', () => {
    const ics = cafeEvent({ ...cafe, state: 'cancelled', welcome: '' }, { ...text, description: '' });
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstProperty('description')).toBeNull();
  });
});

describe('poster code', () => {
  const planned = { id: 'cafe-0001', state: 'planned' as const };
  const cafes = new Map<string, { state: 'planned' | 'held' | 'cancelled' }>([
    ['cafe-0001', planned],
    ['cafe-0000', { state: 'held' }],
    ['cafe-0002', { state: 'cancelled' }],
    ['cafe-0003', { state: 'planned' }],
  ]);
  const read = (code: string) => readPosterCode(code, 'peri-0001', planned, (id) => cafes.get(id));

  it('round-trips the ids in the QR alphanumeric set', () => {
    const code = posterCode('peri-0001', 'cafe-0001');
    expect(code).toBe('TC1:PERI-0001:CAFE-0001');
    expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(parsePosterCode(code)).toEqual({ ok: true, perimeterId: 'peri-0001', cafeId: 'cafe-0001' });
    expect(read(` ${code}\n`)).toEqual({ ok: true, cafeId: 'cafe-0001' });
  });

  it.each([
    ['hello', 'poster-unknown'],
    ['TS1:PERI-0001:HH-0001:X:Y', 'poster-unknown'],
    ['TC1:PERI-0001:C', 'poster-unknown'],
    ['TC2:PERI-0001:CAFE-0001', 'poster-version'],
    ['TC1:PERI-0002:CAFE-0001', 'poster-other-perimeter'],
    ['TC1:PERI-0001:CAFE-0003', 'poster-other-cafe'],
    ['TC1:PERI-0001:CAFE-9999', 'poster-other-cafe'],
    ['TC1:PERI-0001:CAFE-0000', 'poster-cafe-over'],
    ['TC1:PERI-0001:CAFE-0002', 'poster-cafe-cancelled'],
  ])('refuses %s (%s)', (code, error) => {
    expect(read(code)).toEqual({ ok: false, error });
  });

  it('refuses any poster when no café is expected', () => {
    expect(
      readPosterCode(posterCode('peri-0001', 'cafe-0001'), 'peri-0001', undefined, (id) => cafes.get(id)),
    ).toEqual({
      ok: false,
      error: 'poster-other-cafe',
    });
  });
});
