import { describe, expect, it } from 'vitest';
import { DOC_FORMAT_VERSION, canReadFormat, formatVersionOf } from '../../../src/domain';

describe('the document format version', () => {
  it('reads a document without a stamp as version 1', () => {
    expect(formatVersionOf(undefined)).toBe(1);
    expect(canReadFormat(undefined)).toBe(true);
  });

  it('reads every version up to its own, and none after', () => {
    for (let version = 1; version <= DOC_FORMAT_VERSION; version++) expect(canReadFormat(version)).toBe(true);
    expect(canReadFormat(DOC_FORMAT_VERSION + 1)).toBe(false);
  });

  it('counts a malformed stamp as unreadable rather than guessing', () => {
    for (const stamp of ['1', 0, 1.5, null, { version: 1 }, Number.NaN]) {
      expect(formatVersionOf(stamp)).toBe(Infinity);
      expect(canReadFormat(stamp)).toBe(false);
    }
  });
});
