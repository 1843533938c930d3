/**
 * GPU memory of fine-tuning a transformer, split into the four buckets every estimate needs: weights,
 * gradients, optimizer states and activations, per GPU after ZeRO sharding and CPU offload.
 *
 * Every rule cites its source; the calculator page shows the same formulas with the reader's numbers.
 * Bytes are exact integers or exact products here; rounding is for display only.
 */
import { assertModelSpec, isMoeLayer, ModelSpecError, type ModelSpec } from '../model/model-spec';
import { countParams } from '../model/param-count';
import { largestFitting } from './largest-fitting';
import { LORA_TARGETS, type LoraTarget } from './lora-targets';
import { NF4_DOUBLE_QUANT_BITS } from '../model/quant-formats';
import { layerLinearShapes, type LinearShape } from '../model/linear-shapes';
import {
  DEFAULT_NUM_GENERATIONS,
  REFERENCE_SOURCES,
  TRAINING_OBJECTIVES,
  generatesRollouts,
  sequencesPerStep,
  type PreferenceOptions,
  type TrainingObjective,
} from './preference';

export type FineTuneMethod = 'full' | 'freeze' | 'lora' | 'qlora' | 'p-tuning-v2';
/** fp32: everything in 4 bytes. mixed: 16-bit weights with an fp32 master copy (ZeRO §3.1). bf16: "pure bf16", no master. */
export type TrainingPrecision = 'fp32' | 'mixed' | 'bf16';
export type OptimizerKind = 'adamw' | 'adamw-8bit' | 'sgd-momentum' | 'sgd' | 'adafactor';
export { LORA_TARGETS, type LoraTarget } from './lora-targets';
// Moved to their own modules so the serving planner's weight formats need not load this one; kept exported here.
export { NF4_DOUBLE_QUANT_BITS } from '../model/quant-formats';
export { layerLinearShapes, type LinearShape } from '../model/linear-shapes';
/** What leaves the GPU (ZeRO-Offload / ZeRO-Infinity): optimizer states and gradients, and also weights. */
export type OffloadKind = 'none' | 'optimizer' | 'optimizer-and-params';

export interface FineTuneOptions {
  method: FineTuneMethod;
  precision: TrainingPrecision;
  optimizer: OptimizerKind;
  /** Sequences per GPU per step (micro-batch). */
  batchSize: number;
  /** Tokens per sequence. */
  seqLen: number;
  /** Full activation checkpointing: keep only each layer's input, recompute the rest in the backward pass. */
  gradientCheckpointing: boolean;
  /** Fused attention (FlashAttention): the s×s score, softmax and dropout tensors are never stored. */
  flashAttention?: boolean;
  /** LoRA / QLoRA adapters. Default: rank 8 on q and v (PEFT's default for Llama). */
  lora?: { rank: number; targets: LoraTarget[] };
  /** P-tuning v2 prompt length per layer. Default 128 (ChatGLM-6B's `PRE_SEQ_LEN`). */
  prefixLength?: number;
  /** P-tuning v2 with its reparameterization MLP (embedding → h×h → tanh → h×2·L·kv). Default false. */
  prefixProjection?: boolean;
  /** Freeze: the last `trainableLayers` layers train. Default 2 (LLaMA-Factory's `freeze_trainable_layers`). */
  trainableLayers?: number;
  /** Data-parallel GPUs. Default 1. */
  gpus?: number;
  zeroStage?: 0 | 1 | 2 | 3;
  /** 18 instead of 16 bytes per parameter: gradients kept in fp32 (HF docs, DeepSpeed's estimators). Default false. */
  fp32Gradients?: boolean;
  /**
   * LoRA/QLoRA adapter weights (and their gradients). QLoRA: bf16 as in the QLoRA paper (default), or fp32. LoRA:
   * unset keeps the training precision (16-bit weights with an fp32 master under mixed precision); 'fp32' stores the
   * adapters in fp32 with fp32 gradients and no separate master (PEFT's `autocast_adapter_dtype`, default True:
   * bf16/fp16 adapter weights are upcast to fp32; https://huggingface.co/docs/peft/package_reference/peft_model).
   */
  adapterPrecision?: 'bf16' | 'fp32';
  offload?: OffloadKind;
  /** QLoRA base model bits: 4 (NF4 with double quantization) or 8 (LLM.int8), both bitsandbytes. Default 4. */
  qloraBits?: 4 | 8;
  /** Freeze: train only the top layers' linear matrices ('linear'), or whole layers with norms and biases ('layers', LLaMA-Factory's freeze). Default 'linear'. */
  freezeScope?: 'linear' | 'layers';
  /** Fused or chunked cross-entropy (Liger, Unsloth, Cut Cross-Entropy): the b·s·V logits are never materialized. Default false. */
  fusedCrossEntropy?: boolean;
  /** Saved activations (the checkpoints, with checkpointing) go to CPU memory; the GPU keeps two layers in flight (the one computed, the one copied back). Default false. */
  activationOffload?: boolean;
  /** Tensor-parallel degree t (Megatron): model states, activations and logits split over t GPUs; `gpus` stays the data-parallel count. Default 1. */
  tensorParallel?: number;
  /** Sequence parallelism on top of TP (Korthikanti et al. 2022 §4.2.2): the norm/dropout activations split over t too. Default false. */
  sequenceParallel?: boolean;
  /** Framework overhead per GPU in bytes (CUDA context, allocator reserve, library workspaces): reported beside the total, never in it. Default 0. */
  frameworkOverheadBytes?: number;
  /** ZeRO-3 gathers a layer at a time: DeepSpeed budgets the largest layer in fp32 (4 bytes per parameter). Default: from the spec. */
  largestLayerParams?: number;
  /** Offloaded model states need CPU buffers: DeepSpeed's `additional_buffer_factor`. Default 1.5. */
  cpuBufferFactor?: number;
  /** 'sft' (default) or a TRL preference trainer: 'dpo', 'ppo', 'grpo'. */
  objective?: TrainingObjective;
  preference?: PreferenceOptions;
}

