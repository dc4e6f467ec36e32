import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { isolate } from '../isolate';
import type { PerimeterQueries } from '../services';

type Lookup = Awaited<ReturnType<PerimeterQueries['contact']>>;

interface Props {
  queries: PerimeterQueries;
  householdId: string;
  name: string;
}

/**
 * A household's contact details, for the facilitator's eyes, closed until asked for and read only
 * then: from the server, which keeps what any facilitator device uploaded, or this tablet's copy
 * when the server cannot be asked (and then it says so). Read again at each opening. Never on a
 * household's phone, nor on the screens the table sees (session, scan).
 */
export function ContactDetails({ queries, householdId, name }: Props) {
  // null: not read yet.
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [failed, setFailed] = useState(false);
  const onToggle = (open: boolean) => {
    if (!open) return;
    queries.contact(householdId).then(
      (found) => {
        setFailed(false);
        setLookup(found);
      },
      () => setFailed(true),
    );
  };
  const contact = lookup?.contact;
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
        {(lookup?.source === 'unreachable' || lookup?.source === 'no-network') && (
          <p class="contact-note">{t(`home.contact.${lookup.source}${lines.length > 0 ? '' : '.none'}`)}</p>
        )}
        {failed ? (
          <p>{t('app.load-failed')}</p>
        ) : lookup === null ? (
          <p>{t('app.loading')}</p>
        ) : lines.length === 0 ? (
          (lookup.source === 'server' || lookup.source === 'device-only') && (
            <p>{lookup.source === 'server' ? t('home.contact.none.server') : t('home.contact.none')}</p>
          )
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
