import { useState } from 'preact/hooks';
import type { ModelSpec } from '~/lib/model/model-spec';
import { Deferred } from '../Deferred';
import type { PickerStrings } from './strings/en';

// The paste panel is secondary (most readers pick a preset): rendered on the server, its code loaded after start-up.
const PastePanelOnServer = import.meta.env.SSR ? (await import('./PastePanel')).PastePanel : null;

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

import { shortModelName } from './model-name';
export { MAX_SHOWN_NAME, shortModelName } from './model-name';

/**
 * Choose a preset, or paste / drop / open a Hugging Face `config.json` (PastePanel.tsx). A bad paste shows a
 * message naming the field (with `aria-invalid`) and the calculator keeps the last good model.
 */
export function ModelPicker({ id, t, presets, value, onChange }: Props) {
  const [custom, setCustom] = useState<PickedModel | null>(value.id === null ? value : null);
  const selectId = `${id}-preset`;

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
            {customOption && <option value={CUSTOM}>{`${t.custom}: ${shortModelName(customOption.name)}`}</option>}
          </select>
        </div>
        <p class="calc-field-hint">
          {t.summary(value.spec.numLayers, attention, value.spec.recurrent?.layers.filter(Boolean).length ?? 0)}
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
      <Deferred
        server={PastePanelOnServer}
        load={() => import('./PastePanel').then((m) => m.PastePanel)}
        props={{
          id,
          t,
          custom,
          onPicked: (model: PickedModel) => {
            setCustom(model);
            onChange(model);
          },
        }}
      />
    </div>
  );
}
