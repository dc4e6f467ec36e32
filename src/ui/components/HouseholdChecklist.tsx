import type { Household } from '../../domain/schemas';
import { CheckItem } from './CheckItem';

interface Props {
  idPrefix: string;
  households: Household[];
  checked: readonly string[];
  onChange: (checked: string[]) => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
}

/** Registered neighbours as big checkboxes, by name and place (never contact details). */
export function HouseholdChecklist({ idPrefix, households, checked, onChange, ...rest }: Props) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...checked.filter((c) => c !== id), id] : checked.filter((c) => c !== id));
  return (
    <div class="checklist">
      {households.map((h) => (
        <CheckItem
          key={h.id}
          id={`${idPrefix}-${h.id}`}
          checked={checked.includes(h.id)}
          onChange={(on) => toggle(h.id, on)}
          {...rest}
        >
          <bdi>{h.name}</bdi>{' '}
          <span class="muted">
            · <bdi>{h.place}</bdi>
          </span>
        </CheckItem>
      ))}
    </div>
  );
}

export const byName = (a: Household, b: Household): number => a.name.localeCompare(b.name, 'fr');
