import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../../domain/errors';
import type { Household, Session } from '../../domain/schemas';
import { t } from '../../i18n';
import { commandFailed } from '../command-failure';
import type { PerimeterCommands } from '../services';
import { Alert } from './Alert';
import { HouseholdChecklist } from './HouseholdChecklist';

interface Props {
  session: Session;
  households: Household[];
  commands: PerimeterCommands;
}

/**
 * Ticks who is present, saved at each tick. Ticks are kept locally and each save sends the whole
 * list; the stored list only replaces the local one when no save is on its way, so a quick second
 * tick is never undone by the echo of the first.
 */
export function PresenceEditor({ session, households, commands }: Props) {
  const [present, setPresent] = useState<string[]>(session.present);
  const [error, setError] = useState<ErrorCode>();
  const saving = useRef(0);
  useEffect(() => {
    if (saving.current === 0) setPresent(session.present);
  }, [session.present]);

  const change = (next: string[]) => {
    setPresent(next);
    saving.current++;
    void commands
      .setPresence(session.id, next)
      .catch(commandFailed<null>)
      .then((result) => {
        saving.current--;
        setError(result.ok ? undefined : result.errors[0]?.code);
      });
  };

  return (
    <fieldset>
      <legend>{t('session.present.legend')}</legend>
      {households.length === 0 ? (
        <p>{t('session.present.empty')}</p>
      ) : (
        <HouseholdChecklist
          idPrefix={`present-${session.id}`}
          households={households}
          checked={present}
          onChange={change}
        />
      )}
      <Alert code={error} />
    </fieldset>
  );
}
