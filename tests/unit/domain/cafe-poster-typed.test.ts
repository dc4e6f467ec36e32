/**
 * The poster's code to type (domain/cafe-poster-code.ts posterTypedCode): its shape, that it
 * depends on the ids only, and that a phone with no network accepts a café's code for that café
 * only, however it is typed (case, spaces, dashes), and refuses it for every other café or
 * perimeter (fast-check over generated sets of cafés).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  POSTER_TYPED_ALPHABET,
  normalizePosterTyped,
  posterCode,
  posterTypedCode,
  readPosterCode,
} from '../../../src/domain/cafe-poster-code';
import { ID_PATTERN } from '../../../src/domain/constants';

type State = 'planned' | 'held' | 'cancelled';

/** Reads `text` on a phone of `perimeterId` that expects `cafeId`, planned unless said. */
const readFor = (text: string, perimeterId: string, cafeId: string, state: State = 'planned') =>
  readPosterCode(text, perimeterId, { id: cafeId }, (id) => (id === cafeId ? { state } : undefined));

/** Ids as the document holds them (constants.ts ID_PATTERN). */
const id = fc.stringMatching(ID_PATTERN);

describe('the poster’s code to type', () => {
  it('is two groups of three characters with no 0, O, 1 nor I', () => {
    const code = posterTypedCode('peri-0001', 'cafe-0001');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3} [2-9A-HJ-NP-Z]{3}$/);
    expect(POSTER_TYPED_ALPHABET).toHaveLength(32);
    expect(POSTER_TYPED_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('is the same for the same café on every device, and differs for the next café', () => {
    expect(posterTypedCode('peri-0001', 'cafe-0001')).toBe(posterTypedCode('peri-0001', 'cafe-0001'));
    expect(posterTypedCode('peri-0001', 'cafe-0002')).not.toBe(posterTypedCode('peri-0001', 'cafe-0001'));
    expect(posterTypedCode('peri-0002', 'cafe-0001')).not.toBe(posterTypedCode('peri-0001', 'cafe-0001'));
  });

  it('is taken typed in small letters, without the space, or with dashes', () => {
    const code = posterTypedCode('peri-0001', 'cafe-0001');
    for (const typed of [code, code.toLowerCase(), code.replace(' ', ''), ` ${code.replace(' ', '-')} `]) {
      expect(readFor(typed, 'peri-0001', 'cafe-0001')).toEqual({ ok: true, cafeId: 'cafe-0001' });
    }
  });

  it.each([
    ['one character changed', (code: string) => code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z')],
    ['one character missing', (code: string) => code.slice(0, -1)],
    ['a word', () => 'bonjour'],
  ])('is refused with %s', (_, change) => {
    const typed = change(posterTypedCode('peri-0001', 'cafe-0001'));
    expect(readFor(typed, 'peri-0001', 'cafe-0001').ok).toBe(false);
  });

  it('says a café that is over or cancelled rather than a wrong code', () => {
    const code = posterTypedCode('peri-0001', 'cafe-0001');
    expect(readFor(code, 'peri-0001', 'cafe-0001', 'held')).toEqual({ ok: false, error: 'poster-cafe-over' });
    expect(readFor(code, 'peri-0001', 'cafe-0001', 'cancelled')).toEqual({
      ok: false,
      error: 'poster-cafe-cancelled',
    });
  });

  it('is refused when the phone expects no café', () => {
    const code = posterTypedCode('peri-0001', 'cafe-0001');
    expect(readPosterCode(code, 'peri-0001', undefined, () => ({ state: 'planned' }))).toEqual({
      ok: false,
      error: 'poster-typed-wrong',
    });
  });

  it('leaves the QR text to the QR reading', () => {
    expect(normalizePosterTyped(posterCode('peri-0001', 'cafe-0001'))).toBeUndefined();
    expect(readFor(posterCode('peri-0001', 'cafe-0001'), 'peri-0001', 'cafe-0001')).toEqual({
      ok: true,
      cafeId: 'cafe-0001',
    });
  });

  it('is accepted for its own café and refused for every other café or perimeter of the set', () => {
    const cafes = fc.uniqueArray(fc.tuple(id, id), {
      minLength: 2,
      maxLength: 12,
      selector: ([perimeter, cafe]) => `${perimeter}/${cafe}`,
    });
    const typing = fc.record({ lower: fc.boolean(), spaces: fc.constantFrom('', ' ', '  ', '-') });
    fc.assert(
      fc.property(cafes, typing, (set, how) => {
        for (const [perimeterId, cafeId] of set) {
          const [a, b] = posterTypedCode(perimeterId, cafeId).split(' ');
          const written = `${a}${how.spaces}${b}`;
          const typed = how.lower ? written.toLowerCase() : written;
          expect(readFor(typed, perimeterId, cafeId)).toEqual({ ok: true, cafeId });
          for (const [otherPerimeter, otherCafe] of set) {
            if (otherPerimeter === perimeterId && otherCafe === cafeId) continue;
            expect(readFor(typed, otherPerimeter, otherCafe)).toEqual({
              ok: false,
              error: 'poster-typed-wrong',
            });
          }
        }
      }),
    );
  });
});
