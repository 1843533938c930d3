/**
 * The three byte-level BPE vocabularies that ship inside the `gpt-tokenizer` npm package, loaded on
 * demand: each is its own chunk (0.5–2.4 MB of source), fetched from the site itself, never a model hub.
 */
import type { BpeEncoder } from './token-pieces';

export const VOCABULARY_NAMES = ['r50k_base', 'cl100k_base', 'o200k_base'] as const;
export type VocabularyName = (typeof VOCABULARY_NAMES)[number];

/** Which models use each vocabulary (OpenAI's tiktoken encodings). */
export const VOCABULARY_MODELS: Record<VocabularyName, string> = {
  r50k_base: 'GPT-2, GPT-3',
  cl100k_base: 'GPT-3.5, GPT-4',
  o200k_base: 'GPT-4o, GPT-4.1, o-series',
};

export interface GptTokenizerModule {
  default: {
    vocabularySize: number;
    encode(text: string, options?: { disallowedSpecial?: Set<string> }): number[];
    bytePairEncodingCoreProcessor: { decodeNativeGenerator(ids: Iterable<number>): Generator<Uint8Array | string> };
  };
}

const importers: Record<VocabularyName, () => Promise<GptTokenizerModule>> = {
  r50k_base: () => import('gpt-tokenizer/encoding/r50k_base') as unknown as Promise<GptTokenizerModule>,
  cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base') as unknown as Promise<GptTokenizerModule>,
  o200k_base: () => import('gpt-tokenizer/encoding/o200k_base') as unknown as Promise<GptTokenizerModule>,
};

const loaded = new Map<VocabularyName, Promise<BpeEncoder>>();
const utf8 = new TextEncoder();

/**
 * An encoder over a `gpt-tokenizer` encoding module already imported. Build-time code imports the module statically
 * and calls this, rather than awaiting `loadVocabulary` at a module's top level: a top-level await on a dynamic
 * import can deadlock Rollup's server chunks (the build then stops mid-page with exit code 0).
 */
export function encoderFrom(name: VocabularyName, api: GptTokenizerModule['default']): BpeEncoder {
  return {
    name,
    vocabularySize: api.vocabularySize,
    // Special-token text such as "<|endoftext|>" is encoded as ordinary text, as a reader's input should be.
    encode: (text: string) => api.encode(text, { disallowedSpecial: new Set() }),
    tokenBytes(id: number) {
      const parts = [...api.bytePairEncodingCoreProcessor.decodeNativeGenerator([id])];
      const chunks = parts.map((p) => (typeof p === 'string' ? utf8.encode(p) : p));
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      return bytes;
    },
  };
}

/** Loads a vocabulary once; later calls return the same encoder. */
export function loadVocabulary(name: VocabularyName): Promise<BpeEncoder> {
  let encoder = loaded.get(name);
  if (!encoder) {
    encoder = importers[name]().then(({ default: api }) => encoderFrom(name, api));
    loaded.set(name, encoder);
  }
  return encoder;
}
