/**
 * The model presets (src/content/models/*.json) as problems use them: the same files and the same parser the
 * calculators use, read at build time. A problem names a preset by its file name, the id calculators put in URLs.
 */
import { parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';

interface PresetFile {
  name: string;
  repo: string;
  configUrl: string;
  config: Record<string, unknown>;
}

const files = import.meta.glob<PresetFile>('../content/models/*.json', { eager: true, import: 'default' });

export interface ProblemModel {
  id: string;
  name: string;
  configUrl: string;
  spec: ModelSpec;
  config: Record<string, unknown>;
}

const cache = new Map<string, ProblemModel>();

/** A preset by id ('llama-2-7b'); an unknown id throws, failing the build. */
export function model(id: string): ProblemModel {
  const cached = cache.get(id);
  if (cached) return cached;
  const file = files[`../content/models/${id}.json`];
  if (!file) throw new Error(`problems: no model preset "${id}" in src/content/models/`);
  const found = { id, name: file.name, configUrl: file.configUrl, spec: parseHfConfig(file.config), config: file.config };
  cache.set(id, found);
  return found;
}

/** Every preset id, for tests that check a problem's calculator link against the calculator's schema. */
export const MODEL_IDS = Object.keys(files).map((path) => path.replace(/^.*\/(.+)\.json$/, '$1'));
