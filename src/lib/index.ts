/**
 * The public API of the calculators' core. Everything here is pure: no DOM, no Preact, no Astro.
 * Names and shapes marked as public API in the issues are a contract with code outside this repository.
 */
export { parseNumberField, checkNumber } from './number-field';
export type { NumberFieldRule, NumberFieldError, NumberFieldResult } from './number-field';
export { embeddingParams } from './embedding';
export { formatNumber } from './format-number';
export { readUrlState, writeUrlState } from './url-state';
export type { FieldSpec, StateSchema, StateValues, UrlNotice, UrlNoticeReason } from './url-state';
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
  NF4_DOUBLE_QUANT_BITS,
  LORA_TARGETS,
} from './finetune-memory';
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
} from './finetune-memory';
// kv-cache: model core (config.json → ModelSpec, parameter counts) and KV-cache sizes
export { parseHfConfig, compactHfConfig, CONFIG_KEYS } from './hf-config';
export { ConfigError } from './config-error';
export type { ConfigErrorReason } from './config-error';
export { countParams, countActiveParams, weightsBytes } from './param-count';
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
  MAX_SOLVED_SEQ_LEN,
} from './kv-cache';
export type { KvCacheOptions, KvCacheSize, MaxContext } from './kv-cache';
export { DTYPES, DTYPE_BYTES, bytesPerElement, GiB, GB } from './dtype';
export type { Dtype } from './dtype';
export { parsePublishedCount, matchesPublishedCount } from './published-count';
export type { AttentionKind, ModelSpec, MlaSpec, MoeSpec, SlidingWindowSpec } from './model-spec';
export { formatBytes, bytesIn, bytesUnitPower, byteUnitName } from './format-bytes';
export type { ByteUnits } from './format-bytes';
// Token playground (issue 8): BPE tokens and ids with honest byte display; vocabularies load lazily.
export { tokenPieces, tokenStats, displayTokenBytes, cleanTokenText, MAX_TOKEN_TEXT } from './token-pieces';
export type { BpeEncoder, TokenPiece, TokenStats, TokenTextProblem } from './token-pieces';
export { loadVocabulary, VOCABULARY_NAMES, VOCABULARY_MODELS } from './bpe-vocabularies';
export type { VocabularyName } from './bpe-vocabularies';

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
} from './sparse-vector';
export type { SparseVector, SparseFormatReason } from './sparse-vector';
export { javaDoubleToString } from './java-double';
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
} from './sparse-formats';
export type { VectorFormat } from './sparse-formats';
export {
  denseBytes,
  sparseBytes,
  breakEvenDensity,
  sparkDenseBytes,
  sparkSparseBytes,
  sparkCompressedChoice,
  compareStorage,
} from './sparse-storage';
export type { StorageComparison } from './sparse-storage';
export { sparseDot, sparseNorm, sparseCosine, sharedIndices } from './sparse-similarity';
export { tokenize, countTerms, STOP_WORDS, MAX_TEXT_CHARS, TextTooLongError } from './tokenize';
export type { TokenizeOptions } from './tokenize';
export { murmur3x86_32 } from './murmur3';
export { hashingTF, sparkHashIndex, nonNegativeMod, SPARK_HASHING_SEED, SPARK_DEFAULT_NUM_FEATURES } from './hashing-tf';
export {
  sparkIdf,
  sklearnSmoothIdf,
  bm25Idf,
  bm25Tf,
  tfidfWeights,
  bm25Weights,
  sparkIdfFit,
  sparkIdfTransform,
  DEFAULT_BM25,
} from './text-weights';
export type { TfIdfVariant, Bm25IdfVariant, Bm25Params } from './text-weights';
export { splitSections, buildCorpusIndex, loadCorpus, rankSections, CorpusFormatError } from './corpus-index';
export type { SectionText, CorpusIndexData, Corpus, RankModel, RankOptions, SectionMatch } from './corpus-index';
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
  maskToPython,
  maskCoverage,
  MaskOptionError,
  MAX_MASK_LENGTH,
} from './attention-mask';
export type { MaskKind, MaskOptions, AttentionMask, DecodingStep, MaskCoverage } from './attention-mask';
export { buildMask, maskSpecToPython, encoderDecoderJointMask, specLength } from './mask-spec';
export type { MaskSpec, MaskSpecKind } from './mask-spec';
export { attentionRank, singularValues, numericalRank, effectiveRank, seededRandom, maskedSoftmaxScores, MAX_RANK_LENGTH } from './mask-rank';
export type { MaskRankOptions, MaskRankResult } from './mask-rank';
