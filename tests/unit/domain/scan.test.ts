import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  indexOf,
  nextIdea,
  nextTheme,
  previousIdea,
  progress,
  scanOrder,
  summarize,
} from '../../../src/domain';
import { catalogue } from '../../fixtures/memory-perimeter';

const order = scanOrder(catalogue.themes, catalogue.ideas, new Set());

describe('scan order and moves', () => {
  it('goes theme after theme, every idea once', () => {
    expect(order).toHaveLength(catalogue.ideas.length);
    const themes = order.map((item) => item.theme.id).filter((id, i, all) => all[i - 1] !== id);
    expect(themes).toEqual(catalogue.themes.map((theme) => theme.id));
  });

  it('moves forward, back, and to the next theme', () => {
    const first = order[0]!.idea.id;
    const second = order[1]!.idea.id;
    expect(nextIdea(order, first)).toBe(second);
    expect(previousIdea(order, second)).toBe(first);
    expect(previousIdea(order, first)).toBeUndefined();
    const secondTheme = order.find((item) => item.theme.id !== order[0]!.theme.id)!;
    expect(nextTheme(order, second)).toBe(secondTheme.idea.id);
    expect(nextIdea(order, order.at(-1)!.idea.id)).toBeUndefined();
    expect(nextTheme(order, order.at(-1)!.idea.id)).toBeUndefined();
  });

  it('leaves retired ideas out, and resumes at the start if the current one was retired', () => {
    const retired = order[5]!.idea.id;
    const without = scanOrder(catalogue.themes, catalogue.ideas, new Set([retired]));
    expect(without).toHaveLength(order.length - 1);
    expect(indexOf(without, retired)).toBe(0);
  });

  it('reports progress as "position / total" and counts answered ideas', () => {
    const answered = new Set(order.slice(0, 42).map((item) => item.idea.id));
    expect(progress(order, answered, order[42]!.idea.id)).toEqual({
      position: 43,
      total: order.length,
      answered: 42,
    });
    expect(progress(order, new Set(), undefined).position).toBe(1);
  });
});

describe('matching summary', () => {
  it('counts neighbours on the other side of each offer and want, and who would take part', () => {
    const answers = new Map<string, Map<string, AnswerValue>>([
      [
        'me',
        new Map([
          ['pret-perceuse', 'seek'],
          ['cuisine-recettes', 'offer'],
          ['jardin-potager', 'join'],
        ]),
      ],
      [
        'a',
        new Map([
          ['pret-perceuse', 'offer'],
          ['jardin-potager', 'join'],
        ]),
      ],
      [
        'b',
        new Map([
          ['pret-perceuse', 'both'],
          ['cuisine-recettes', 'seek'],
        ]),
      ],
      ['c', new Map([['cuisine-recettes', 'offer']])],
    ]);
    expect(summarize('me', answers)).toEqual({
      seeks: [{ ideaId: 'pret-perceuse', neighbours: 2 }],
      offers: [{ ideaId: 'cuisine-recettes', neighbours: 1 }],
      joins: [{ ideaId: 'jardin-potager', neighbours: 1 }],
      offeringWhatISeek: 2,
      seekingWhatIOffer: 1,
      matchedNeighbours: 2,
    });
  });
});
