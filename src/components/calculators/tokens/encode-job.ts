/**
 * One encoding the playground asks for: a text under one vocabulary (and, when the chat template is shown, the
 * prompt it makes). The same function runs in the Web Worker (encode.worker.ts) and, where Workers are unavailable,
 * on the page itself, so both paths give identical results.
 */
import { loadVocabulary } from '~/lib/text/bpe-vocabularies';
import { isOpenVocabulary, loadOpenVocabulary } from '~/lib/text/open-vocabularies';
import type { ChatTemplateParts } from '~/lib/text/chat-templates';
import type { ShownPiece, TokenVocabulary } from './state';
import { shownPieces } from './view';

export interface EncodeRequest {
  vocab: TokenVocabulary;
  text: string;
  /** The chat template around the text, when the reader shows it. */
  chat?: ChatTemplateParts;
}

export interface EncodeResult {
  vocab: TokenVocabulary;
  text: string;
  vocabularySize: number;
  pieces: ShownPiece[];
  count: number;
  /** Tokens of the whole chat prompt (template + text), when a template was given. */
  chatTotal?: number;
}

/** Loads the vocabulary (once per thread) and encodes. */
export async function runEncode({ vocab, text, chat }: EncodeRequest): Promise<EncodeResult> {
  const encoder = isOpenVocabulary(vocab) ? await loadOpenVocabulary(vocab) : await loadVocabulary(vocab);
  const shown = shownPieces(encoder, text);
  const chatTotal = chat ? encoder.encode(chat.before + text + chat.after).length : undefined;
  return { vocab, text, vocabularySize: encoder.vocabularySize, chatTotal, ...shown };
}
