import { useState } from 'preact/hooks';
import type { Household } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { CheckItem } from '../../components/CheckItem';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { HouseholdChecklist } from '../../components/HouseholdChecklist';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { describedBy, errorFor, errorId, hintId, summaryItems } from '../../form-errors';
import { navigate } from '../../hooks/useRoute';
import { useSubmit } from '../../hooks/useSubmit';
import type { PerimeterServices } from '../../services';
import { Alert } from '../../components/Alert';
import { ContactFields } from './ContactFields';
import { LanguagePicker } from './LanguagePicker';
import { type DraftFields, useSignUpDraft } from './useSignUpDraft';

interface Props {
  ps: PerimeterServices;
  sessionId: string;
  places: string[];
  /** Registered neighbours present at the session, at least one. */
  present: Household[];
  /** The draft resumed by the household that started it; undefined for a new, empty form. */
  draftId?: string | undefined;
  resumed?: DraftFields | undefined;
  /** Told the id of the draft a new form starts, once it is kept. */
  onDraftCreated: (draftId: string) => void;
}

export function SignUpForm({ ps, sessionId, places, present, draftId, resumed, onDraftCreated }: Props) {
  const kept = useSignUpDraft(
    ps.commands,
    sessionId,
    draftId,
    resumed ?? {
      name: '',
      place: '',
      languages: ['fr'],
      // A single neighbour at the table is the one who welcomes: no need to make anyone tick it.
      witnesses: present.length === 1 ? present.map((h) => h.id) : [],
      contact: { phone: '', email: '', flat: '' },
    },
    onDraftCreated,
  );
  const draft = kept.fields;
  const update = kept.update;
  // Consent is never kept in a draft nor ticked in advance: the household gives it, by a tick, on
  // this form (GDPR art. 7), resumed or not.
  const [consent, setConsent] = useState({ dataUse: false, shareContact: false });
  const presentIds = present.map((h) => h.id);

  const form = useSubmit(
    () =>
      ps.commands.signUp(sessionId, {
        ...draft,
        ...consent,
        // Someone ticked earlier may have left the table since.
        witnesses: draft.witnesses.filter((id) => presentIds.includes(id)),
      }),
    async (householdId) => {
      // The household exists: its draft goes (after any write still under way), then its scan.
      // A draft that could not be deleted is still listed, and can be thrown away by hand.
      await kept.discard();
      navigate({ name: 'scan', householdId }, { replace: true });
    },
  );
  const { errors } = form;
  const witnessError = errorFor(errors, 'witnesses');
  const dataUseError = errorFor(errors, 'dataUse');

  return (
    <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <ErrorSummary
        items={summaryItems(errors, {
          name: { id: 'signup-name', label: t('signup.name.label') },
          place: { id: 'signup-place', label: t('signup.place.label') },
          languages: { id: 'languages', label: t('signup.languages.legend') },
          'contact.phone': { id: 'contact-phone', label: t('signup.phone.label') },
          'contact.email': { id: 'contact-email', label: t('signup.email.label') },
          'contact.flat': { id: 'contact-flat', label: t('signup.flat.label') },
          dataUse: { id: 'signup-data-use', label: t('signup.consent.legend') },
          witnesses: { id: 'signup-witnesses', label: t('signup.witnesses.legend') },
        })}
      />
      <TextField
        id="signup-name"
        label={t('signup.name.label')}
        hint={t('signup.name.hint')}
        value={draft.name}
        onInput={(name) => update({ name })}
        error={errorFor(errors, 'name')}
      />
      <SelectField
        id="signup-place"
        label={t('signup.place.label')}
        value={draft.place}
        options={places.map((p) => [p, p] as const)}
        onChange={(place) => update({ place })}
        error={errorFor(errors, 'place')}
      />
      <LanguagePicker
        chosen={draft.languages}
        onChange={(languages) => update({ languages })}
        error={errorFor(errors, 'languages')}
      />
      <ContactFields contact={draft.contact} onChange={(contact) => update({ contact })} errors={errors} />

      <fieldset aria-describedby={resumed ? 'signup-consent-again' : undefined}>
        <legend>{t('signup.consent.legend')}</legend>
        {resumed && (
          <p id="signup-consent-again" class="hint">
            {t('signup.consent.again')}
          </p>
        )}
        <CheckItem
          id="signup-data-use"
          checked={consent.dataUse}
          onChange={(dataUse) => setConsent({ ...consent, dataUse })}
          invalid={Boolean(dataUseError)}
          describedBy={dataUseError ? errorId('signup-data-use') : undefined}
        >
          {t('signup.consent.data')} <span class="optional">{t('form.required')}</span>
        </CheckItem>
        <FieldErrorText id={errorId('signup-data-use')} code={dataUseError} />
        <CheckItem
          id="signup-share"
          checked={consent.shareContact}
          onChange={(shareContact) => setConsent({ ...consent, shareContact })}
        >
          {t('signup.consent.share')} <span class="optional">{t('form.optional')}</span>
        </CheckItem>
      </fieldset>

      <fieldset id="signup-witnesses" aria-describedby={describedBy('signup-witnesses', true, witnessError)}>
        <legend>{t('signup.witnesses.legend')}</legend>
        <p id={hintId('signup-witnesses')} class="hint">
          {t('signup.witnesses.hint')}
        </p>
        <HouseholdChecklist
          idPrefix="witness"
          households={present}
          checked={draft.witnesses}
          onChange={(witnesses) => update({ witnesses })}
          invalid={Boolean(witnessError)}
        />
        <FieldErrorText id={errorId('signup-witnesses')} code={witnessError} />
      </fieldset>

      {/* Said once, when the draft is first on disk: the household may leave the form and come back. */}
      <p class="hint" role="status">
        {kept.saved && (
          <>
            <span aria-hidden="true">💾 </span>
            {t('signup.draft.saved')}
          </>
        )}
      </p>
      <Alert code={kept.error} />
      <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={form.busy}>
        {form.busy ? t('form.saving') : t('signup.submit')}
      </button>
    </form>
  );
}
