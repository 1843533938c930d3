/** The chatglm3 tokenizer files, in one module so choosing the vocabulary fetches one chunk (see open-vocabularies.ts). */
export { default as tokenizerJSON } from '@lenml/tokenizer-chatglm3/models/tokenizer.json';
export { default as tokenizerConfig } from '@lenml/tokenizer-chatglm3/models/tokenizer_config.json';
