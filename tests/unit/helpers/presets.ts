/**
 * The preset data files read straight from disk, for unit tests (Astro's content layer is not available
 * under Vitest). Validated with the same schemas the build uses, so a test sees exactly what a page sees.
 *
 * @example
 * const llama = modelPreset('llama-2-7b'); countParams(llama.spec)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';
import { modelPresetSchema, type ModelPresetData } from '../../../src/schemas/model-preset';
import { gpuSchema, type GpuData } from '../../../src/schemas/gpu';

// Vitest runs from the project root; happy-dom's URL cannot turn import.meta.url into a path.
const contentDir = join(process.cwd(), 'src/content');

function readJsonDir(dir: string): { id: string; data: unknown }[] {
  const path = join(contentDir, dir);
  return readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ id: basename(f, '.json'), data: JSON.parse(readFileSync(join(path, f), 'utf8')) }));
}

export type ModelPresetFile = ModelPresetData & { id: string; spec: ModelSpec };

let cache: ModelPresetFile[] | undefined;

/** Every preset, validated; read once per test file. Treat the result as read-only. */
export function modelPresets(): ModelPresetFile[] {
  cache ??= readJsonDir('models').map(({ id, data }) => {
    const preset = modelPresetSchema.parse(data);
    return { ...preset, id, spec: parseHfConfig(preset.config) };
  });
  return cache;
}

export function modelPreset(id: string): ModelPresetFile {
  const preset = modelPresets().find((p) => p.id === id);
  if (!preset) throw new Error(`no preset src/content/models/${id}.json`);
  return preset;
}

export function gpus(): (GpuData & { id: string })[] {
  return readJsonDir('gpus').map(({ id, data }) => ({ ...gpuSchema.parse(data), id }));
}
