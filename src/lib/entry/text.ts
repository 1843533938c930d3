/**
 * `llm-notes/text`: Text: tokenizers and vocabularies (the large ones loaded on demand), chat templates, sampling, token efficiency, word segmentation.
 * Every refusal is an `OptionError` (field, reason code, received value, limit).
 */
export { OptionError, isOptionError, describeValue, type OptionReason } from '../errors';
export * from '../text/bpe-vocabularies';
export * from '../text/chat-templates';
export * from '../text/open-vocabularies';
export * from '../text/open-vocabulary-list';
export * from '../text/sampling';
export * from '../text/token-efficiency';
export * from '../text/token-pieces';
export * from '../text/tokenize';
export * from '../text/word-segmenter';
