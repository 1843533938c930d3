import { test, expect } from 'vitest';
import fc from 'fast-check';
import { bytesPerToken, kvCacheLink, shownVocabularies } from '~/components/calculators/tokens/view';
import { TOKEN_VOCABULARIES } from '~/components/calculators/tokens/state';

test('"all" shows OpenAI’s three; a choice shows itself and a different comparison', () => {
  expect(shownVocabularies('all', 'qwen3')).toEqual(['r50k_base', 'cl100k_base', 'o200k_base']);
  expect(shownVocabularies('qwen3', 'llama3')).toEqual(['qwen3', 'llama3']);
  expect(shownVocabularies('qwen3', 'qwen3')).toEqual(['qwen3']);
  expect(shownVocabularies('gemma3', 'none')).toEqual(['gemma3']);
});

test('the KV-cache link carries the prompt length in the reader’s language', () => {
  expect(kvCacheLink('en', 31)).toBe('/en/calculators/kv-cache/?kv.seq=31#kv-cache-calculator');
  expect(kvCacheLink('zh-CN', 31)).toBe('/calculators/kv-cache/?kv.seq=31#kv-cache-calculator');
  expect(kvCacheLink('en', 0)).toContain('kv.seq=1#');
});

test('bytes per token is finite for every count', () => {
  fc.assert(
    fc.property(fc.nat(1e6), fc.nat(1e6), (bytes, tokens) => {
      const v = bytesPerToken(bytes, tokens);
      expect(Number.isFinite(v)).toBe(true);
      if (tokens > 0) expect(v * tokens).toBeCloseTo(bytes, 6);
    }),
  );
  // OpenAI's three, then Llama 2, Mistral 7B, Llama 3, Qwen3, DeepSeek-V3, Gemma 3 and ChatGLM3.
  expect(TOKEN_VOCABULARIES).toHaveLength(10);
});
