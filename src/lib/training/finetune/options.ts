/**
 * The fine-tune estimator's options, checked once: `resolveOptions` validates every field with the core's one
 * vocabulary (`validatorFor(FineTuneOptionError)`) and fills the defaults of the chosen framework's profile, so the
 * formula files below read a frozen `Resolved` and never validate again.
 */
import { OptionError, type OptionReason } from '../../errors';
import { validatorFor } from '../../validate';
import { assertModelSpec, ModelSpecError, type ModelSpec } from '../../model/model-spec';
import { LORA_TARGETS, type LoraTarget } from '../../model/lora-targets';
import { DEFAULT_NUM_GENERATIONS, REFERENCE_SOURCES, TRAINING_OBJECTIVES, type PreferenceOptions, type TrainingObjective } from '../preference';
import { FRAMEWORKS, FRAMEWORK_PROFILES, type AttentionKernel, type Framework, type FrameworkProfile, type LossKind } from './profiles';

export type FineTuneMethod = 'full' | 'freeze' | 'lora' | 'qlora' | 'p-tuning-v2';
/** fp32: everything in 4 bytes. mixed: 16-bit weights with an fp32 master copy (ZeRO §3.1). bf16: "pure bf16", no master. */
export type TrainingPrecision = 'fp32' | 'mixed' | 'bf16';
export type OptimizerKind = 'adamw' | 'adamw-8bit' | 'sgd-momentum' | 'sgd' | 'adafactor';
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
  /**
   * The training framework whose default recipe sets what is materialized: loss implementation and logits dtypes,
   * attention kernel, what checkpointing keeps and where, quantized-matmul buffers, CUDA context (`profiles.ts`).
   * Every option below overrides its profile. Default 'hf' (transformers + PEFT + TRL).
   */
  framework?: Framework;
  /** Attention kernel: 'eager' (s² scores stored, in fp32 where the framework upcasts), 'sdpa' or 'flash'. Default: the profile's. */
  attention?: AttentionKernel;
  /** Alias of `attention`: true is 'flash', false is 'eager' (kept for links and callers of issue 4). */
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
  /**
   * ZeRO-3 / FSDP FULL_SHARD also shards the frozen base of LoRA/QLoRA (true, DeepSpeed's and FSDP's behaviour when
   * the base is wrapped), or every GPU holds the whole frozen base (false: DDP-style replicas, FSDP wrapping only the
   * trainable modules). Default true.
   */
  shardFrozenWeights?: boolean;
  /** 18 instead of 16 bytes per parameter: gradients kept in fp32 (HF docs, DeepSpeed's estimators). Default false. */
  fp32Gradients?: boolean;
  /**
   * LoRA/QLoRA adapter weights (and their gradients). Default: the profile's (PEFT upcasts bf16/fp16 adapters to
   * fp32, `autocast_adapter_dtype=True`; torchtune, LitGPT and Unsloth keep them in the training dtype).
   */
  adapterPrecision?: 'bf16' | 'fp32';
  offload?: OffloadKind;
  /** QLoRA base model bits: 4 (NF4) or 8 (LLM.int8), both bitsandbytes. Default 4. */
  qloraBits?: 4 | 8;
  /** Freeze: train only the top layers' linear matrices ('linear'), or whole layers with norms and biases ('layers'). Default 'linear'. */
  freezeScope?: 'linear' | 'layers';
  /**
   * How the loss meets the logits (profiles.ts `LossKind`): 'upcast' (all b·s·V logits cast to fp32), 'chunked-fp32'
   * (torchtune's chunked loss), 'chunked-16bit' (LitGPT's), 'fused' (never materialized). Default: the profile's.
   */
  loss?: LossKind;
  /** Alias: true is `loss: 'fused'` (Liger, Unsloth, Cut Cross-Entropy); false is the profile's loss, or 'upcast' where that is fused. */
  fusedCrossEntropy?: boolean;
  /** Saved activations (the checkpoints, with checkpointing) go to CPU memory; the GPU keeps two layers in flight. Default: the profile's. */
  activationOffload?: boolean;
  /** Tensor-parallel degree t (Megatron): model states, activations and logits split over t GPUs; `gpus` stays the data-parallel count. Default 1. */
  tensorParallel?: number;
  /** Sequence parallelism on top of TP (Korthikanti et al. 2022 §4.2.2). Default false. */
  sequenceParallel?: boolean;
  /**
   * CUDA context and library workspaces per GPU in bytes: in `peak.device`, never in `bytes.total`. Default: the
   * profile's measured context.
   */
  frameworkOverheadBytes?: number;
  /**
   * `torch.compile` of model and loss (torchtune's `compile: True`): AOTAutograd's min-cut partitioner recomputes cheap
   * pointwise results in the backward pass instead of keeping them (norm statistics, the MLP activation, a chunked
   * loss's fp32 log-softmax). Default false.
   */
  compile?: boolean;
  /** Micro-batches per optimizer step. Above 1 the gradients live through every forward pass. Default 1. */
  gradientAccumulationSteps?: number;
  /** torchtune's `optimizer_in_bwd`: each parameter is updated and its gradient freed during the backward pass. Default false. */
  optimizerInBackward?: boolean;
  /** ZeRO-3 gathers a layer at a time: DeepSpeed budgets the largest layer in fp32 (4 bytes per parameter). Default: from the spec. */
  largestLayerParams?: number;
  /** Offloaded model states need CPU buffers: DeepSpeed's `additional_buffer_factor`. Default 1.5. */
  cpuBufferFactor?: number;
  /** 'sft' (default) or a TRL preference trainer: 'dpo', 'ppo', 'grpo'. */
  objective?: TrainingObjective;
  preference?: PreferenceOptions;
  /** Parameters of the model itself; default `countParams(spec)`. */
  totalParams?: number;
}