export interface FineTuneBytes {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** ZeRO-3's gathered largest layer in fp32 (DeepSpeed's `4·largest_layer_params`); 0 unless weights are partitioned or offloaded. */
  zeroBuffer: number;
  /** Frozen reference model (DPO/PPO/GRPO); 0 with LoRA/QLoRA (adapters off), precomputed log-probs or no KL term. */
  reference: number;
  /** Frozen reward model (PPO). */
  reward: number;
  /** PPO's value model: weights, gradients and optimizer states, trained like the policy. */
  critic: number;
  /** PPO's critic activations for the same sequences (no vocabulary logits: a scalar head). */
  criticActivations: number;
  /** KV cache of rollout generation (PPO, GRPO), 16-bit. */
  rolloutKvCache: number;
  /** The theoretical per-GPU total: every field above. The framework overhead is not in it. */
  total: number;
}

export interface FineTuneMemory {
  /** Parameters of the model itself (adapters and prompts not included). */
  totalParams: number;
  /** Parameters that receive gradients: the model's own for full/freeze, the adapters or prompts otherwise. */
  trainableParams: number;
  /** Bytes per GPU. */
  bytes: FineTuneBytes;
  /** Bytes held in CPU memory per GPU process when offloading (0 otherwise). */
  cpuBytes: number;
  /** Model states before ZeRO sharding and offload, for one replica. */
  unsharded: { weights: number; gradients: number; optimizer: number };
  activations: ActivationBreakdown;
  /** Linear-layer parameters stored in NF4 or int8 (QLoRA only; 0 otherwise). */
  quantizedParams: number;
  /** Bytes of offloaded model states before the CPU buffer factor (cpuBytes = this · factor + offloaded activations). */
  cpuStatesBytes: number;
  /** Framework overhead per GPU as set by the reader; `bytes.total + overheadBytes` is what a GPU monitor would show. */
  overheadBytes: number;
  /** Largest layer used for the ZeRO-3 buffer. */
  largestLayerParams: number;
  /** Sequences per step through the policy (2·b for DPO, b·G for GRPO). */
  sequences: number;
}

export interface ActivationBreakdown {
  /** Korthikanti et al.'s per-layer bytes for the current batch and sequence (no checkpointing). */
  perLayer: number;
  /** Layers whose activations are kept for the backward pass (all, or the trainable top layers for freeze). */
  layers: number;
  /** Bytes of the checkpointed layer inputs (2·s·b·h per layer) when checkpointing; 0 otherwise. */
  checkpoints: number;
  /** Logits: b·s·V in 16 bit plus the fp32 copy the loss upcasts to (0 with fused cross-entropy; split over t under TP). */
  logits: number;
  /** Saved activations moved to CPU memory by activation offload (0 otherwise). */
  offloaded: number;
}

/** Thrown for options that describe no possible training run; `field` names the option. */
export class FineTuneOptionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'FineTuneOptionError';
  }
}

/**
 * Bytes of one d_in → d_out matrix in bitsandbytes' LLM.int8 format (Dettmers et al. 2022): an int8 weight and one fp32
 * absmax per output row (`Int8Params.CB` and `.SCB`).
 */
export function int8MatrixBytes(dIn: number, dOut: number): number {
  return dIn * dOut + 4 * dOut;
}

export const DEFAULT_LORA = { rank: 8, targets: ['q', 'v'] as LoraTarget[] };
export const DEFAULT_PREFIX_LENGTH = 128;
export const DEFAULT_TRAINABLE_LAYERS = 2;

function shapeParams(s: LinearShape): number {
  return s.dIn * s.dOut * s.count;
}

/** Parameters in the linear projections of all layers: what QLoRA stores in NF4 (embeddings, head and norms stay 16-bit). */
export function linearLayerParams(spec: ModelSpec): number {
  let sum = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) for (const s of layerLinearShapes(spec, layer)) sum += shapeParams(s);
  return sum;
}

/**
 * LoRA trainable parameters: Σ r·(d_in + d_out) over the targeted matrices of every layer (Hu et al. 2021, §4.1:
 * A is r×d_in, B is d_out×r). GPT-3 175B, r = 4 on W_q and W_v: 96·2·4·(12288 + 12288) = 18,874,368.
 */
