import { useRef, useState } from 'preact/hooks';
import type { FieldError, Result } from '../../domain/errors';
import { commandFailed } from '../command-failure';

export interface Submit {
  busy: boolean;
  errors: FieldError[];
  formRef: { current: HTMLFormElement | null };
  onSubmit: (event: Event) => void;
}

/**
 * Runs a form's command once at a time, and stays busy until `onDone` has finished. On refusal the typed values stay (they live in the
 * form's own state) and focus goes to the error summary, or to the first field marked invalid.
 */
export function useSubmit<T>(
  run: () => Promise<Result<T>>,
  onDone: (value: T) => void | Promise<void>,
): Submit {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const formRef = useRef<HTMLFormElement | null>(null);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    void run()
      .catch(commandFailed<T>)
      .then(async (result) => {
        if (result.ok) {
          setErrors([]);
          // Still busy until what follows the command is done (often: leaving the screen), so
          // that the form cannot be sent a second time in between.
          await onDone(result.value);
          setBusy(false);
          return;
        }
        setBusy(false);
        setErrors(result.errors);
        // The summary at the top lists every point to fix, each a link to its field (GOV.UK
        // pattern): focus goes there first, or to the first field marked invalid without one.
        requestAnimationFrame(() => {
          const form = formRef.current;
          const summary = form?.querySelector<HTMLElement>('[data-error-summary]');
          (summary ?? form?.querySelector<HTMLElement>('[aria-invalid="true"]'))?.focus();
        });
      });
  };
  return { busy, errors, formRef, onSubmit };
}