/** Machine-readable refusal of a fine-tune option: `field`, `reason`, `got`, `limit` (see `OptionError`). */
export class FineTuneOptionError extends OptionError {
  override name = 'FineTuneOptionError';
  constructor(field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) {
    super(field, reason, got, limit, detail);
  }
}

export const DEFAULT_LORA = { rank: 8, targets: ['q', 'v'] as LoraTarget[] };
export const DEFAULT_PREFIX_LENGTH = 128;
export const DEFAULT_TRAINABLE_LAYERS = 2;
/** Upper bounds where work or memory grows with the value: far past any real run. */
export const FINETUNE_LIMITS = { gpus: 1 << 20, loraRank: 1 << 16, prefixLength: 1 << 20 } as const;
/** Search ceilings: far beyond any real run, small enough to keep the search to ~25 evaluations. */
export const MAX_SOLVER_BATCH = 1 << 20;
export const MAX_SOLVER_SEQ = 1 << 22;

const METHODS: readonly FineTuneMethod[] = ['full', 'freeze', 'lora', 'qlora', 'p-tuning-v2'];
const PRECISIONS: readonly TrainingPrecision[] = ['fp32', 'mixed', 'bf16'];
const OPTIMIZERS: readonly OptimizerKind[] = ['adamw', 'adamw-8bit', 'sgd-momentum', 'sgd', 'adafactor'];
const OFFLOADS: readonly OffloadKind[] = ['none', 'optimizer', 'optimizer-and-params'];
const KERNELS: readonly AttentionKernel[] = ['eager', 'sdpa', 'flash'];
const LOSSES: readonly LossKind[] = ['upcast', 'chunked-fp32', 'chunked-16bit', 'fused'];

