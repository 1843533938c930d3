/**
 * The public API of the calculators' core. Everything here is pure: no DOM, no Preact, no Astro.
 * Names and shapes marked as public API in the issues are a contract with code outside this repository.
 */
export { OptionError, isOptionError, describeValue } from './errors';
export type { OptionReason } from './errors';
export { validatorFor, check } from './validate';
export type { Validator, Range, OptionErrorClass } from './validate';
export { parseNumberField, checkNumber } from './input/number-field';
export type { NumberFieldRule, NumberFieldError, NumberFieldResult } from './input/number-field';
export { embeddingParams } from './model/embedding';
export { formatNumber } from './format/format-number';
// URL state is the calculators' (issue 34: moved to components/calculators/shared/url-state.ts); re-exported so the
// public names stay. The library entry points (package.json `exports`) do not include it.
export { readUrlState, writeUrlState } from '../components/calculators/shared/url-state';
export type { FieldSpec, StateSchema, StateValues, UrlNotice, UrlNoticeReason } from '../components/calculators/shared/url-state';
// Fine-tune memory (issue 4): model states, ZeRO, LoRA/QLoRA/P-tuning v2/freeze, activations, reverse solver.
export {
  fineTuneMemory,
  largestFit,
  fineTuneMemoryWithParams,
  largestFitWithParams,
  layerActivationBytes,
  layerLinearShapes,
  linearLayerParams,
  loraParams,
  prefixTuningParams,
  zeroShard,
  FineTuneOptionError,
  FINETUNE_LIMITS,
  NF4_DOUBLE_QUANT_BITS,
  LORA_TARGETS,
  largestLayerParams,
  int8MatrixBytes,
} from './memory/finetune-memory';
// Issue 15: DeepSpeed's own estimators, and preference training (DPO, PPO, GRPO) as TRL runs it.
export { deepspeedZero3Estimate, deepspeedZero2Estimate, DeepSpeedEstimateError, DEEPSPEED_BUFFER_FACTOR } from './memory/deepspeed';
export type { DeepSpeedEstimate, DeepSpeedZero3Args, DeepSpeedZero2Args } from './memory/deepspeed';
export { TRAINING_OBJECTIVES, REFERENCE_SOURCES, DEFAULT_NUM_GENERATIONS, sequencesPerStep, generatesRollouts } from './training/preference';
export type { TrainingObjective, ReferenceSource, PreferenceOptions } from './training/preference';
export type {
  FineTuneMethod,
  TrainingPrecision,
  OptimizerKind,
  LoraTarget,
  OffloadKind,
  FineTuneOptions,
  FineTuneBytes,
  FineTuneMemory,
  ActivationBreakdown,
  LargestFit,
  LinearShape,
} from './memory/finetune-memory';
// kv-cache: model core (config.json → ModelSpec, parameter counts) and KV-cache sizes
export { parseHfConfig, compactHfConfig, CONFIG_KEYS } from './model/hf-config';
export { ConfigError, UNSUPPORTED_FEATURES } from './model/config-error';
export type { ConfigErrorReason, UnsupportedFeature } from './model/config-error';
export { countParams, countActiveParams, inputEmbeddingParams } from './model/param-count';
export type { ActiveParamsOptions } from './model/param-count';
// Hybrid models (issue 29): the recurrent layers' weights and the fixed state a sequence keeps in them.
export { recurrentLayerParams, recurrentStateElements, recurrentLinearShapes, recurrentLayerCount } from './model/recurrent';
export type { RecurrentStateElements } from './model/recurrent';
export {
  kvCacheBytes,
  kvElementsPerLayer,
  kvLayerCounts,
  cachedTokens,
  pagedTokens,
  withAttention,
  divisorKvHeads,
  maxContextLength,
  maxConcurrentSequences,
  freeKvBytes,
  recurrentStateBytes,
  MAX_SOLVED_SEQ_LEN,
  MAX_KV_BATCH,
  MAX_BLOCK_SIZE,
  KvCacheOptionError,
} from './memory/kv-cache';
export type { KvCacheOptions, KvCacheSize, MaxContext } from './memory/kv-cache';
// Serving planner (issue 14): per-rank KV under tensor parallelism, real weight formats, vLLM's reserve, roofline speed.
export {
  kvHeadsPerRank,
  checkTensorParallel,
  rankKvShare,
  layersPerStage,
  kvBytesPerLayerPerRank,
  kvBytesPerTokenPerGpu,
  stageKvLayers,
  ParallelismError,
} from './memory/tensor-parallel';
export { kvTokenCapacity, kvCacheGroups } from './memory/kv-capacity';
export type { KvCapacityOptions, KvCapacity } from './memory/kv-capacity';
// Weight storage formats are a property of the model (model/weight-formats.ts); memory/ places them on GPUs.
export {
  WEIGHT_FORMATS,
  GGML_TYPES,
  INT4_GROUP_SIZE,
  gptqAwqBitsPerWeight,
  isWeightFormat,
  ggmlBitsPerWeight,
  ggufTensorType,
  wantsMoreBits,
  weightTensors,
  weightFormatBytes,
  weightsBytes,
} from './model/weight-formats';
export type { WeightFormat, GgmlType, TensorRole, TensorSplit, WeightTensor, FormatBytes } from './model/weight-formats';
export { weightsPerGpu } from './memory/weight-formats';
export type { WeightsPerGpu } from './memory/weight-formats';
export {
  servingMemory,
  servingMemoryOn,
  activationPeakBytes,
  ServingOptionError,
  DEFAULT_NON_TORCH_BYTES,
  DEFAULT_CUDA_GRAPH_BYTES,
  DEFAULT_GPU_MEMORY_UTILIZATION,
  DEFAULT_MAX_NUM_BATCHED_TOKENS,
  DEFAULT_MAX_NUM_SEQS,
  DEFAULT_CUDA_CONTEXT_BYTES,
  DEFAULT_NCCL_BYTES,
  SAMPLER_BYTES_PER_LOGIT,
  PROFILE_SAMPLERS,
  vllmBatchDefaults,
} from './memory/serving';
// Issue 28: the verdict's inputs (vLLM's derived max_model_len, rope_scaling-aware).
export { vllmContextLimit, CONTEXT_KEYS } from './memory/context-window';
export type { ContextLimit } from './memory/context-window';
export type { GpuSpec, ServingOptions, ServingMemory, ServingMemoryPerGpu, ServingVerdict, ProfileSampler } from './memory/serving';
export { gpuById, gpuFromFile, GPU_IDS } from './hardware/gpus';
export type { DatasheetGpu, GpuFile } from './hardware/gpus';
export { parseVllmLog, MAX_LOG_CHARS } from './memory/vllm-log';
export type { VllmLogFigures, VllmLogSetup } from './memory/vllm-log';
export {
  inferenceSpeed,
  inferenceSpeedOn,
  ridgeBatch,
  touchedExpertShare,
  activeShare,
  ROOFLINE_EFFICIENCY,
  EXPECTED_EFFICIENCY,
  EXPECTED_EFFICIENCY_UNIFIED_MEMORY,
  expectedEfficiencyFor,
  LINK_TIERS,
  LINK_TIER_IDS,
  linkTierOf,
  allReduceSeconds,
  costPerMillionTokens,
} from './memory/inference-speed';
export type { Efficiency, SpeedOptions, Bound, StepCost, InferenceSpeed, LinkTier, Speculation } from './memory/inference-speed';
export { DTYPES, DTYPE_BYTES, bytesPerElement, isDtype, DtypeError, GiB, GB } from './model/dtype';
export { assertModelSpec, isMoeLayer, isRecurrentLayer, isAttentionLayer, hasMlp, ModelSpecError, SPEC_LIMITS } from './model/model-spec';
export { largestFitting } from './largest-fitting';
export type { Dtype } from './model/dtype';
// Position encodings (issue 17): RoPE frequencies and every rope_scaling type transformers loads
export {
  readRopeConfig,
  parseRopeScaling,
  ropeLayerTypes,
  ropeInverseFrequencies,
  ropeScaledInverseFrequencies,
  ropeWavelengths,
  ropeWindows,
} from './model/rope';
export type { RopeConfig, RopeScaling, RopeScalingType, ScaledRope, RopeWindows } from './model/rope';
// Mixture of experts (issue 17): experts a batch touches, size of one expert
export { expectedExpertsTouched, expertParams, moeLayerCount } from './model/moe';
// Quantized weight formats (issue 17): bits per weight including scales
export {
  groupQuantBitsPerWeight,
  nf4DoubleQuantBitsPerWeight,
  ggufBitsPerWeight,
  GGUF_BLOCKS,
  MXFP4_BLOCK,
  NVFP4_BLOCK,
  QuantFormatError,
  absmaxQuantize,
  zeroPointQuantize,
} from './model/quant-formats';
export type { GgufBlock, GgufType, QuantizedGroup } from './model/quant-formats';
export { parsePublishedCount, matchesPublishedCount, publishedCountCheck } from './model/published-count';
export type { PublishedCountCheck } from './model/published-count';
// NF4 (QLoRA's 4-bit NormalFloat) for one block, for the worked example on the fine-tuning page.
export { NF4_LEVELS, NF4_BLOCK_SIZE, nf4Code, nf4QuantizeBlock, Nf4InputError } from './model/nf4';
export type { Nf4Block } from './model/nf4';
export type { AttentionKind, ModelSpec, MlaSpec, MoeSpec, SlidingWindowSpec, RecurrentSpec, VisionTowerSpec } from './model/model-spec';
export { formatBytes, bytesIn, bytesUnitPower, byteUnitName } from './format/format-bytes';
export type { ByteUnits } from './format/format-bytes';
// Token playground (issue 8): BPE tokens and ids with honest byte display; vocabularies load lazily.
export { tokenPieces, tokenStats, displayTokenBytes, cleanTokenText, MAX_TOKEN_TEXT } from './text/token-pieces';
export type { BpeEncoder, TokenPiece, TokenStats, TokenTextProblem } from './text/token-pieces';
export { loadVocabulary, VOCABULARY_NAMES, VOCABULARY_MODELS } from './text/bpe-vocabularies';
export type { VocabularyName } from './text/bpe-vocabularies';

