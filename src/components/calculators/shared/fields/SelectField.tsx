export interface SelectFieldProps<V extends string> {
  /** Unique on the page. */
  id: string;
  label: string;
  value: V;
  /** The values offered, in order. */
  values: readonly V[];
  /** What the reader sees for each value; the value itself where absent. */
  names?: Partial<Record<V, string>>;
  onChange: (value: V) => void;
  /** A message about this field (a contradictory setting); marks it invalid. */
  error?: string | null;
  /** Help under the field. */
  hint?: string | null;
  class?: string;
}

/** A labelled `<select>` whose message, if any, sits next to it and is announced with it. */
export function SelectField<V extends string>({ id, label, value, values, names, onChange, error, hint, class: extra }: SelectFieldProps<V>) {
  const messageId = `${id}-message`;
  const message = error ?? hint ?? null;
  return (
    <div class={extra ? `calc-field ${extra}` : 'calc-field'} data-invalid={error ? 'true' : undefined}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={message ? messageId : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as V)}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {names?.[v] ?? v}
          </option>
        ))}
      </select>
      {message && (
        <p id={messageId} class={error ? 'calc-field-error' : 'calc-field-hint'}>
          {message}
        </p>
      )}
    </div>
  );
}