export function loraParams(spec: ModelSpec, lora: { rank: number; targets: readonly LoraTarget[] }): number {
  let sum = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) {
    for (const s of layerLinearShapes(spec, layer)) {
      if (s.target && lora.targets.includes(s.target)) sum += lora.rank * (s.dIn + s.dOut) * s.count;
    }
  }
  return sum;
}

/**
 * P-tuning v2 trainable parameters (Liu et al. 2022, §3.2: a prompt at every layer, stored as its key and value).
 * Without reparameterization: L·2·p·(n_kv·d_h), which is L·2·p·h for multi-head attention. With it, the prompts come
 * from an embedding p×h, a linear h×h with bias, tanh, and a linear h×(2·L·n_kv·d_h) with bias (ChatGLM's PrefixEncoder).
 */
export function prefixTuningParams(spec: ModelSpec, prefixLength: number, projection: boolean): number {
  const kvOut = 2 * spec.numLayers * spec.numKvHeads * spec.headDim;
  if (!projection) return prefixLength * kvOut;
  const h = spec.hiddenSize;
  return prefixLength * h + (h * h + h) + (h * kvOut + kvOut);
}

/**
 * Activation bytes of one transformer layer, Korthikanti et al. 2022 §4.1 (16-bit activations, 1-byte dropout
 * masks): s·b·h·(34 + 5·a·s/h). The 5·a·s²·b part (scores, softmax, dropout) is what a fused FlashAttention kernel
 * never stores. With tensor parallelism over t GPUs (§4.2.1, Eq. 2) each GPU keeps s·b·h·(10 + 24/t + 5·a·s/(h·t)):
 * the attention and MLP internals split, the 10·s·b·h of norms and dropouts do not; adding sequence parallelism
 * (§4.2.2, Eq. 3) splits those too, s·b·h/t·(34 + 5·a·s/h). `prefixLength` extra keys (P-tuning v2) widen the score
 * matrix to s×(s+p) and add the prompts' keys and values (split over t with the heads).
 */
export function layerActivationBytes(args: {
  seqLen: number;
  batchSize: number;
  hiddenSize: number;
  numHeads: number;
  flashAttention: boolean;
  prefixLength?: number;
  kvWidth?: number;
  tensorParallel?: number;
  sequenceParallel?: boolean;
}): number {
  const { seqLen: s, batchSize: b, hiddenSize: h, numHeads: a } = args;
  const p = args.prefixLength ?? 0;
  const t = args.tensorParallel ?? 1;
  const scores = args.flashAttention ? 0 : (5 * a * s * (s + p) * b) / t;
  const prefixKv = p > 0 ? (2 * 2 * b * p * (args.kvWidth ?? h)) / t : 0;
  const linear = args.sequenceParallel || t === 1 ? (34 * s * b * h) / t : s * b * h * (10 + 24 / t);
  return linear + scores + prefixKv;
}

/**
 * The largest single module of a model built from `spec`, as DeepSpeed's `model_to_params` finds it (parameters of
 * one module, not recursing): the token embedding V·h (the LM head has the same size) or the largest projection
 * matrix of any layer; each MoE expert is its own module.
 */
export function largestLayerParams(spec: ModelSpec): number {
  let largest = spec.vocabSize * spec.hiddenSize;
  for (let layer = 0; layer < spec.numLayers; layer++) for (const s of layerLinearShapes(spec, layer)) largest = Math.max(largest, s.dIn * s.dOut);
  return largest;
}

/** Parameters of one layer outside its linear matrices: norms and biases (and the MoE router). */
function layerExtraParams(spec: ModelSpec, layer: number): number {
  const h = spec.hiddenSize;
  const norm = spec.norm === 'layernorm' ? 2 * h : h;
  let extra = (spec.normsPerLayer ?? 2) * norm;
  const qWidth = spec.numHeads * spec.headDim;
  const kvWidth = spec.numKvHeads * spec.headDim;
  if (spec.bias.qkv) extra += qWidth + 2 * kvWidth;
  if (spec.bias.o) extra += h;
  const moe = isMoeLayer(spec, layer) ? spec.moe : undefined;
  if (moe) extra += h * moe.numExperts + (moe.routerBias ? moe.numExperts : 0);
  if (spec.mla) extra += spec.mla.kvLoraRank + (spec.mla.qLoraRank ?? 0);
  if (spec.bias.mlp) {
    const width = moe ? moe.expertIntermediateSize : spec.intermediateSize;
    const copies = moe ? moe.numExperts + moe.sharedExperts : 1;
    extra += copies * ((spec.mlp === 'gated' ? 2 : 1) * width + h);
  }
  return extra;
}

