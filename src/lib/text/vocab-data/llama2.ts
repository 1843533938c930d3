/**
 * Llama 2's tokenizer, in one module so choosing the vocabulary fetches one chunk (see open-vocabularies.ts). The
 * package builds its 32,000-piece vocabulary and merge table when this module is first imported.
 */
export { default as tokenizer } from 'llama-tokenizer-js';