/** Every option checked, with the defaults of the framework profile filled in. */
export interface Resolved {
  method: FineTuneMethod;
  precision: TrainingPrecision;
  optimizer: OptimizerKind;
  batch: number;
  seq: number;
  checkpointing: boolean;
  framework: Framework;
  profile: FrameworkProfile;
  attention: AttentionKernel;
  loss: LossKind;
  lora: { rank: number; targets: readonly LoraTarget[] };
  prefixLength: number;
  prefixProjection: boolean;
  trainableLayers: number;
  gpus: number;
  stage: 0 | 1 | 2 | 3;
  shardFrozen: boolean;
  fp32Gradients: boolean;
  adapterFp32: boolean;
  offload: OffloadKind;
  tp: number;
  sp: boolean;
  actOffload: boolean;
  objective: TrainingObjective;
  reference: 'model' | 'precomputed' | 'none';
  generations: number;
  overhead: number;
  accumulation: number;
  compile: boolean;
  optimizerInBackward: boolean;
  bufferFactor: number;
  qloraBits: 4 | 8;
  freezeScope: 'linear' | 'layers';
  largestLayerParams: number | undefined;
  totalParams: number | undefined;
}

const check = validatorFor(FineTuneOptionError);

/**
 * A spec made by hand is checked before anything loops over its layers; a bad field is reported under `spec.<field>`
 * with the reason code of a malformed value, never by re-reading the model module's message.
 */
export function checkSpec(spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new FineTuneOptionError('spec', 'not-object', spec);
  try {
    assertModelSpec(spec);
  } catch (error) {
    if (error instanceof ModelSpecError) {
      const value = (spec as unknown as Record<string, unknown>)[error.field.split('.')[0]!];
      throw new FineTuneOptionError(`spec.${error.field}`, 'malformed', value, 'a model spec within SPEC_LIMITS');
    }
    throw error;
  }
}