/** Per-GPU share of model states under ZeRO (Rajbhandari et al. 2020, §5, Fig. 1): stage 1 shards the optimizer, 2 also gradients, 3 also weights. */
export function zeroShard(
  states: { weights: number; gradients: number; optimizer: number },
  stage: 0 | 1 | 2 | 3,
  gpus: number,
): { weights: number; gradients: number; optimizer: number } {
  return {
    optimizer: stage >= 1 ? states.optimizer / gpus : states.optimizer,
    gradients: stage >= 2 ? states.gradients / gpus : states.gradients,
    weights: stage >= 3 ? states.weights / gpus : states.weights,
  };
}

function positiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isInteger(value) || value < 1) {
    throw new FineTuneOptionError(field, `expected a whole number of at least 1, got ${String(value)}`);
  }
  return value;
}

function checkSpec(spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new FineTuneOptionError('spec', 'expected a model spec');
  for (const field of ['numLayers', 'hiddenSize', 'numHeads', 'numKvHeads', 'headDim', 'intermediateSize', 'vocabSize'] as const) {
    positiveInteger(`spec.${field}`, spec[field]);
  }
  try {
    assertModelSpec(spec);
  } catch (error) {
    if (error instanceof ModelSpecError) throw new FineTuneOptionError(`spec.${error.field}`, error.message.slice(error.field.length + 2));
    throw error;
  }
}

const METHODS: readonly FineTuneMethod[] = ['full', 'freeze', 'lora', 'qlora', 'p-tuning-v2'];
const PRECISIONS: readonly TrainingPrecision[] = ['fp32', 'mixed', 'bf16'];
const OPTIMIZERS: readonly OptimizerKind[] = ['adamw', 'adamw-8bit', 'sgd-momentum', 'sgd', 'adafactor'];
const OFFLOADS: readonly OffloadKind[] = ['none', 'optimizer', 'optimizer-and-params'];
/** Upper bounds where work or memory grows with the value: far past any real run. */
export const FINETUNE_LIMITS = { gpus: 1 << 20, loraRank: 1 << 16, prefixLength: 1 << 20 } as const;

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new FineTuneOptionError(
      field,
      `expected one of ${allowed.join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value)}`,
    );
  }
  return value as T;
}

function optionalBoolean(field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw new FineTuneOptionError(field, `expected true or false, got ${String(value)}`);
}

function bounded(field: string, value: unknown, max: number): number {
  const n = positiveInteger(field, value);
  if (n > max) throw new FineTuneOptionError(field, `expected at most ${max}, got ${n}`);
  return n;
}

/**
 * Every option checked at the boundary, so an unknown optimizer ('lion'), precision ('fp8'), offload ('nvme') or
 * method is a typed error naming the field instead of NaN or a silent substitute.
 */
function checkOptions(options: FineTuneOptions): void {
  if (typeof options !== 'object' || options === null) throw new FineTuneOptionError('options', 'expected an object');
  oneOf('method', options.method, METHODS);
  oneOf('precision', options.precision, PRECISIONS);
  oneOf('optimizer', options.optimizer, OPTIMIZERS);
  if (options.offload !== undefined) oneOf('offload', options.offload, OFFLOADS);
  if (options.adapterPrecision !== undefined) oneOf('adapterPrecision', options.adapterPrecision, ['bf16', 'fp32'] as const);
  if (typeof options.gradientCheckpointing !== 'boolean')
    throw new FineTuneOptionError('gradientCheckpointing', `expected true or false, got ${String(options.gradientCheckpointing)}`);
  optionalBoolean('flashAttention', options.flashAttention);
  optionalBoolean('prefixProjection', options.prefixProjection);
  optionalBoolean('fp32Gradients', options.fp32Gradients);
  bounded('batchSize', options.batchSize, MAX_SOLVER_BATCH);
  bounded('seqLen', options.seqLen, MAX_SOLVER_SEQ);
  if (options.gpus !== undefined) bounded('gpus', options.gpus, FINETUNE_LIMITS.gpus);
  if (options.prefixLength !== undefined) bounded('prefixLength', options.prefixLength, FINETUNE_LIMITS.prefixLength);
  if (options.lora !== undefined) {
    if (typeof options.lora !== 'object' || options.lora === null) throw new FineTuneOptionError('lora', 'expected { rank, targets }');
    bounded('lora.rank', options.lora.rank, FINETUNE_LIMITS.loraRank);
  }
}

/** Bytes per optimizer-state element and the states each optimizer keeps per parameter. */
function optimizerStateBytes(optimizer: OptimizerKind, stateBytes: number, trainable: number, factoredElements: number): number {
  switch (optimizer) {
    case 'adamw':
      return 2 * stateBytes * trainable; // first and second moments (Loshchilov & Hutter 2019)
    case 'adamw-8bit':
      return 2 * trainable; // two 8-bit states (Dettmers et al. 2022); block constants are < 0.2 %
    case 'sgd-momentum':
      return stateBytes * trainable;
    case 'sgd':
      return 0;
    case 'adafactor':
      // Factored second moment, no momentum (Shazeer & Stern 2018, §3): r + c numbers per r×c matrix.
      return stateBytes * factoredElements;
  }
}

function optionalFlag(field: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new FineTuneOptionError(field, `expected true or false, got ${String(value)}`);
  return value;
}

