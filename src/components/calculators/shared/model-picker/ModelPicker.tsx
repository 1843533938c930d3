import { useRef, useState } from 'preact/hooks';
import { ConfigError } from '~/lib/model/config-error';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { PickerStrings } from './strings/en';

/** What the picker offers: a preset (already parsed at build time). */
export interface PickerPreset {
  id: string;
  name: string;
  configUrl: string;
  spec: ModelSpec;
}

/** The model in use: a preset, or a config the reader supplied (`id` null). */
export interface PickedModel {
  id: string | null;
  name: string;
  spec: ModelSpec;
  /** For a supplied config: the fields that matter (`compactHfConfig`), small enough for a link. */
  config?: Record<string, unknown>;
}

interface Props {
  /** Unique on the page; prefixes the ids of the picker's controls. */
  id: string;
  /** The page language's strings, passed down by the calculator's per-language entry. */
  t: PickerStrings;
  presets: PickerPreset[];
  /** The model in use. */
  value: PickedModel;
  /** Called only with usable models: a bad paste never reaches the calculator. */
  onChange: (model: PickedModel) => void;
}

const CUSTOM = '__custom';

/**
 * Parses pasted text into a model, or says in the reader's language what is wrong with it. The config
 * parser is loaded on first use: most readers only pick presets, and the page's script budget is small.
 */
export async function readPastedConfig(text: string, t: PickerStrings): Promise<{ ok: true; model: PickedModel } | { ok: false; message: string }> {
  const { compactHfConfig, parseHfConfig } = await import('~/lib/model/hf-config');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: t.badJson(error instanceof Error ? error.message : String(error)) };
  }
  try {
    const spec = parseHfConfig(json);
    const repo = (json as Record<string, unknown>)._name_or_path;
    const name = typeof repo === 'string' && repo !== '' ? repo : `${spec.family} (config.json)`;
    return { ok: true, model: { id: null, name, spec, config: compactHfConfig(json) } };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: t.configError(error) };
    throw error;
  }
}

/**
 * Choose a preset, or paste / drop / open a Hugging Face `config.json`. A bad paste shows a message
 * naming the field (with `aria-invalid`) and the calculator keeps the last good model.
 */
export function ModelPicker({ id, t, presets, value, onChange }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [custom, setCustom] = useState<PickedModel | null>(value.id === null ? value : null);
  const selectId = `${id}-preset`;
  const pasteId = `${id}-config`;
  const messageId = `${id}-config-message`;

  // Pastes are parsed asynchronously; only the latest one may win.
  const latest = useRef(0);

  async function takePasted(next: string) {
    setText(next);
    const ticket = ++latest.current;
    if (next.trim() === '') {
      setError(null);
      return;
    }
    const result = await readPastedConfig(next, t);
    if (ticket !== latest.current) return;
    if (result.ok) {
      setError(null);
      setCustom(result.model);
      onChange(result.model);
    } else {
      setError(result.message);
    }
  }

  async function takeFile(file: File | undefined) {
    if (!file) return;
    try {
      await takePasted(await file.text());
    } catch {
      setError(t.readFailed);
    }
  }

  const preset = presets.find((p) => p.id === value.id);
  // A supplied model can also arrive from outside (a link's config), not only from this picker's paste box.
  const customOption = value.id === null ? value : custom;
  const attention = value.spec.attention.toUpperCase() + (value.spec.attention === 'gqa' ? `-${value.spec.numKvHeads}` : '');

  return (
    <div class="model-picker">
      <div class="calc-field">
        <label for={selectId}>{t.model}</label>
        <div class="calc-field-inputs">
          <select
            id={selectId}
            value={value.id ?? CUSTOM}
            onChange={(e) => {
              const next = (e.currentTarget as HTMLSelectElement).value;
              if (next === CUSTOM) {
                if (customOption) onChange(customOption);
                return;
              }
              const chosen = presets.find((p) => p.id === next);
              if (chosen) onChange({ id: chosen.id, name: chosen.name, spec: chosen.spec });
            }}
          >
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {customOption && <option value={CUSTOM}>{`${t.custom}: ${customOption.name}`}</option>}
          </select>
        </div>
        <p class="calc-field-hint">
          {t.summary(value.spec.numLayers, attention)}
          {preset && (
            <>
              {' · '}
              <a href={preset.configUrl} rel="noopener noreferrer">
                config.json
              </a>
            </>
          )}
        </p>
      </div>
      <details class="model-picker-paste" open={error !== null || undefined}>
        <summary>{t.pasteSummary}</summary>
        <div class="calc-field" data-invalid={error ? 'true' : undefined}>
          <label for={pasteId}>{t.pasteLabel}</label>
          <textarea
            id={pasteId}
            rows={5}
            spellcheck={false}
            placeholder={t.pastePlaceholder}
            value={text}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby={messageId}
            onInput={(e) => void takePasted((e.currentTarget as HTMLTextAreaElement).value)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              void takeFile(e.dataTransfer?.files[0]);
            }}
          />
          <div class="calc-field-inputs">
            <label class="model-picker-file">
              {t.openFile}
              <input type="file" accept=".json,application/json" onChange={(e) => void takeFile((e.currentTarget as HTMLInputElement).files?.[0])} />
            </label>
          </div>
          <p id={messageId} class={error ? 'calc-field-error' : 'calc-field-hint'} role={error ? 'alert' : undefined}>
            {error ? `${error} ${t.keptLast}` : custom ? t.loaded(custom.name) : ''}
          </p>
        </div>
      </details>
    </div>
  );
}
