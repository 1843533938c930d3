import type { VocabularyName } from '~/lib/text/bpe-vocabularies';

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