function oneOfOr<T extends string | number>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new FineTuneOptionError(field, `expected one of ${allowed.join(', ')}, got ${String(value)}`);
  return value as T;
}

function nonNegative(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FineTuneOptionError(field, `expected a number of at least 0, got ${String(value)}`);
  }
  return value;
}

/** Every option checked once, with defaults filled in; each error names its field. */
interface Resolved {
  batch: number;
  seq: number;
  gpus: number;
  stage: 0 | 1 | 2 | 3;
  offload: OffloadKind;
  tp: number;
  sp: boolean;
  fusedCe: boolean;
  actOffload: boolean;
  objective: TrainingObjective;
  reference: 'model' | 'precomputed' | 'none';
  generations: number;
  overhead: number;
  bufferFactor: number;
  qloraBits: 4 | 8;
  freezeScope: 'linear' | 'layers';
}

function resolve(spec: ModelSpec, options: FineTuneOptions): Resolved {
  const batch = positiveInteger('batchSize', options.batchSize);
  const seq = positiveInteger('seqLen', options.seqLen);
  const gpus = positiveInteger('gpus', options.gpus ?? 1);
  const stage = options.zeroStage ?? 0;
  if (![0, 1, 2, 3].includes(stage)) throw new FineTuneOptionError('zeroStage', `expected 0, 1, 2 or 3, got ${String(stage)}`);
  const offload = oneOfOr<OffloadKind>('offload', options.offload, ['none', 'optimizer', 'optimizer-and-params'], 'none');
  if (offload !== 'none' && stage === 0) throw new FineTuneOptionError('offload', 'offloading needs ZeRO stage 1, 2 or 3');
  if (offload === 'optimizer-and-params' && stage !== 3) throw new FineTuneOptionError('offload', 'offloading parameters needs ZeRO stage 3');
  const tp = positiveInteger('tensorParallel', options.tensorParallel ?? 1);
  if (spec.numHeads % tp !== 0) throw new FineTuneOptionError('tensorParallel', `must divide the ${spec.numHeads} attention heads`);
  const sp = optionalFlag('sequenceParallel', options.sequenceParallel);
  if (sp && tp === 1) throw new FineTuneOptionError('sequenceParallel', 'sequence parallelism needs a tensor-parallel degree above 1');
  const objective = oneOfOr<TrainingObjective>('objective', options.objective, TRAINING_OBJECTIVES, 'sft');
  const pref = options.preference ?? {};
  const reference = oneOfOr('preference.reference', pref.reference, REFERENCE_SOURCES, 'model');
  if (reference === 'precomputed' && objective !== 'dpo') {
    throw new FineTuneOptionError('preference.reference', 'precomputed reference log-probs are a DPO option (precompute_ref_log_probs)');
  }
  if (reference === 'none' && objective !== 'grpo') {
    throw new FineTuneOptionError('preference.reference', 'only GRPO trains without a reference (beta = 0)');
  }
  const generations = positiveInteger('preference.numGenerations', pref.numGenerations ?? DEFAULT_NUM_GENERATIONS);
  if (generations < 2 && objective === 'grpo') {
    throw new FineTuneOptionError('preference.numGenerations', 'GRPO compares at least 2 completions per prompt');
  }
  const bufferFactor = nonNegative('cpuBufferFactor', options.cpuBufferFactor, 1.5);
  if (bufferFactor < 1) throw new FineTuneOptionError('cpuBufferFactor', `expected at least 1, got ${bufferFactor}`);
  return {
    batch,
    seq,
    gpus,
    stage: stage as 0 | 1 | 2 | 3,
    offload,
    tp,
    sp,
    fusedCe: optionalFlag('fusedCrossEntropy', options.fusedCrossEntropy),
    actOffload: optionalFlag('activationOffload', options.activationOffload),
    objective,
    reference,
    generations,
    overhead: nonNegative('frameworkOverheadBytes', options.frameworkOverheadBytes, 0),
    bufferFactor,
    qloraBits: oneOfOr<4 | 8>('qloraBits', options.qloraBits, [4, 8], 4),
    freezeScope: oneOfOr('freezeScope', options.freezeScope, ['linear', 'layers'] as const, 'linear'),
  };
}

/**
 * Fine-tuning memory with the model's parameter count given (the public `fineTuneMemory` takes it from
 * `countParams`). Throws `FineTuneOptionError` for options that describe no possible run.
 */