// Sparse vectors (issue 6): formats, storage, similarity, text encoding, corpus search.
export {
  toSparse,
  toDense,
  numNonzeros,
  formatSparse,
  formatDense,
  parseSparse,
  validateSparse,
  SparseFormatError,
  MAX_SPARSE_SIZE,
  MAX_DENSE_LENGTH,
  MAX_NNZ,
} from './sparse/sparse-vector';
export type { SparseVector, SparseFormatReason } from './sparse/sparse-vector';
export { javaDoubleToString } from './sparse/java-double';
export {
  formatLibsvm,
  formatJson,
  formatDict,
  formatPyspark,
  parseLibsvm,
  parseJsonVector,
  parseDict,
  parseDense,
  parseAnyVector,
  detectFormat,
  allFormats,
  MAX_VECTOR_TEXT_CHARS,
} from './sparse/sparse-formats';
export type { VectorFormat } from './sparse/sparse-formats';
export { denseBytes, sparseBytes, breakEvenDensity, sparkDenseBytes, sparkSparseBytes, sparkCompressedChoice, compareStorage } from './sparse/sparse-storage';
export type { StorageComparison } from './sparse/sparse-storage';
export { sparseDot, sparseNorm, sparseCosine, sharedIndices } from './sparse/sparse-similarity';
export { tokenize, countTerms, STOP_WORDS, MAX_TEXT_CHARS, TextTooLongError } from './text/tokenize';
export type { TokenizeOptions } from './text/tokenize';
export { murmur3x86_32 } from './sparse/murmur3';
export { hashingTF, sparkHashIndex, nonNegativeMod, SPARK_HASHING_SEED, SPARK_DEFAULT_NUM_FEATURES } from './sparse/hashing-tf';
export {
  sparkIdf,
  sklearnSmoothIdf,
  bm25Idf,
  bm25Tf,
  tfidfWeights,
  bm25Weights,
  sparkIdfFit,
  sparkIdfTransform,
  MAX_IDF_SIZE,
  MAX_IDF_DOCS,
  DEFAULT_BM25,
} from './sparse/text-weights';
export type { TfIdfVariant, Bm25IdfVariant, Bm25Params } from './sparse/text-weights';
export { splitSections, buildCorpusIndex, loadCorpus, rankSections, CorpusFormatError } from './sparse/corpus-index';
export type { SectionText, CorpusIndexData, Corpus, RankModel, RankOptions, SectionMatch } from './sparse/corpus-index';
// Attention masks (issue 5): mask kinds, loss targets, decoding steps, exports, and the rank panel.
export {
  attentionMask,
  maskAllows,
  visiblePairs,
  visibleRanges,
  lossTargets,
  decodingSteps,
  encoderDecoderMasks,
  glmMask,
  packedDocumentsMask,
  chunkedMask,
  withLeftPadding,
  slidingWindowReach,
  receptiveFieldStart,
  maskCoverage,
  MaskOptionError,
  MAX_MASK_LENGTH,
  MAX_MASK_LAYERS,
} from './masks/attention-mask';
export type { MaskKind, MaskOptions, AttentionMask, DecodingStep, MaskCoverage } from './masks/attention-mask';
export { buildMask, encoderDecoderJointMask, specLength } from './masks/mask-spec';
export { maskToPython, maskSpecToPython } from './masks/mask-python';
export type { MaskSpec, MaskSpecKind } from './masks/mask-spec';
export { attentionRank, singularValues, numericalRank, effectiveRank, seededRandom, maskedSoftmaxScores, MAX_RANK_LENGTH } from './masks/mask-rank';
export type { MaskRankOptions, MaskRankResult } from './masks/mask-rank';
// Serving page (issue 17): the roofline in its smallest form, for the worked example.
export {
  ridgeIntensity,
  attainableFlopsPerS,
  rooflineTime,
  forwardWork,
  speculativeTokensPerCall,
  speculativeSpeedup,
  RooflineInputError,
} from './memory/roofline-basics';
export type { RooflineMachine, RooflineBound, RooflineTime, ForwardWork } from './memory/roofline-basics';
export {
  softmax,
  greedyToken,
  topKFilter,
  topPFilter,
  minPFilter,
  applyPenalties,
  samplingStages,
  nextTokenDistribution,
  entropyBits,
  keptTokens,
  SamplingOptionError,
  MAX_VOCABULARY,
  PENALTY_RANGE,
  GREEDY_TEMPERATURE,
} from './text/sampling';
export type { SamplingOptions, SamplingStages } from './text/sampling';
// Issue 31 ("The Transformer, counted"): parameters and forward FLOPs per component, 6·N·D and where it breaks.
export {
  componentCounts,
  causalMeanKeys,
  mlpWeights,
  attentionProjectionWeights,
  trainingFlops,
  sixND,
  attentionParityContext,
  ComponentCountError,
  COMPONENTS,
} from './model/component-counts';
export type { Component, ComponentCount, ComponentCounts, ComponentCountOptions } from './model/component-counts';
// Issue 31: preference-training arithmetic for worked problems (Bradley–Terry, DPO's pair loss, GRPO's advantages).
export { sigmoid, bradleyTerryProbability, dpoLoss, grpoAdvantages, PreferenceLossError } from './training/preference-loss';
export type { DpoPair } from './training/preference-loss';
export { cosineLearningRate, ScheduleError } from './training/schedules';
// Training at scale (issue 30): memory, step time, MFU and cost per parallel layout, and the layout solver.
export {
  trainingPlan,
  findLayouts,
  prepareModel,
  evaluateLayout,
  layoutMemory,
  activationBytes,
  layoutComputeSeconds,
  stageLayerCounts,
  inFlightMicrobatches,
  resolveTrainingOptions,
  layerActivationBytesPerToken,
  TrainingPlanError,
  CHECKPOINTING,
  TRAINING_PRECISIONS,
  TRAINING_OPTIMIZERS,
  ZERO_STAGES,
  OPTIMIZER_BYTES,
  DEFAULT_COMPUTE_EFFICIENCY,
  DEFAULT_GPUS_PER_NODE,
  DEFAULT_SCALE_OUT_GBPS,
  DEFAULT_BUFFER_BYTES,
  collectiveLatency,
  ringAllReduceSeconds,
  ringAllGatherSeconds,
  allToAllSeconds,
  sendSeconds,
} from './training/parallel';
export type {
  TrainingOptions,
  TrainingPlan,
  TrainingMemory,
  TrainingComm,
  TrainingLayout,
  Checkpointing,
  TrainingPrecisionKind,
  TrainingOptimizer,
  ZeroStage,
  PreparedModel,
  ResolvedOptions,
  LayoutFigures,
  Link,
  FindLayoutsOptions,
  FoundLayout,
  FoundLayouts,
} from './training/parallel';
