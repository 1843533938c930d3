import { test, expect } from 'vitest';
import fc from 'fast-check';
import { efficiencyRow, EFFICIENCY_PARAGRAPHS } from '~/lib/text/token-efficiency';
import { loadVocabulary } from '~/lib/text/bpe-vocabularies';
import { loadOpenVocabulary } from '~/lib/text/open-vocabularies';

test('a row is the encoder’s own counts of the two paragraphs', async () => {
  const r50k = await loadVocabulary('r50k_base');
  const row = efficiencyRow(r50k);
  expect(row.zh.tokens).toBe(r50k.encode(EFFICIENCY_PARAGRAPHS.zh).length);
  expect(row.en.tokens).toBe(r50k.encode(EFFICIENCY_PARAGRAPHS.en).length);
  expect(row.zh.charactersPerToken).toBeCloseTo([...EFFICIENCY_PARAGRAPHS.zh].length / row.zh.tokens, 12);
  expect(row.zhPerEn).toBeCloseTo(row.zh.tokens / row.en.tokens, 12);
});

test('Qwen3’s vocabulary, trained with Chinese, packs more Chinese characters per token than GPT-2’s', async () => {
  const gpt2 = efficiencyRow(await loadVocabulary('r50k_base'));
  const qwen3 = efficiencyRow(await loadOpenVocabulary('qwen3'));
  expect(qwen3.zh.charactersPerToken).toBeGreaterThan(2 * gpt2.zh.charactersPerToken);
}, 60_000);

test('any pair of paragraphs gives finite figures', async () => {
  const cl100k = await loadVocabulary('cl100k_base');
  fc.assert(
    fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), (zh, en) => {
      const row = efficiencyRow(cl100k, { zh, en });
      for (const v of [row.zh.charactersPerToken, row.en.charactersPerToken, row.zhPerEn]) expect(Number.isFinite(v)).toBe(true);
    }),
    { numRuns: 100 },
  );
});

test('Llama 2’s English-centred 32K vocabulary needs more tokens for the Chinese paragraph than Qwen3’s', async () => {
  // The paragraph itself says so: "LLaMA's 32K SentencePiece vocabulary is English-centred … byte fallback".
  const llama2 = efficiencyRow(await loadOpenVocabulary('llama2'));
  const qwen3 = efficiencyRow(await loadOpenVocabulary('qwen3'));
  expect(llama2.vocabularySize).toBe(32_000);
  expect(llama2.zh.tokens).toBeGreaterThan(qwen3.zh.tokens);
  expect(llama2.zhPerEn).toBeGreaterThan(qwen3.zhPerEn);
}, 60_000);