export function fineTuneMemoryWithParams(spec: ModelSpec, totalParams: number, options: FineTuneOptions): FineTuneMemory {
  checkSpec(spec);
  checkOptions(options);
  if (!Number.isFinite(totalParams) || totalParams <= 0) throw new FineTuneOptionError('totalParams', `expected a positive number, got ${totalParams}`);
  const r = resolve(spec, options);
  const { gpus, stage, offload, tp } = r;
  const largestLayer = options.largestLayerParams === undefined ? largestLayerParams(spec) : positiveInteger('largestLayerParams', options.largestLayerParams);

  const { method, precision } = options;
  const L = spec.numLayers;
  const h = spec.hiddenSize;
  const kvWidth = spec.numKvHeads * spec.headDim;
  const fp32 = precision === 'fp32';
  const weightBytes = fp32 ? 4 : 2;

  // Trainable parameters, and the matrices among them (Adafactor factors matrices, keeps vectors whole).
  let trainable: number;
  let added = 0; // adapter / prompt parameters that are not part of the model
  let matrices: { rows: number; cols: number; count: number }[] = [];
  let layersWithActivations = L;
  let prefixLength = 0;
  switch (method) {
    case 'full': {
      trainable = totalParams;
      for (let layer = 0; layer < L; layer++) for (const s of layerLinearShapes(spec, layer)) matrices.push({ rows: s.dOut, cols: s.dIn, count: s.count });
      matrices.push({ rows: spec.vocabSize, cols: h, count: spec.tiedEmbeddings ? 1 : 2 });
      break;
    }
    case 'freeze': {
      const k = positiveInteger('trainableLayers', options.trainableLayers ?? DEFAULT_TRAINABLE_LAYERS);
      if (k > L) throw new FineTuneOptionError('trainableLayers', `the model has ${L} layers, cannot train ${k}`);
      trainable = 0;
      for (let layer = L - k; layer < L; layer++) {
        for (const s of layerLinearShapes(spec, layer)) {
          trainable += shapeParams(s);
          matrices.push({ rows: s.dOut, cols: s.dIn, count: s.count });
        }
        // LLaMA-Factory's freeze sets requires_grad on every parameter of the chosen layers, norms and biases too.
        if (r.freezeScope === 'layers') trainable += layerExtraParams(spec, layer);
      }
      // Layers below the trainable ones run without gradients and keep no activations.
      layersWithActivations = k;
      break;
    }
    case 'lora':
    case 'qlora': {
      const lora = options.lora ?? DEFAULT_LORA;
      const rank = positiveInteger('lora.rank', lora.rank);
      if (!Array.isArray(lora.targets) || lora.targets.length === 0) throw new FineTuneOptionError('lora.targets', 'choose at least one matrix to adapt');
      const bad = lora.targets.find((t) => !LORA_TARGETS.includes(t));
      if (bad !== undefined) throw new FineTuneOptionError('lora.targets', `unknown target "${String(bad)}"`);
      added = loraParams(spec, { rank, targets: lora.targets });
      if (added === 0) throw new FineTuneOptionError('lora.targets', 'this model has none of the chosen matrices');
      trainable = added;
      for (let layer = 0; layer < L; layer++) {
        for (const s of layerLinearShapes(spec, layer)) {
          if (s.target && lora.targets.includes(s.target)) {
            matrices.push({ rows: rank, cols: s.dIn, count: s.count }, { rows: s.dOut, cols: rank, count: s.count });
          }
        }
      }
      break;
    }
    case 'p-tuning-v2': {
      prefixLength = positiveInteger('prefixLength', options.prefixLength ?? DEFAULT_PREFIX_LENGTH);
      const projection = options.prefixProjection ?? false;
      added = prefixTuningParams(spec, prefixLength, projection);
      trainable = added;
      const kvOut = 2 * L * kvWidth;
      matrices = projection
        ? [
            { rows: prefixLength, cols: h, count: 1 },
            { rows: h, cols: h, count: 1 },
            { rows: kvOut, cols: h, count: 1 },
          ]
        : [{ rows: prefixLength, cols: kvOut, count: 1 }];
      break;
    }
    default:
      throw new FineTuneOptionError('method', `unknown method "${String(method)}"`);
  }

  // Weights: frozen and trainable alike in the working precision; QLoRA stores the linear layers in NF4 or int8.
  let weights: number;
  let baseWeights: number; // the model without adapters or prompts: what a frozen reference or reward copy holds
  let gradientBytes: number;
  let masterBytes: number;
  let stateBytes: number;
  let quantizedParams = 0;
  if (method === 'qlora') {
    const adapterBytes = options.adapterPrecision === 'fp32' ? 4 : 2;
    quantizedParams = linearLayerParams(spec);
    let quantizedBytes = (quantizedParams * NF4_DOUBLE_QUANT_BITS) / 8;
    if (r.qloraBits === 8) {
      quantizedBytes = 0;
      for (let layer = 0; layer < L; layer++) for (const s of layerLinearShapes(spec, layer)) quantizedBytes += int8MatrixBytes(s.dIn, s.dOut) * s.count;
    }
    baseWeights = quantizedBytes + (totalParams - quantizedParams) * 2;
    weights = baseWeights + added * adapterBytes;
    gradientBytes = adapterBytes;
    masterBytes = 0;
    stateBytes = 4; // QLoRA keeps optimizer states in 32 bit (paged AdamW)
  } else if (method === 'lora' && options.adapterPrecision === 'fp32' && !fp32) {
    baseWeights = totalParams * weightBytes;
    weights = baseWeights + added * 4;
    gradientBytes = 4;
    masterBytes = 0;
    stateBytes = 4;
  } else {
    baseWeights = totalParams * weightBytes;
    weights = (totalParams + added) * weightBytes;
    gradientBytes = fp32 || (precision === 'mixed' && options.fp32Gradients) ? 4 : 2;
    masterBytes = precision === 'mixed' ? 4 : 0;
    stateBytes = precision === 'bf16' ? 2 : 4;
  }
  const matrixElements = matrices.reduce((sum, m) => sum + m.rows * m.cols * m.count, 0);
  const factoredElements = matrices.reduce((sum, m) => sum + (m.rows + m.cols) * m.count, 0) + Math.max(0, trainable - matrixElements);
  const gradients = trainable * gradientBytes;
  const optimizer = trainable * masterBytes + optimizerStateBytes(options.optimizer, stateBytes, trainable, factoredElements);

  const act = activationBreakdown(spec, options, r, r.batch, r.seq, layersWithActivations, prefixLength);

  // Tensor parallelism splits every matrix over t GPUs; ZeRO then shards each TP rank's states over the data-parallel GPUs.
  const unsharded = { weights, gradients, optimizer };
  const sharded = zeroShard({ weights: weights / tp, gradients: gradients / tp, optimizer: optimizer / tp }, stage, gpus);
  let cpuStatesBytes = 0;
  if (offload !== 'none') {
    cpuStatesBytes += sharded.optimizer + sharded.gradients;
    sharded.optimizer = 0;
    sharded.gradients = 0;
  }
  if (offload === 'optimizer-and-params') {
    cpuStatesBytes += sharded.weights;
    sharded.weights = 0;
  }
  // DeepSpeed's estimator budgets the largest layer gathered in fp32 whenever ZeRO-3 partitions or offloads the weights.
  const zeroBuffer = stage === 3 && (gpus > 1 || offload === 'optimizer-and-params') ? (4 * largestLayer) / tp : 0;

  // Frozen copies: a reference (none extra under LoRA/QLoRA, whose base with adapters off is the reference) and PPO's reward model.
  const peft = method === 'lora' || method === 'qlora';
  const frozenCopy = zeroShard({ weights: baseWeights / tp, gradients: 0, optimizer: 0 }, stage, gpus).weights;
  const needsReference = r.objective !== 'sft' && r.reference === 'model' && !peft;
  const reference = needsReference ? frozenCopy : 0;
  const reward = r.objective === 'ppo' ? frozenCopy : 0;
  // PPO's value model is a second network of the same size, trained with the same method (TRL: a separate `value_model`).
  const critic = r.objective === 'ppo' ? sharded.weights + sharded.gradients + sharded.optimizer : 0;
  if (r.objective === 'ppo') cpuStatesBytes *= 2;
  const cpuBytes = cpuStatesBytes * r.bufferFactor + act.offloaded;

  const bytes: FineTuneBytes = {
    ...sharded,
    activations: act.total,
    zeroBuffer,
    reference,
    reward,
    critic,
    criticActivations: act.critic,
    rolloutKvCache: act.kvCache,
    total: 0,
  };
  bytes.total = bytes.weights + bytes.gradients + bytes.optimizer + bytes.activations + zeroBuffer + reference + reward + critic + act.critic + act.kvCache;
  return {
    totalParams,
    trainableParams: trainable,
    bytes,
    cpuBytes,
    unsharded,
    activations: {
      perLayer: act.perLayer,
      layers: layersWithActivations,
      checkpoints: act.checkpoints,
      logits: act.logits,
      offloaded: act.offloaded,
    },
    quantizedParams,
    cpuStatesBytes,
    overheadBytes: r.overhead,
    largestLayerParams: largestLayer,
    sequences: sequencesPerStep(r.objective, r.batch, r.generations),
  };
}

