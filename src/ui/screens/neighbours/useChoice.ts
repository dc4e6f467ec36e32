import { useState } from 'preact/hooks';
import type { ErrorCode, Result } from '../../../domain/errors';
import { commandFailed } from '../../command-failure';
import { screenChanged } from '../../tap-guard';

export interface ChoiceState {
  busy: boolean;
  error: ErrorCode | undefined;
  /** Set once the last choice is durable on this device: the screen says so. */
  saved: boolean;
  /** Runs one choice command; true once it is durable on this device. */
  choose(run: () => Promise<Result<null>>): Promise<boolean>;
}

/**
 * One choice at a time for a card: busy until its command resolved (the choice is durable in
 * IndexedDB), then the buttons under the finger change, so taps begun before are dropped (tap
 * guard). A refusal or a failure is said in words on the card.
 */
export function useChoice(): ChoiceState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const [saved, setSaved] = useState(false);
  const choose = async (run: () => Promise<Result<null>>) => {
    if (busy) return false;
    setBusy(true);
    setSaved(false);
    const result = await run().catch(commandFailed<null>);
    const failed = result.ok ? undefined : (result.errors[0]?.code ?? 'storage-failed');
    screenChanged();
    setBusy(false);
    setError(failed);
    setSaved(!failed);
    return !failed;
  };
  return { busy, error, saved, choose };
}
