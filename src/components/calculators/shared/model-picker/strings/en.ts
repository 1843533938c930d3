import type { ConfigError, UnsupportedFeature } from '~/lib/model/config-error';

/** English UI strings of the model picker. Each language is its own module, so a page ships one. */
export const pickerEn = {
  model: 'Model',
  custom: 'Custom config.json',
  pasteSummary: 'Paste or drop a config.json',
  pasteLabel: 'config.json contents',
  pastePlaceholder: "Paste a Hugging Face model's config.json here, or drop the file",
  openFile: 'Open file…',
  loaded: (summary: string) => `Loaded: ${summary}`,
  badJson: (detail: string) => `Not valid JSON: ${detail}`,
  keptLast: 'The last usable model is still in use.',
  readFailed: 'Could not read this file.',
  source: 'Source',
  summary: (layers: number, attention: string, recurrent: number) =>
    recurrent > 0 ? `${layers} layers (${recurrent} recurrent), ${attention}` : `${layers} layers, ${attention}`,
  /**
   * A ConfigError in the reader's language; the field name stays as written in config.json. An 'unsupported' one
   * reads its reason from `sentences` (`unsupportedSentences`, loaded only when a config is refused).
   */
  configError: (error: ConfigError, _sentences?: Partial<Record<UnsupportedFeature, string>> | null): string => `${error.message}.`,
  /** Full sentences saying why each kind of config is refused, or null where the error's own message says it. */
  unsupportedSentences: (): Promise<Partial<Record<UnsupportedFeature, string>> | null> => Promise.resolve(null),
};

export type PickerStrings = typeof pickerEn;
