import { describe, expect, it } from 'vitest';
import { catalogueSchema } from '../../../src/domain';
import { catalogue } from '../../fixtures/memory-perimeter';

describe('the shipped catalogue', () => {
  it('is valid: 11 themes, at least 150 ideas, unique ids, every idea in a known theme', () => {
    expect(catalogueSchema.safeParse(catalogue).success).toBe(true);
    expect(catalogue.themes).toHaveLength(11);
    expect(catalogue.ideas.length).toBeGreaterThanOrEqual(150);
    const ids = catalogue.ideas.map((idea) => idea.id);
    expect(new Set(ids).size).toBe(ids.length);
    const themes = new Set(catalogue.themes.map((theme) => theme.id));
    expect(catalogue.ideas.filter((idea) => !themes.has(idea.theme))).toEqual([]);
    for (const theme of themes) expect(catalogue.ideas.some((idea) => idea.theme === theme)).toBe(true);
  });
});
