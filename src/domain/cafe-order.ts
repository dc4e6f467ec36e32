/**
 * The order of the facilitator's list of cafés (issue 12, tester's fault: tomorrow's planned café
 * came above today's café in progress). What needs the facilitator now comes first: cafés in
 * progress, then those to close, then planned ones soonest first, then past ones (held or
 * cancelled) newest first. States are read by cafe-status.ts at the moment `now` the caller gives.
 */
import { type CafeStatus, cafeStatus } from './cafe-status';
import type { Cafe } from './schemas';

/** The rank of each state in the list: lower comes first. */
const RANK: Record<CafeStatus, number> = {
  'in-progress': 0,
  'to-close': 1,
  planned: 2,
  held: 3,
  cancelled: 3,
};

/**
 * `cafes` in the list's order at instant `now` (ms since the epoch): in progress, to close,
 * planned (date and start time ascending), then held and cancelled together (descending). Within
 * 'in-progress' and 'to-close', the earlier café first (it has waited longer). Ties keep the
 * café's id order, so every device lists the same cafés the same way. Returns a new array.
 */
export function orderCafes<T extends Pick<Cafe, 'id' | 'state' | 'date' | 'start' | 'end'>>(
  cafes: readonly T[],
  now: number,
): T[] {
  const keyed = cafes.map((cafe) => ({
    cafe,
    rank: RANK[cafeStatus(cafe, now)],
    at: `${cafe.date}T${cafe.start}`,
  }));
  keyed.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.at !== b.at) return (a.at < b.at ? -1 : 1) * (a.rank === 3 ? -1 : 1);
    return a.cafe.id < b.cafe.id ? -1 : a.cafe.id > b.cafe.id ? 1 : 0;
  });
  return keyed.map((k) => k.cafe);
}