/** Everything that depends on batch and sequence length: the policy's activations, PPO's critic activations and the rollout KV cache. */
function activationBreakdown(
  spec: ModelSpec,
  options: FineTuneOptions,
  r: Resolved,
  batch: number,
  seq: number,
  layersWithActivations: number,
  prefixLength: number,
): { perLayer: number; checkpoints: number; logits: number; offloaded: number; total: number; critic: number; kvCache: number } {
  const h = spec.hiddenSize;
  const t = r.tp;
  const sequences = sequencesPerStep(r.objective, batch, r.generations);
  // Korthikanti et al. 2022 count 16-bit activations; fp32 training stores them in 4 bytes, twice the figure.
  const fp32 = options.precision === 'fp32';
  const actScale = fp32 ? 2 : 1;
  const perLayer =
    layerActivationBytes({
      seqLen: seq,
      batchSize: sequences,
      hiddenSize: h,
      numHeads: spec.numHeads,
      flashAttention: options.flashAttention ?? false,
      prefixLength,
      kvWidth: spec.numKvHeads * spec.headDim,
      tensorParallel: t,
      sequenceParallel: r.sp,
    }) * actScale;
  let checkpoints = 0;
  let stored: number; // what the backward pass needs kept: the checkpoints, or every layer's activations
  let working: number; // what is live on the GPU besides: one layer being recomputed
  if (options.gradientCheckpointing) {
    // Only each layer's input (2·s·b·h bytes) is kept, split over t only under sequence parallelism; one layer at a
    // time is recomputed during the backward pass.
    checkpoints = (layersWithActivations * 2 * seq * sequences * h * actScale) / (r.sp ? t : 1);
    stored = checkpoints;
    working = perLayer;
  } else {
    stored = layersWithActivations * perLayer;
    working = 0;
  }
  let offloaded = 0;
  if (r.actOffload) {
    // The saved tensors wait in CPU memory; the GPU holds the layer being computed and the one being copied back.
    offloaded = stored;
    stored = 0;
    working = Math.min(layersWithActivations, 2) * perLayer;
  }
  // Logits are split over the vocabulary under TP (Megatron's vocab-parallel cross-entropy); a fused loss never stores them.
  const logits = r.fusedCe ? 0 : (sequences * seq * spec.vocabSize * (fp32 ? 4 : 2 + 4)) / t;
  const total = stored + working + logits;
  // PPO's critic runs the same sequences through a network of the same shape with a scalar head (no logits).
  const critic = r.objective === 'ppo' ? stored + working : 0;
  // Rollouts: the policy generates every sampled sequence with a 16-bit KV cache, heads split over t.
  let kvCache = 0;
  if (generatesRollouts(r.objective)) {
    // The same rules as kv-cache.ts (windowed layers, layers without a cache, MLA's shared latent), restated here
    // because importing that module pulls the KV calculator's shared chunk (~1 KB gzip) into this island; the unit
    // tests check the two agree.
    const perToken = spec.mla ? spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim : 2 * spec.numKvHeads * spec.headDim;
    let tokens = 0;
    for (let layer = 0; layer < spec.numLayers; layer++) {
      if (spec.kvLayers?.[layer] === false) continue;
      tokens += spec.slidingWindow?.layers[layer] ? Math.min(seq, spec.slidingWindow.window) : seq;
    }
    kvCache = (tokens * perToken * 2 * sequences) / t;
  }
  return { perLayer, checkpoints, logits, offloaded, total, critic, kvCache };
}

