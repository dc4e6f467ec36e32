import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
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
  /**
   * The card's « C'est enregistré. » line (`tabIndex={-1}`): focused and scrolled into view once a
   * choice is durable, since the button just pressed has gone (the card shows its new state).
   */
  savedRef: RefObject<HTMLParagraphElement | null>;
}

/**
 * One choice at a time for a card: busy until its command resolved (the choice is durable in
 * IndexedDB), then the buttons under the finger change, so taps begun before are dropped (tap
 * guard). A refusal or a failure is said in words on the card. Once saved, focus goes to the
 * card's saved line, in view: the pressed button is gone, and the card keeps its place
 * (useStableOrder), so the confirmation shows where the finger is.
 */
export function useChoice(): ChoiceState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const [saved, setSaved] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const line = savedRef.current;
    if (savedCount === 0 || !line) return;
    line.focus({ preventScroll: true });
    line.scrollIntoView({ block: 'nearest' });
  }, [savedCount]);
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
    if (!failed) setSavedCount((count) => count + 1);
    return !failed;
  };
  return { busy, error, saved, choose, savedRef };
}
