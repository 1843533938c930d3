import { VOCABULARY_NAMES } from '~/lib/text/bpe-vocabularies';
import { OPEN_VOCABULARY_NAMES } from '~/lib/text/open-vocabulary-list';
import type { ChatTemplateParts } from '~/lib/text/chat-templates';
import type { StateSchema } from '~/lib/input/url-state';

/** Every vocabulary the playground offers: OpenAI's three, then the open models'. */
export const TOKEN_VOCABULARIES = [...VOCABULARY_NAMES, ...OPEN_VOCABULARY_NAMES] as const;
export type TokenVocabulary = (typeof TOKEN_VOCABULARIES)[number];

/** A token as the island draws it; bytes as hex so the props serialize to JSON. */
export interface ShownPiece {
  id: number;
  display: string;
  whole: boolean;
  bytes: string;
}

/** The default result, computed at build time so the page shows tokens without JavaScript. */
export interface PlaygroundDefaults {
  text: string;
  /** GPT-2 small's hidden size, the model that uses r50k_base. */
  hiddenSize: number;
  results: Record<(typeof VOCABULARY_NAMES)[number], { vocabularySize: number; pieces: ShownPiece[]; count: number }>;
  /** Compressed bytes each vocabulary's data costs to download (gzip of the files bundled), measured at build. */
  downloadBytes: Record<TokenVocabulary, number>;
  /** Each open model's chat template around the user's message, rendered at build time. */
  templates: Partial<Record<TokenVocabulary, ChatTemplateParts>>;
}

/** One vocabulary, or OpenAI's three side by side. */
export type VocabChoice = 'all' | TokenVocabulary;

/** URL prefix of the playground's state (`?tok.vocab=cl100k_base`). */
export const URL_PREFIX = 'tok.';

/**
 * Longest text a link carries, in UTF-16 units: a longer text goes into the link cut here (and the field says so),
 * and reading a link cuts there too (and the page says so). The tokenizer itself reads at most MAX_TOKEN_TEXT.
 * 50,000 random CJK characters compress to about 120 KB of base64url, far within browsers' URL limits (2 MB in
 * Chromium); the fragment carrying it is never sent to the server.
 */
export const LINK_TEXT_LIMIT = 50_000;

/** Fragment key of the compressed text (`#playground&tok.z=…`). */
export const TEXT_FRAGMENT_KEY = 'tok.z';

/** A text whose percent-encoding is at most this long stays readable in the query (`?tok.text=hello`). */
export const PLAIN_TEXT_URL_CHARS = 600;

/** Whether a text goes into the query as it is, rather than compressed into the fragment. */
export const plainInLink = (text: string): boolean => text.length <= PLAIN_TEXT_URL_CHARS && encodeURIComponent(text).length <= PLAIN_TEXT_URL_CHARS;

export const schema = {
  /** Plain text in the query: short texts, and links made before texts were compressed. */
  text: { kind: 'text', maxLength: LINK_TEXT_LIMIT },
  vocab: { kind: 'enum', values: ['all', ...TOKEN_VOCABULARIES] },
  /** A second vocabulary shown beside the first. */
  vs: { kind: 'enum', values: ['none', ...TOKEN_VOCABULARIES] },
  chat: { kind: 'enum', values: ['off', 'on'] },
  d: { kind: 'number', min: 1, max: 65_536, integer: true },
} as const satisfies StateSchema;
