import { VOCABULARY_NAMES, type VocabularyName } from '~/lib/text/bpe-vocabularies';
import type { StateSchema } from '~/lib/input/url-state';

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
  results: Record<VocabularyName, { vocabularySize: number; pieces: ShownPiece[]; count: number }>;
}

/** One vocabulary, or all of them side by side. */
export type VocabChoice = 'all' | VocabularyName;

/** URL prefix of the playground's state (`?tok.vocab=cl100k_base`). */
export const URL_PREFIX = 'tok.';

export const schema = {
  text: { kind: 'text', maxLength: 2000 },
  vocab: { kind: 'enum', values: ['all', ...VOCABULARY_NAMES] },
  d: { kind: 'number', min: 1, max: 65_536, integer: true },
} as const satisfies StateSchema;
