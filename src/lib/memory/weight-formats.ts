/**
 * How a tensor-parallel × pipeline-parallel layout spreads a model's weights over GPUs, the way vLLM loads them.
 * The bytes of each tensor in each format are model/weight-formats.ts (a property of the model's storage); this file
 * only places them, and re-exports that module so existing imports keep working.
 */
import type { ModelSpec } from '../model/model-spec';
import { weightFormatBytes, weightTensors, type WeightFormat } from '../model/weight-formats';

export {
  GGML_TYPES,
  INT4_GROUP_SIZE,
  WEIGHT_FORMATS,
  ggmlBitsPerWeight,
  ggufTensorType,
  gptqAwqBitsPerWeight,
  isWeightFormat,
  wantsMoreBits,
  weightFormatBytes,
  weightTensors,
  weightsBytes,
  type FormatBytes,
  type GgmlType,
  type TensorRole,
  type TensorSplit,
  type WeightFormat,
  type WeightTensor,
} from '../model/weight-formats';

// Specs are treated as immutable values; a planner asks for the same layouts on every keystroke.
const perGpuCache = new WeakMap<ModelSpec, Map<string, WeightsPerGpu>>();

export interface WeightsPerGpu {
  /** Bytes on the busiest GPU. */
  perGpu: number;
  /** Of which replicated on every tensor-parallel rank (norms, router, MLA's down-projections). */
  replicated: number;
  /** Bytes of routed experts on that GPU, all of them (for "read per token" scale by k/E). */
  routedExperts: number;
}

/**
 * Weights one GPU holds when the model is split `tensorParallel` × `pipelineParallel` ways, the way vLLM does it:
 * column/row-parallel linears and the vocabulary are split by TP (vocab padded to 64 per rank:
 * `VocabParallelEmbedding`, vllm/model_executor/layers/vocab_parallel_embedding.py), replicated tensors are
 * whole on every rank, and pipeline stages hold contiguous layers; the first stage holds the embedding and the
 * last the head, so the busiest stage is taken as the layers of the largest stage plus the larger of the two.
 */
export function weightsPerGpu(spec: ModelSpec, format: WeightFormat, tensorParallel = 1, pipelineParallel = 1): WeightsPerGpu {
  let byKey = perGpuCache.get(spec);
  if (!byKey) perGpuCache.set(spec, (byKey = new Map()));
  const key = `${format}|${tensorParallel}|${pipelineParallel}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const computed = computeWeightsPerGpu(spec, format, tensorParallel, pipelineParallel);
  byKey.set(key, computed);
  return computed;
}

function computeWeightsPerGpu(spec: ModelSpec, format: WeightFormat, tensorParallel: number, pipelineParallel: number): WeightsPerGpu {
  const bytes = weightFormatBytes(spec, format);
  const tensors = weightTensors(spec);
  const per = Math.ceil(spec.numLayers / pipelineParallel);
  let perGpu = 0;
  let replicated = 0;
  let routedExperts = 0;
  for (let stage = 0; stage < pipelineParallel; stage++) {
    let stageBytes = 0;
    let stageRep = 0;
    let stageExperts = 0;
    tensors.forEach((t, i) => {
      const b = bytes.tensors[i]!;
      const inStage =
        t.layer === null
          ? t.role === 'token_embd'
            ? stage === 0
            : t.role === 'output'
              ? stage === pipelineParallel - 1
              : true
          : Math.floor(t.layer / per) === stage;
      if (!inStage) return;
      if (t.split === 'replicated') {
        stageBytes += b;
        stageRep += b;
      } else if (t.split === 'vocab') {
        const padded = Math.ceil(spec.vocabSize / (64 * tensorParallel)) * 64 * tensorParallel;
        stageBytes += (b * padded) / spec.vocabSize / tensorParallel;
      } else stageBytes += b / tensorParallel;
      if (t.routedExpert) stageExperts += b / tensorParallel;
    });
    if (stageBytes > perGpu) {
      perGpu = stageBytes;
      replicated = stageRep;
      routedExperts = stageExperts;
    }
  }
  return Object.freeze({ perGpu, replicated, routedExperts });
}
