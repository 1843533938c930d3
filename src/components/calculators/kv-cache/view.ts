/**
 * Everything the KV-cache calculator shows, derived from its inputs in one pure function (no DOM), so the
 * island only renders. The formulas live in `src/lib`; this file only combines them.
 */
import { bytesPerElement, type Dtype } from '~/lib/model/dtype';
import {
  divisorKvHeads,
  freeKvBytes,
  kvCacheBytes,
  kvElementsPerLayer,
  kvLayerCounts,
  maxConcurrentSequences,
  maxContextLength,
  pagedTokens,
  withAttention,
  type MaxContext,
} from '~/lib/memory/kv-cache';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countActiveParams, countParams } from '~/lib/model/param-count';

export const ATTENTION_CHOICES = ['model', 'mha', 'gqa', 'mqa', 'mla'] as const;
export type AttentionChoice = (typeof ATTENTION_CHOICES)[number];

export interface GpuChoice {
  id: string;
  name: string;
  label: string;
  memoryBytes: number;
}

export interface KvInputs {
  model: ModelSpec;
  attention: AttentionChoice;
  /** KV heads when shown as GQA. */
  groups: number;
  seqLen: number;
  batch: number;
  kvDtype: Dtype;
  weightsDtype: Dtype;
  gpus: GpuChoice[];
  gpuId: string;
  gpuCount: number;
  utilization: number;
  blockSize: number;
}

/** The divisor of the query heads nearest to `wanted`, so a GQA override is always a valid grouping. */
export function nearestGroups(spec: ModelSpec, wanted: number): number {
  const divisors = divisorKvHeads(spec);
  return divisors.reduce((best, d) => (Math.abs(d - wanted) < Math.abs(best - wanted) ? d : best), divisors[0]!);
}

/** The model with the reader's attention override applied. */
export function effectiveSpec(model: ModelSpec, attention: AttentionChoice, groups: number): ModelSpec {
  if (attention === 'model') return model;
  return withAttention(model, attention, attention === 'gqa' ? nearestGroups(model, groups) : undefined);
}

export interface GpuRow extends GpuChoice {
  /** Memory the engine may use on `gpuCount` of these: utilization × count × capacity. */
  usableBytes: number;
  neededBytes: number;
  fits: boolean;
}

export interface KvReport {
  spec: ModelSpec;
  elementsPerLayer: number;
  kvBytesPerElement: number;
  weightsBytesPerElement: number;
  layers: { global: number; local: number; withoutKv: number };
  perToken: number;
  total: number;
  pagedSeqLen: number;
  pagedTotal: number;
  waste: number;
  params: number;
  activeParams: number | null;
  weights: number;
  gpuRows: GpuRow[];
  gpu: GpuRow;
  freeBytes: number;
  maxContext: MaxContext;
  maxBatch: number;
}

export function computeKv(inputs: KvInputs): KvReport {
  const spec = effectiveSpec(inputs.model, inputs.attention, inputs.groups);
  const { seqLen, batch, kvDtype, blockSize } = inputs;
  const exact = kvCacheBytes(spec, { seqLen, batch, dtype: kvDtype });
  const paged = kvCacheBytes(spec, { seqLen, batch, dtype: kvDtype, blockSize });
  const params = countParams(spec);
  const weightsBytesPerElement = bytesPerElement(inputs.weightsDtype);
  const weights = params * weightsBytesPerElement;
  const gpuRows = inputs.gpus.map((gpu) => {
    const usableBytes = inputs.utilization * inputs.gpuCount * gpu.memoryBytes;
    const neededBytes = weights + paged.total;
    return { ...gpu, usableBytes, neededBytes, fits: neededBytes <= usableBytes };
  });
  const gpu = gpuRows.find((row) => row.id === inputs.gpuId) ?? gpuRows[0]!;
  const freeBytes = freeKvBytes(inputs.gpuCount * gpu.memoryBytes, inputs.utilization, weights);
  const counts = kvLayerCounts(spec);
  return {
    spec,
    elementsPerLayer: kvElementsPerLayer(spec),
    kvBytesPerElement: bytesPerElement(kvDtype),
    weightsBytesPerElement,
    layers: { ...counts, withoutKv: spec.numLayers - counts.global - counts.local },
    perToken: exact.perToken,
    total: exact.total,
    pagedSeqLen: pagedTokens(seqLen, blockSize),
    pagedTotal: paged.total,
    waste: paged.total - exact.total,
    params,
    activeParams: spec.moe ? countActiveParams(spec) : null,
    weights,
    gpuRows,
    gpu,
    freeBytes,
    maxContext: maxContextLength(spec, { freeBytes, batch, dtype: kvDtype, blockSize }),
    maxBatch: maxConcurrentSequences(spec, { freeBytes, seqLen, dtype: kvDtype, blockSize }),
  };
}
