import { useState } from 'preact/hooks';
import { parseNumberField, type NumberFieldRule } from '~/lib/input/number-field';
import { numberFieldMessage } from '~/i18n/fields';
import type { Lang } from '../locale';

export interface NumberFieldProps {
  /** Unique on the page; also names the URL key in tests. */
  id: string;
  label: string;
  /** The last good value; the field shows it until the reader types something else. */
  value: number;
  rule: NumberFieldRule;
  lang: Lang;
  /** Called only with valid values: a typo never reaches the calculation. */
  onValue: (value: number) => void;
  /** A range slider beside the number box. */
  slider?: { min: number; max: number; step: number };
  /** Extra help under the field (units, defaults). */
  hint?: string;
  /** A warning that is not an error (e.g. beyond the model's trained context). */
  warning?: string;
}

/**
 * A labelled number input that validates as the reader types. Bad text shows a specific message next
 * to the field with `aria-invalid`, and the calculator keeps its last good result.
 */
export function NumberField({ id, label, value, rule, lang, onValue, slider, hint, warning }: NumberFieldProps) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(value);
  const parsed = text === null ? null : parseNumberField(text, rule);
  const error = parsed && !parsed.ok ? numberFieldMessage(parsed, lang) : null;
  const messageId = `${id}-message`;

  function onInput(next: string) {
    setText(next);
    const result = parseNumberField(next, rule);
    if (result.ok) onValue(result.value);
  }

  return (
    <div class="calc-field" data-invalid={error ? 'true' : undefined}>
      <label for={id}>{label}</label>
      <div class="calc-field-inputs">
        <input
          id={id}
          name={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellcheck={false}
          value={shown}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error || hint || warning ? messageId : undefined}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
          onBlur={() => {
            if (parsed?.ok) setText(null);
          }}
        />
        {slider && (
          <input
            type="range"
            aria-label={label}
            min={slider.min}
            max={slider.max}
            step={slider.step}
            value={Math.min(Math.max(value, slider.min), slider.max)}
            onInput={(e) => {
              setText(null);
              onValue(Number((e.currentTarget as HTMLInputElement).value));
            }}
          />
        )}
      </div>
      {(error || hint || warning) && (
        <p id={messageId} class={error ? 'calc-field-error' : warning ? 'calc-field-warning' : 'calc-field-hint'}>
          {error ?? warning ?? hint}
        </p>
      )}
    </div>
  );
}
