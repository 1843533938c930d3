/**
 * Parameters of a token-embedding matrix: one row of `hiddenSize` numbers per vocabulary entry.
 * An untied output projection (LM head) has the same shape again.
 *
 * @example
 * embeddingParams(32000, 4096) // => 131072000 (Llama-2-7B's input embeddings)
 */
import { OptionError } from '../errors';
export function embeddingParams(vocabSize: number, hiddenSize: number): number {
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new OptionError('vocabSize', 'not-positive-integer', vocabSize);
  if (!Number.isInteger(hiddenSize) || hiddenSize < 1) throw new OptionError('hiddenSize', 'not-positive-integer', hiddenSize);
  return vocabSize * hiddenSize;
}
