import { useState } from 'preact/hooks';
import type { Household, Language } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { CheckItem } from '../../components/CheckItem';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { HouseholdChecklist } from '../../components/HouseholdChecklist';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { describedBy, errorFor, errorId, hintId, unplaced } from '../../form-errors';
import { useDraft } from '../../hooks/useDraft';
import { navigate } from '../../hooks/useRoute';
import { useSubmit } from '../../hooks/useSubmit';
import type { PerimeterServices } from '../../services';
import { ContactFields, type ContactDraft } from './ContactFields';
import { LanguagePicker } from './LanguagePicker';

const FIELDS = ['name', 'place', 'languages', 'contact', 'dataUse', 'shareContact', 'witnesses'];

/** What may outlive the screen in sessionStorage: no contact details in here. */
interface Draft {
  name: string;
  place: string;
  languages: Language[];
  dataUse: boolean;
  shareContact: boolean;
  witnesses: string[];
}

interface Props {
  ps: PerimeterServices;
  sessionId: string;
  places: string[];
  /** Registered neighbours present at the session, at least one. */
  present: Household[];
}

export function SignUpForm({ ps, sessionId, places, present }: Props) {
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`tissage.signup.${sessionId}`, () => ({
    name: '',
    place: '',
    languages: ['fr'],
    dataUse: false,
    shareContact: false,
    // A single neighbour at the table is the one who welcomes: no need to make anyone tick it.
    witnesses: present.length === 1 ? present.map((h) => h.id) : [],
  }));
  const [contact, setContact] = useState<ContactDraft>({ phone: '', email: '', flat: '' });
  const update = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const presentIds = present.map((h) => h.id);

  const form = useSubmit(
    () =>
      ps.commands.signUp(sessionId, {
        ...draft,
        contact,
        // Someone ticked earlier may have left the table since.
        witnesses: draft.witnesses.filter((id) => presentIds.includes(id)),
      }),
    (householdId) => {
      clearDraft();
      navigate({ name: 'scan', householdId }, { replace: true });
    },
  );
  const { errors } = form;
  const witnessError = errorFor(errors, 'witnesses');
  const dataUseError = errorFor(errors, 'dataUse');

  return (
    <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate>
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
      <ContactFields contact={contact} onChange={setContact} errors={errors} />

      <fieldset>
        <legend>{t('signup.consent.legend')}</legend>
        <CheckItem
          id="signup-data-use"
          checked={draft.dataUse}
          onChange={(dataUse) => update({ dataUse })}
          invalid={Boolean(dataUseError)}
          describedBy={dataUseError ? errorId('signup-data-use') : undefined}
        >
          {t('signup.consent.data')} <span class="optional">{t('form.required')}</span>
        </CheckItem>
        <FieldErrorText id={errorId('signup-data-use')} code={dataUseError} />
        <CheckItem
          id="signup-share"
          checked={draft.shareContact}
          onChange={(shareContact) => update({ shareContact })}
        >
          {t('signup.consent.share')} <span class="optional">{t('form.optional')}</span>
        </CheckItem>
      </fieldset>

      <fieldset aria-describedby={describedBy('signup-witnesses', true, witnessError)}>
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

      <ErrorSummary errors={errors} general={unplaced(errors, FIELDS)} />
      <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={form.busy}>
        {form.busy ? t('form.saving') : t('signup.submit')}
      </button>
    </form>
  );
}
