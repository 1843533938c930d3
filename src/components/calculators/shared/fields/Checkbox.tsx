export interface CheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Help under the box, e.g. what switching it changes. */
  hint?: string;
  class?: string;
}

/** A labelled checkbox laid out like the other calculator fields. */
export function Checkbox({ id, label, checked, onChange, hint, class: extra }: CheckboxProps) {
  return (
    <div class={extra ? `calc-field calc-check ${extra}` : 'calc-field calc-check'}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="calc-field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
