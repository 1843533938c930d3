/**
 * Build-time access to the model presets and GPUs (Astro content collections), shaped for islands:
 * only what the browser needs, with each config already parsed into a `ModelSpec`.
 * Call from `.astro` wrappers; unit tests read the files through `tests/unit/helpers/presets.ts`.
 */
import { getCollection } from 'astro:content';
import { parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';

export interface ModelPresetOption {
  /** File name without `.json`, e.g. 'llama-2-7b'; the value stored in URLs. */
  id: string;
  name: string;
  repo: string;
  configUrl: string;
  spec: ModelSpec;
  /** Official counts as published ("7.24B"), with their source. */
  officialParams: { total: string; active?: string; activeConvention?: 'with-embeddings' | 'without-embeddings'; source: string };
}

export interface GpuOption {
  id: string;
  name: string;
  /** The capacity as the vendor prints it ("80 GB"). */
  label: string;
  memoryBytes: number;
}

export async function loadModelPresets(): Promise<ModelPresetOption[]> {
  const entries = await getCollection('models');
  return entries
    .sort((a, b) => a.data.order - b.data.order)
    .map(({ id, data }) => ({
      id,
      name: data.name,
      repo: data.repo,
      configUrl: data.configUrl,
      spec: parseHfConfig(data.config),
      officialParams: {
        total: data.params.total,
        active: data.params.active,
        activeConvention: data.params.activeConvention,
        source: data.params.totalSource,
      },
    }));
}

export async function loadGpus(): Promise<GpuOption[]> {
  const entries = await getCollection('gpus');
  return entries
    .sort((a, b) => a.data.order - b.data.order)
    .map(({ id, data }) => ({ id, name: data.name, label: data.label, memoryBytes: data.memoryGiB * 2 ** 30 }));
}
