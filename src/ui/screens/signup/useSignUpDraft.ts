import { useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { commandFailed } from '../../command-failure';
import type { PerimeterServices } from '../../services';

type SaveDraft = PerimeterServices['commands']['saveDraft'];

/** The fields a draft keeps: what was typed and chosen, never the consent ticks. */
export type DraftFields = Parameters<SaveDraft>[2];

export interface SignUpDraft {
  fields: DraftFields;
  /** Changes the fields and keeps them on the tablet (a new draft on the first change). */
  update: (patch: Partial<DraftFields>) => void;
  /** True once this form's draft is on disk: the form says so, the household may leave. */
  saved: boolean;
  error: ErrorCode | undefined;
  /** After a sign-up: waits for the writes under way, then deletes the draft. */
  discard: () => Promise<void>;
}

/**
 * A sign-up form's fields, kept as the draft of the household that started it. Writes go one
 * after the other (each waits for the previous, so the first one's new id is known to the next)
 * and each is durable when it resolves; an untouched new form writes nothing, so opening the form
 * leaves no empty draft behind.
 */
export function useSignUpDraft(
  commands: Pick<PerimeterServices['commands'], 'saveDraft' | 'discardDraft'>,
  sessionId: string,
  draftId: string | undefined,
  initial: DraftFields,
  /** Told the new draft's id once it is first on disk, so that the screen does not list it. */
  onCreated: (draftId: string) => void,
): SignUpDraft {
  const [fields, setFields] = useState(initial);
  const [saved, setSaved] = useState(draftId !== undefined);
  const [error, setError] = useState<ErrorCode>();
  const id = useRef(draftId);
  const writing = useRef<Promise<unknown>>(Promise.resolve());
  const done = useRef(false);

  const update = (patch: Partial<DraftFields>) => {
    const next = { ...fields, ...patch };
    setFields(next);
    writing.current = writing.current.then(async () => {
      if (done.current) return;
      const result = await commands.saveDraft(id.current, sessionId, next).catch(commandFailed<string>);
      if (!result.ok) {
        setError(result.errors[0]?.code ?? 'storage-failed');
        return;
      }
      if (id.current === undefined) onCreated(result.value);
      id.current = result.value;
      setError(undefined);
      setSaved(true);
    });
  };

  const discard = async () => {
    done.current = true;
    await writing.current;
    if (id.current) await commands.discardDraft(id.current);
  };

  return { fields, update, saved, error, discard };
}
