import { describe, expect, it } from 'vitest';
import { createUpdateLatch } from '../../../src/pwa/update-latch';

describe('the "new version waiting" latch', () => {
  it('tells early listeners once, late listeners at once, and not those who left', () => {
    const latch = createUpdateLatch();
    const told: string[] = [];
    latch.subscribe(() => told.push('early'));
    const leave = latch.subscribe(() => told.push('gone'));
    leave();
    expect(told).toEqual([]);
    latch.open();
    latch.open();
    expect(told).toEqual(['early']);
    latch.subscribe(() => told.push('late'));
    expect(told).toEqual(['early', 'late']);
    expect(latch.isOpen).toBe(true);
  });
});
