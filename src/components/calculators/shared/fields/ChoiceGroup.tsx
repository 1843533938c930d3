export interface ChoiceGroupProps<V extends string> {
  /** Unique on the page; names the radio group. */
  id: string;
  legend: string;
  value: V;
  values: readonly V[];
  names: Record<V, string>;
  onChange: (value: V) => void;
  class?: string;
}

/** One of a few choices as radio buttons in a fieldset (a choice the reader should see all of at once). */
export function ChoiceGroup<V extends string>({ id, legend, value, values, names, onChange, class: extra }: ChoiceGroupProps<V>) {
  return (
    <fieldset class={extra ? `calc-field ${extra}` : 'calc-field'}>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v}>
          <input type="radio" name={id} value={v} checked={value === v} onChange={() => onChange(v)} />
          {names[v]}
        </label>
      ))}
    </fieldset>
  );
}
