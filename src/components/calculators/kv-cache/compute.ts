/**
 * Everything the KV-cache calculator shows, derived from its inputs in one pure function (no DOM), so the island
 * only renders. The formulas live in `src/lib`; this file only combines them. The island loads it after start-up
 * (`core.ts`): the first frame is the report the server computed with it for the default setting.
 */
import { bytesPerElement } from '~/lib/model/dtype';
import { recurrentLayerCount, recurrentStateElements } from '~/lib/model/recurrent';
import { weightsBytes } from '~/lib/model/weight-formats';
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
} from '~/lib/memory/kv-cache';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import type { AttentionChoice, KvInputs, KvReport } from './view';

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

function recurrentReport(spec: ModelSpec, perSequence: number, batch: number): KvReport['recurrent'] {
  const r = spec.recurrent;
  if (!r) return null;
  const { conv, ssm } = recurrentStateElements(spec);
  // vLLM's defaults: the window in the model's 16-bit type, the SSM state in what the model asks for.
  return {
    kind: r.kind,
    layers: recurrentLayerCount(spec),
    convElements: conv,
    ssmElements: ssm,
    convBytes: 2,
    ssmBytes: r.ssmStateDtype === 'fp32' ? 4 : 2,
    perSequence,
    total: perSequence * batch,
  };
}

export function computeKv(inputs: KvInputs): KvReport {
  const spec = effectiveSpec(inputs.model, inputs.attention, inputs.groups);
  const { seqLen, batch, kvDtype, blockSize } = inputs;
  const exact = kvCacheBytes(spec, { seqLen, batch, dtype: kvDtype });
  const paged = kvCacheBytes(spec, { seqLen, batch, dtype: kvDtype, blockSize });
  const params = countParams(spec);
  const weights = weightsBytes(spec, inputs.weightsDtype);
  const stateTotal = exact.stateBytesPerSequence * batch;
  const gpuRows = inputs.gpus.map((gpu) => {
    const usableBytes = inputs.utilization * inputs.gpuCount * gpu.memoryBytes;
    const neededBytes = weights + paged.total + stateTotal;
    return { ...gpu, usableBytes, neededBytes, fits: neededBytes <= usableBytes };
  });
  const gpu = gpuRows.find((row) => row.id === inputs.gpuId) ?? gpuRows[0]!;
  const freeBytes = freeKvBytes(inputs.gpuCount * gpu.memoryBytes, inputs.utilization, weights);
  const counts = kvLayerCounts(spec);
  return {
    spec,
    elementsPerLayer: kvElementsPerLayer(spec),
    kvBytesPerElement: bytesPerElement(kvDtype),
    weightsBytesPerElement: weights / params,
    layers: { ...counts, withoutKv: spec.numLayers - counts.global - counts.local },
    perToken: exact.perToken,
    total: exact.total,
    pagedSeqLen: pagedTokens(seqLen, blockSize),
    pagedTotal: paged.total,
    waste: paged.total - exact.total,
    params,
    activeParams: spec.moe ? countActiveParams(spec) : null,
    activeParamsWithoutEmbeddings: spec.moe ? countActiveParams(spec, { embeddings: false }) : null,
    weights,
    visionParams: spec.visionTower?.params ?? null,
    recurrent: recurrentReport(spec, exact.stateBytesPerSequence, batch),
    gpuRows,
    gpu,
    freeBytes,
    maxContext: maxContextLength(spec, { freeBytes, batch, dtype: kvDtype, blockSize }),
    maxBatch: maxConcurrentSequences(spec, { freeBytes, seqLen, dtype: kvDtype, blockSize }),
    groupChoices: divisorKvHeads(inputs.model).filter((g) => g !== 1 && g !== inputs.model.numHeads),
    groups: nearestGroups(inputs.model, inputs.groups),
  };
}
