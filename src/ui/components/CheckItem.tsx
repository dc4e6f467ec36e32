import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ComponentChildren;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
}

/** A checkbox whose whole row is the label: a large target for unsteady fingers. */
export function CheckItem({ id, checked, onChange, children, disabled, invalid, describedBy }: Props) {
  return (
    <label class="check" for={id}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>{children}</span>
    </label>
  );
}
