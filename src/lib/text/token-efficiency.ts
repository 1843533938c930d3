/**
 * How economical each vocabulary is for Chinese and for English: characters per token of the same paragraph in both
 * languages, under every vocabulary the site ships. Computed at build time for the tables on the pages.
 */
import { loadVocabulary, VOCABULARY_NAMES } from './bpe-vocabularies';
import { loadOpenVocabulary, OPEN_VOCABULARY_NAMES } from './open-vocabularies';
import { tokenStats, type BpeEncoder } from './token-pieces';

/**
 * The comparison paragraph: the opening of the "Tokenizer and vocabulary" section of the Chinese-LLM page
 * (src/content/docs/chinese-llm.mdx and en/chinese-llm.mdx), without markup; the English is the site's own translation.
 */
export const EFFICIENCY_PARAGRAPHS = {
  zh: '中文训练遇到的第一个问题往往不在模型，而在词表。LLaMA 的 32K SentencePiece 词表以英文为主，很多汉字只能靠字节回退拆成多个词元，于是同样的内容占用更多上下文、训练和推理也更慢。',
  en: "The first problem in Chinese training is often the vocabulary, not the model. LLaMA's 32K SentencePiece vocabulary is English-centred, and many Chinese characters can only be encoded through byte fallback as several tokens. The same content then fills more context and trains and runs more slowly.",
} as const;

export interface EfficiencyRow {
  vocabulary: string;
  vocabularySize: number;
  zh: { tokens: number; charactersPerToken: number };
  en: { tokens: number; charactersPerToken: number };
  /** Tokens the Chinese paragraph costs per token of the English one (the same content). */
  zhPerEn: number;
}

/** One vocabulary's row. */
export function efficiencyRow(encoder: BpeEncoder, paragraphs: { zh: string; en: string } = EFFICIENCY_PARAGRAPHS): EfficiencyRow {
  const zh = tokenStats(paragraphs.zh, encoder.encode(paragraphs.zh).length);
  const en = tokenStats(paragraphs.en, encoder.encode(paragraphs.en).length);
  return {
    vocabulary: encoder.name,
    vocabularySize: encoder.vocabularySize,
    zh: { tokens: zh.tokens, charactersPerToken: zh.charactersPerToken },
    en: { tokens: en.tokens, charactersPerToken: en.charactersPerToken },
    zhPerEn: en.tokens === 0 ? 0 : zh.tokens / en.tokens,
  };
}

let rows: Promise<EfficiencyRow[]> | undefined;

/** Every vocabulary's row, OpenAI's first; loaded and computed once per process. */
export function efficiencyTable(): Promise<EfficiencyRow[]> {
  rows ??= Promise.all([...VOCABULARY_NAMES.map((n) => loadVocabulary(n)), ...OPEN_VOCABULARY_NAMES.map((n) => loadOpenVocabulary(n))]).then((encoders) =>
    encoders.map((e) => efficiencyRow(e)),
  );
  return rows;
}