/** Largest batch (at the chosen sequence length) and longest sequence (at the chosen batch) that fit in `capacityBytes` per GPU. */
export interface LargestFit {
  /** null when not even one sequence fits. */
  maxBatchSize: number | null;
  maxSeqLen: number | null;
}

/** Search ceilings: far beyond any real run, small enough to keep the search to ~25 evaluations. */
export const MAX_SOLVER_BATCH = 1 << 20;
export const MAX_SOLVER_SEQ = 1 << 22;

/**
 * The reverse solver: memory grows with batch and sequence length, so a binary search finds the largest that fits.
 * Only activations (and a rollout KV cache) depend on them, so the model states are computed once and the search
 * re-evaluates those only. The framework overhead counts against the capacity.
 */
export function largestFitWithParams(spec: ModelSpec, totalParams: number, options: FineTuneOptions, capacityBytes: number): LargestFit {
  if (typeof capacityBytes !== 'number' || Number.isNaN(capacityBytes))
    throw new FineTuneOptionError('capacityBytes', `expected a number of bytes, got ${String(capacityBytes)}`);
  const base = fineTuneMemoryWithParams(spec, totalParams, options);
  const r = resolve(spec, options);
  const b = base.bytes;
  const fixed = b.total - b.activations - b.criticActivations - b.rolloutKvCache + base.overheadBytes;
  const prefixLength = options.method === 'p-tuning-v2' ? (options.prefixLength ?? DEFAULT_PREFIX_LENGTH) : 0;
  const fits = (batch: number, seq: number) => {
    const a = activationBreakdown(spec, options, r, batch, seq, base.activations.layers, prefixLength);
    return fixed + a.total + a.critic + a.kvCache <= capacityBytes;
  };
  return {
    maxBatchSize: largestFitting((n) => fits(n, options.seqLen), MAX_SOLVER_BATCH),
    maxSeqLen: largestFitting((n) => fits(options.batchSize, n), MAX_SOLVER_SEQ),
  };
}

/**
 * GPU memory per GPU of fine-tuning `spec` with `options` (public API, issue 4). The parameter count comes from
 * `countParams`. Throws `FineTuneOptionError` naming the option for settings that describe no possible run.
 *
 * @example
 * // Llama-2-7B, full fine-tuning, mixed-precision AdamW: 16 bytes per parameter of model states (ZeRO §3.1)
 * const m = fineTuneMemory(llama2_7b, { method: 'full', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 2048, gradientCheckpointing: false });
 * m.bytes.weights + m.bytes.gradients + m.bytes.optimizer // => 16 * 6738415616
 */
export function fineTuneMemory(spec: ModelSpec, options: FineTuneOptions): FineTuneMemory {
  checkSpec(spec);
  return fineTuneMemoryWithParams(spec, countParams(spec), options);
}

/** The reverse solver on `countParams`: largest batch and longest sequence that fit `capacityBytes` per GPU. */
export function largestFit(spec: ModelSpec, options: FineTuneOptions, capacityBytes: number): LargestFit {
  checkSpec(spec);
  return largestFitWithParams(spec, countParams(spec), options, capacityBytes);
}
