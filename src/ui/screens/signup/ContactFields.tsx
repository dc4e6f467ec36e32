import type { FieldError } from '../../../domain/errors';
import { t } from '../../../i18n';
import { TextField } from '../../components/TextField';
import { errorFor } from '../../form-errors';

/** Kept in the household's own draft on this tablet (device-local, like contacts), then handed to the services. */
export interface ContactDraft {
  phone: string;
  email: string;
  flat: string;
}

interface Props {
  contact: ContactDraft;
  onChange: (contact: ContactDraft) => void;
  errors: FieldError[];
}

export function ContactFields({ contact, onChange, errors }: Props) {
  return (
    <fieldset aria-describedby="contact-note">
      <legend>{t('signup.contact.legend')}</legend>
      <p id="contact-note" class="note">
        <span aria-hidden="true">🔒 </span>
        {t('signup.contact.note')}
      </p>
      <TextField
        id="contact-phone"
        label={t('signup.phone.label')}
        type="tel"
        inputMode="tel"
        optional
        value={contact.phone}
        onInput={(phone) => onChange({ ...contact, phone })}
        error={errorFor(errors, 'contact.phone')}
      />
      <TextField
        id="contact-email"
        label={t('signup.email.label')}
        type="email"
        inputMode="email"
        optional
        value={contact.email}
        onInput={(email) => onChange({ ...contact, email })}
        error={errorFor(errors, 'contact.email')}
      />
      <TextField
        id="contact-flat"
        label={t('signup.flat.label')}
        optional
        value={contact.flat}
        onInput={(flat) => onChange({ ...contact, flat })}
        error={errorFor(errors, 'contact.flat')}
      />
    </fieldset>
  );
}
