import type { FieldError } from '../../../domain/errors';
import { t } from '../../../i18n';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { errorFor } from '../../form-errors';

export interface Founder {
  name: string;
  place: string;
}

interface Props {
  index: number;
  founder: Founder;
  /** The streets and buildings typed so far. */
  places: string[];
  errors: FieldError[];
  onChange: (founder: Founder) => void;
  onRemove: (() => void) | undefined;
}

export function FounderRow({ index, founder, places, errors, onChange, onRemove }: Props) {
  const n = index + 1;
  // A place renamed or removed above leaves the select on "Choisissez…" rather than on a ghost.
  const place = places.includes(founder.place.trim()) ? founder.place.trim() : '';
  return (
    <fieldset class="subgroup">
      <legend>{t('welcome.founder.legend', { n })}</legend>
      <TextField
        id={`founder-${index}-name`}
        label={t('welcome.founder.name')}
        value={founder.name}
        onInput={(name) => onChange({ ...founder, name })}
        error={errorFor(errors, `founders.${index}.name`)}
      />
      <SelectField
        id={`founder-${index}-place`}
        label={t('welcome.founder.place')}
        value={place}
        options={places.map((p) => [p, p] as const)}
        onChange={(value) => onChange({ ...founder, place: value })}
        error={errorFor(errors, `founders.${index}.place`)}
      />
      {onRemove && (
        <button type="button" class="btn btn-quiet" onClick={onRemove}>
          <span aria-hidden="true">✖ </span>
          {t('welcome.founder.remove', { n })}
        </button>
      )}
    </fieldset>
  );
}
