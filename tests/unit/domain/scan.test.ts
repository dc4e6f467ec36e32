import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  firstUnseen,
  indexOf,
  nextIdea,
  nextTheme,
  previousIdea,
  progress,
  scanOrder,
  scanTarget,
  seenIdeas,
  summarize,
  themeIdeas,
  unseenThemes,
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

describe('what the household has seen', () => {
  const themeOf = (i: number) => order[i]!.theme.id;
  const firstOfTheme = (theme: string) => order.findIndex((item) => item.theme.id === theme);

  it('counts answered ideas as seen, beside those recorded', () => {
    const seen = seenIdeas([order[0]!.idea.id], [order[1]!.idea.id]);
    expect([...seen]).toEqual([order[0]!.idea.id, order[1]!.idea.id]);
    expect(seenIdeas(undefined, []).size).toBe(0);
  });

  it('skipping every theme to the end keeps the place at the first unseen idea: not finished', () => {
    // The household saw the first idea of each theme and skipped the rest, as "Passer ce thème" does.
    const seen = new Set(catalogue.themes.map((theme) => order[firstOfTheme(theme.id)]!.idea.id));
    const target = scanTarget(order, seen, nextTheme(order, order.at(-1)!.idea.id));
    expect(target).toEqual({ ideaId: order[1]!.idea.id, end: true });
    const unseen = unseenThemes(order, seen);
    expect(unseen.map((u) => u.theme.id)).toEqual(
      catalogue.themes.filter((theme) => themeIdeas(order, theme.id).length > 1).map((theme) => theme.id),
    );
    expect(unseen[0]).toMatchObject({ theme: { id: themeOf(0) }, firstIdeaId: order[1]!.idea.id });
    expect(unseen.reduce((sum, u) => sum + u.unseen, 0)).toBe(order.length - seen.size);
  });

  it('is finished only once every idea was seen', () => {
    const all = new Set(order.map((item) => item.idea.id));
    expect(scanTarget(order, all, undefined)).toEqual({ ideaId: undefined, end: true });
    expect(unseenThemes(order, all)).toEqual([]);
    expect(firstUnseen(order, all)).toBeUndefined();
    // Moving along is never the end, seen or not.
    expect(scanTarget(order, new Set(), order[3]!.idea.id)).toEqual({
      ideaId: order[3]!.idea.id,
      end: false,
    });
  });

  it('lists one theme’s ideas in scan order', () => {
    const theme = themeOf(0);
    expect(themeIdeas(order, theme)).toEqual(
      order.slice(
        0,
        order.findIndex((i) => i.theme.id !== theme),
      ),
    );
  });
});
