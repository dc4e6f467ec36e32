import { useEffect, useRef, useState } from 'preact/hooks';
import type { PerimeterServices } from '../services';

/** One form's copy on the device (workspace: storage/kept-forms.ts `KeptForm`). */
type KeptForm = ReturnType<PerimeterServices['keptForm']>;

/** A form's fields: each one text, or a list of texts (what the device can keep of a form). */
export type FormFields = Record<string, string | string[]>;

/** How long typing must pause before what was typed is written (ms): one write per pause, not per key. */
export const KEEP_DELAY_MS = 300;

export interface KeptFormState<F extends FormFields> {
  fields: F;
  /** Changes one field, and keeps the form on the device once typing pauses. */
  set: <K extends keyof F>(name: K, value: F[K]) => void;
  /** True when the fields came back from an earlier visit (until the form is cleared). */
  restored: boolean;
  /**
   * The form was sent, or thrown away: waits for the writes under way, forgets the copy, and puts
   * `next` in the form (the initial fields when not given).
   */
  clear: (next?: F) => Promise<void>;
}

const same = (a: FormFields, b: FormFields) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A form whose fields are kept on the device while they are typed (README: the app never loses
 * what someone typed), read back when the form opens again: after a reload, or after the browser
 * was killed. `open(form)` gives the form's copy (`ps.keptForm` or `services.keptForm`), `form`
 * names it, with a household's id in it when it holds that household's words, so that a shared
 * tablet shows them to that household only. Never for a secret (a passphrase, a code).
 *
 * Writes wait for a pause in the typing (`KEEP_DELAY_MS`) and go one after the other; a pending one
 * is written at once when the page is hidden or left (a tablet's browser is killed in the
 * background, a phone locked), and when the form closes. A form back to its initial fields is
 * forgotten rather than kept empty. A field the stored copy lacks, or holds with another shape,
 * keeps its initial value. A failed write leaves the fields on screen as they are: the next change
 * tries again.
 */
export function useKeptForm<F extends FormFields>(
  open: (form: string) => KeptForm,
  form: string,
  initial: F,
): KeptFormState<F> {
  const [fields, setFields] = useState(initial);
  const [restored, setRestored] = useState(false);
  const kept = useRef<KeptForm>(open(form));
  const latest = useRef(fields);
  const initialRef = useRef(initial);
  const touched = useRef(false);
  /** The form this hook last opened: a change of form starts from blank. */
  const shown = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writing = useRef<Promise<unknown>>(Promise.resolve());

  const enqueue = (step: () => Promise<unknown>) => {
    writing.current = writing.current.then(step).catch(() => undefined);
    return writing.current;
  };

  const flush = () => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    const copy = kept.current;
    const value = latest.current;
    void enqueue(() => (same(value, initialRef.current) ? copy.discard() : copy.keep(value)));
  };

  useEffect(() => {
    const copy = open(form);
    kept.current = copy;
    // Another form in the same place (another household's café page, the screen kept mounted):
    // it starts from its own initial fields, never from what the previous one held.
    if (shown.current !== undefined && shown.current !== form) {
      initialRef.current = initial;
      latest.current = initial;
      setFields(initial);
      setRestored(false);
      touched.current = false;
    }
    shown.current = form;
    let live = true;
    void copy
      .read()
      .catch(() => undefined)
      .then((stored) => {
        if (!live || !stored || touched.current) return;
        const next = { ...initialRef.current };
        for (const [name, value] of Object.entries(stored)) {
          const was = initialRef.current[name];
          if (was !== undefined && Array.isArray(was) === Array.isArray(value)) {
            (next as FormFields)[name] = value;
          }
        }
        latest.current = next;
        setFields(next);
        setRestored(true);
      });
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      live = false;
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [open, form]);

  const set = <K extends keyof F>(name: K, value: F[K]) => {
    touched.current = true;
    const next = { ...latest.current, [name]: value };
    latest.current = next;
    setFields(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, KEEP_DELAY_MS);
  };

  const clear = async (next: F = initialRef.current) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    latest.current = next;
    setFields(next);
    setRestored(false);
    const copy = kept.current;
    await enqueue(() => copy.discard());
  };

  return { fields, set, restored, clear };
}
