import { useRef, useState } from 'preact/hooks';
import { ConfigError } from '~/lib/model/config-error';
import { CONTEXT_KEYS } from '~/lib/memory/context-window';
import type { PickedModel } from './ModelPicker';
import { shortModelName } from './model-name';
import type { PickerStrings } from './strings/en';

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
    const name = typeof repo === 'string' && repo.trim() !== '' ? repo.trim() : spec.family;
    return { ok: true, model: { id: null, name, spec, config: { ...compactHfConfig(json), ...contextKeys(json) } } };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: t.configError(error, error.feature ? await t.unsupportedSentences() : null) };
    throw error;
  }
}

/**
 * The keys vLLM derives a model's longest max_model_len from (`rope_scaling` is not a shape key, so
 * `compactHfConfig` leaves it out), kept so a planner can warn about a context beyond the model's window.
 */
function contextKeys(json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const top = json as Record<string, unknown>;
  const text = typeof top.text_config === 'object' && top.text_config !== null ? (top.text_config as Record<string, unknown>) : top;
  const out: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value = text[key] ?? top[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

interface Props {
  /** The picker's id: prefixes the ids of the panel's controls. */
  id: string;
  t: PickerStrings;
  /** The supplied model the picker holds, if any (named under the paste box). */
  custom: PickedModel | null;
  /** Called only with usable models. */
  onPicked: (model: PickedModel) => void;
}

/**
 * The model picker's paste / drop / open panel for a `config.json`: a secondary panel whose code loads after
 * start-up (edits made in the server-rendered panel before then are carried over by Deferred).
 */
export function PastePanel({ id, t, custom, onPicked }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Open once the reader opens it or a paste fails, and stays so until the reader closes it: a fixed error must not
  // snap the panel shut and hide the text and the "Loaded" line (ux-review row 15).
  const [open, setOpen] = useState(false);
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
      onPicked(result.model);
    } else {
      setError(result.message);
      setOpen(true);
    }
  }

  async function takeFile(file: File | undefined) {
    if (!file) return;
    try {
      await takePasted(await file.text());
    } catch {
      setError(t.readFailed);
      setOpen(true);
    }
  }

  return (
    <details class="model-picker-paste" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
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
          {error ? `${error} ${t.keptLast}` : custom ? t.loaded(shortModelName(custom.name)) : ''}
        </p>
      </div>
    </details>
  );
}
