import { afterEach, describe, expect, it } from 'vitest';
import type { BackgroundTask } from '../../../src/domain/device-errors';
import { commandFailed, queryFailed, reportScreenErrorsTo } from '../../../src/ui/command-failure';

const recorded: { task: BackgroundTask; error: unknown }[] = [];

afterEach(() => {
  recorded.length = 0;
});

describe('a screen whose command rejects', () => {
  it('shows "could not save" and records the error instead of swallowing it', async () => {
    reportScreenErrorsTo((task, error) => recorded.push({ task, error }));
    const error = new DOMException('gone', 'InvalidStateError');
    const result = await Promise.reject<{ ok: true; value: null }>(error).catch(commandFailed<null>);
    expect(result).toEqual({ ok: false, errors: [{ field: '', code: 'storage-failed' }] });
    expect(queryFailed(error)).toBe('storage-failed');
    expect(recorded).toEqual([
      { task: 'screen-command', error },
      { task: 'screen-command', error },
    ]);
  });
});
