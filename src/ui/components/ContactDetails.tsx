import { useState } from 'preact/hooks';
import type { Contact } from '../../domain/schemas';
import { t } from '../../i18n';
import { isolate } from '../isolate';
import type { PerimeterQueries } from '../services';

interface Props {
  queries: PerimeterQueries;
  householdId: string;
  name: string;
}

/**
 * A household's contact details, for the facilitator's eyes, closed until asked for and read only
 * then. Only what this tablet holds: what other tablets recorded is on the server, not here. Never
 * on a household's phone, nor on the screens the table sees (session, scan).
 */
export function ContactDetails({ queries, householdId, name }: Props) {
  // null: not read yet; undefined: nothing on this tablet.
  const [contact, setContact] = useState<Contact | undefined | null>(null);
  const [failed, setFailed] = useState(false);
  const onToggle = (open: boolean) => {
    if (!open || contact !== null) return;
    queries.contact(householdId).then(setContact, () => setFailed(true));
  };
  const lines = contact
    ? (
        [
          ['home.contact.phone', contact.phone],
          ['home.contact.email', contact.email],
          ['home.contact.flat', contact.flat],
        ] as const
      ).filter(([, value]) => value)
    : [];
  return (
    <details class="contact" onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>
        {t('home.contact')}
        <span class="sr-only">{isolate(t('common.for-household'), { name })}</span>
      </summary>
      <div class="contact-body">
        <p class="contact-note">
          <span aria-hidden="true">🔒 </span>
          {t('home.contact.note')}
        </p>
        {failed ? (
          <p>{t('app.load-failed')}</p>
        ) : contact === null ? (
          <p>{t('app.loading')}</p>
        ) : lines.length === 0 ? (
          <p>{t('home.contact.none')}</p>
        ) : (
          <dl class="contact-list">
            {lines.map(([label, value]) => (
              <div key={label}>
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </details>
  );
}