export function resolveOptions(spec: ModelSpec, options: FineTuneOptions): Resolved {
  const o = check.object('options', options) as Partial<FineTuneOptions>;
  const method = check.oneOf('method', o.method, METHODS);
  const precision = check.oneOf('precision', o.precision, PRECISIONS);
  const optimizer = check.oneOf('optimizer', o.optimizer, OPTIMIZERS);
  const framework = check.oneOf('framework', o.framework, FRAMEWORKS, 'hf');
  const profile = FRAMEWORK_PROFILES[framework];
  const batch = check.integer('batchSize', o.batchSize, { max: MAX_SOLVER_BATCH });
  const seq = check.integer('seqLen', o.seqLen, { max: MAX_SOLVER_SEQ });
  const checkpointing = check.flag('gradientCheckpointing', o.gradientCheckpointing);
  const flash = o.flashAttention === undefined ? undefined : check.flag('flashAttention', o.flashAttention);
  const attention = check.oneOf('attention', o.attention, KERNELS, flash === undefined ? profile.attention : flash ? 'flash' : 'eager');
  const fused = o.fusedCrossEntropy === undefined ? undefined : check.flag('fusedCrossEntropy', o.fusedCrossEntropy);
  const aliasLoss: LossKind = fused === undefined ? profile.loss : fused ? 'fused' : profile.loss === 'fused' ? 'upcast' : profile.loss;
  const loss = check.oneOf('loss', o.loss, LOSSES, aliasLoss);
  const gpus = check.optionalInteger('gpus', o.gpus, 1, { max: FINETUNE_LIMITS.gpus });
  const stage = check.oneOf<0 | 1 | 2 | 3>('zeroStage', o.zeroStage, [0, 1, 2, 3], 0);
  const offload = check.oneOf('offload', o.offload, OFFLOADS, 'none');
  check.requires('offload', offload === 'none' || stage > 0, offload, 'ZeRO stage 1, 2 or 3');
  check.requires('offload', offload !== 'optimizer-and-params' || stage === 3, offload, 'ZeRO stage 3');
  const tp = check.optionalInteger('tensorParallel', o.tensorParallel, 1, { max: FINETUNE_LIMITS.gpus });
  check.divides('tensorParallel', tp, spec.numHeads, 'attention heads');
  const sp = check.flag('sequenceParallel', o.sequenceParallel, false);
  check.requires('sequenceParallel', !sp || tp > 1, sp, 'a tensor-parallel degree above 1');
  const objective = check.oneOf('objective', o.objective, TRAINING_OBJECTIVES, 'sft');
  const pref = o.preference === undefined ? {} : (check.object('preference', o.preference) as PreferenceOptions);
  const reference = check.oneOf('preference.reference', pref.reference, REFERENCE_SOURCES, 'model');
  check.requires('preference.reference', reference !== 'precomputed' || objective === 'dpo', reference, 'objective dpo (precompute_ref_log_probs)');
  check.requires('preference.reference', reference !== 'none' || objective === 'grpo', reference, 'objective grpo (beta = 0)');
  const generations = check.optionalInteger('preference.numGenerations', pref.numGenerations, DEFAULT_NUM_GENERATIONS);
  if (objective === 'grpo' && generations < 2) throw new FineTuneOptionError('preference.numGenerations', 'below-min', generations, 2);
  const bufferFactor = check.optionalNumber('cpuBufferFactor', o.cpuBufferFactor, 1.5, { min: 1 });
  const loraIn = o.lora === undefined ? DEFAULT_LORA : (check.object('lora', o.lora) as { rank: unknown; targets: unknown });
  const isPeft = method === 'lora' || method === 'qlora';
  const rank = check.integer('lora.rank', loraIn.rank, { max: FINETUNE_LIMITS.loraRank });
  let targets: readonly LoraTarget[] = DEFAULT_LORA.targets;
  if (isPeft) {
    if (!Array.isArray(loraIn.targets) || loraIn.targets.length === 0) throw new FineTuneOptionError('lora.targets', 'missing', loraIn.targets);
    for (const t of loraIn.targets) check.oneOf('lora.targets', t, LORA_TARGETS);
    targets = loraIn.targets as LoraTarget[];
  }
  const trainableLayers = check.optionalInteger('trainableLayers', o.trainableLayers, DEFAULT_TRAINABLE_LAYERS);
  if (method === 'freeze' && trainableLayers > spec.numLayers) {
    throw new FineTuneOptionError('trainableLayers', 'above-max', trainableLayers, spec.numLayers, `the model has ${spec.numLayers} layers`);
  }
  const adapter = check.oneOf('adapterPrecision', o.adapterPrecision, ['bf16', 'fp32'] as const, profile.adapterFp32 ? 'fp32' : 'bf16');
  const largest = o.largestLayerParams === undefined ? undefined : check.integer('largestLayerParams', o.largestLayerParams);
  const totalParams = o.totalParams === undefined ? undefined : check.number('totalParams', o.totalParams, { min: Number.MIN_VALUE });
  return Object.freeze({
    method,
    precision,
    optimizer,
    batch,
    seq,
    checkpointing,
    framework,
    profile,
    attention,
    loss,
    lora: { rank, targets },
    prefixLength: check.optionalInteger('prefixLength', o.prefixLength, DEFAULT_PREFIX_LENGTH, { max: FINETUNE_LIMITS.prefixLength }),
    prefixProjection: check.flag('prefixProjection', o.prefixProjection, false),
    trainableLayers,
    gpus,
    stage,
    shardFrozen: check.flag('shardFrozenWeights', o.shardFrozenWeights, true),
    fp32Gradients: check.flag('fp32Gradients', o.fp32Gradients, false),
    adapterFp32: adapter === 'fp32',
    offload,
    tp,
    sp,
    actOffload: check.flag('activationOffload', o.activationOffload, profile.checkpointOffload && checkpointing),
    objective,
    reference,
    generations,
    overhead: check.optionalNumber('frameworkOverheadBytes', o.frameworkOverheadBytes, profile.cudaContextBytes, { min: 0 }),
    accumulation: check.optionalInteger('gradientAccumulationSteps', o.gradientAccumulationSteps, 1, { max: 1 << 20 }),
    compile: check.flag('compile', o.compile, false),
    optimizerInBackward: check.flag('optimizerInBackward', o.optimizerInBackward, false),
    bufferFactor,
    qloraBits: check.oneOf<4 | 8>('qloraBits', o.qloraBits, [4, 8], 4),
    freezeScope: check.oneOf('freezeScope', o.freezeScope, ['linear', 'layers'] as const, 'linear'),
    largestLayerParams: largest,
    totalParams,
  });
}
