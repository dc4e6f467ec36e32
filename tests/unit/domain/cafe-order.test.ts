import { describe, expect, it } from 'vitest';
import { orderCafes } from '../../../src/domain/cafe-order';
import { zonedInstant } from '../../../src/domain/cafe-status';
import type { Cafe } from '../../../src/domain/schemas';

type Row = Pick<Cafe, 'id' | 'state' | 'date' | 'start' | 'end'>;
const cafe = (
  id: string,
  date: string,
  state: Cafe['state'] = 'planned',
  start = '15:00',
  end = '17:00',
): Row => ({
  id,
  date,
  start,
  end,
  state,
});

describe('orderCafes: the facilitator’s list of cafés', () => {
  // 16:00 in Paris on 12 December 2026: 'today' is in progress.
  const now = zonedInstant('2026-12-12', '16:00');

  it('puts today’s café in progress above tomorrow’s planned one (tester’s fault)', () => {
    const list = orderCafes([cafe('tomorrow', '2026-12-13'), cafe('today', '2026-12-12')], now);
    expect(list.map((c) => c.id)).toEqual(['today', 'tomorrow']);
  });

  it('in progress, to close, planned soonest first, then held and cancelled newest first', () => {
    const list = orderCafes(
      [
        cafe('held-old', '2026-10-01', 'held'),
        cafe('planned-far', '2027-02-01'),
        cafe('cancelled-recent', '2026-11-20', 'cancelled'),
        cafe('to-close', '2026-12-01'),
        cafe('planned-soon', '2026-12-20'),
        cafe('now', '2026-12-12'),
        cafe('held-recent', '2026-11-01', 'held'),
        cafe('planned-soon-later', '2026-12-20', 'planned', '18:00', '19:00'),
      ],
      now,
    );
    expect(list.map((c) => c.id)).toEqual([
      'now',
      'to-close',
      'planned-soon',
      'planned-soon-later',
      'planned-far',
      'cancelled-recent',
      'held-recent',
      'held-old',
    ]);
  });

  it('orders the same cafés the same way whatever order they came in', () => {
    const cafes = [cafe('b', '2026-12-20'), cafe('a', '2026-12-20'), cafe('c', '2026-11-01', 'held')];
    const reversed = [...cafes].reverse();
    expect(orderCafes(cafes, now)).toEqual(orderCafes(reversed, now));
    expect(orderCafes(cafes, now).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});
