import { tn } from '../../../i18n/neighbours';
import { useLive } from '../../hooks/useLive';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  neighbourId: string;
  /** On the printed sheet: the number and the address as text, not as buttons. */
  printed?: boolean;
}

/**
 * A linked neighbour's contact details as this device holds them: tap to call, tap to write; or a
 * plain sentence saying why there are none (the neighbour shares nothing, one of the two did not
 * agree to share, the details have not reached this device yet).
 */
export function NeighbourContact({ ps, householdId, neighbourId, printed }: Props) {
  const lookup = useLive(
    () => ps.queries.neighbourContact(householdId, neighbourId),
    [ps, householdId, neighbourId],
  );
  if (!lookup) return null;
  if (lookup.state !== 'shown') {
    const why =
      lookup.state === 'no-consent'
        ? tn('nb.contact.no-consent')
        : lookup.state === 'not-fetched'
          ? tn('nb.contact.not-fetched')
          : tn('nb.contact.not-linked');
    return (
      <p class="neighbour-contact-none" data-contact={lookup.state}>
        <span aria-hidden="true">ℹ️ </span>
        {why}
      </p>
    );
  }
  const { phone, email } = lookup.contact;
  if (!phone && !email)
    return (
      <p class="neighbour-contact-none" data-contact="nothing">
        <span aria-hidden="true">ℹ️ </span>
        {tn('nb.contact.nothing')}
      </p>
    );
  if (printed)
    return (
      <p class="neighbour-contact" data-contact="shown">
        {phone && <span class="sheet-contact">{isolate(tn('nb.sheet.phone'), { phone })}</span>}
        {phone && email && <br />}
        {email && <span class="sheet-contact">{isolate(tn('nb.sheet.email'), { email })}</span>}
      </p>
    );
  return (
    <div class="neighbour-contact" data-contact="shown">
      <p class="neighbour-contact-title">{tn('nb.contact.title')}</p>
      {phone && (
        <a
          class="btn btn-secondary btn-wide call-button"
          href={`tel:${phone.replace(/[^+\d]/g, '')}`}
          style={{ '--phone-em': phoneEm(phone) }}
        >
          <span aria-hidden="true">📞 </span>
          <span class="call-label">{isolate(tn('nb.contact.call'), { phone })}</span>
        </a>
      )}
      {email && (
        <a class="btn btn-secondary btn-wide" href={`mailto:${email}`}>
          <span aria-hidden="true">✉️ </span>
          <span class="neighbour-email">{isolate(tn('nb.contact.write'), { email })}</span>
        </a>
      )}
    </div>
  );
}

/**
 * About how wide `phone` is in bold type, in ems (neighbours.css `.call-label`): digits and signs
 * run to 0.7 em in the widest common sans-serif (DejaVu Sans Bold), spaces 0.35 em; rounded up a
 * little, so that the number shrinks just enough to stay on one line of the button.
 */
function phoneEm(phone: string): string {
  let em = 0.3;
  for (const char of phone) em += char === ' ' ? 0.35 : 0.7;
  return em.toFixed(2);
}
