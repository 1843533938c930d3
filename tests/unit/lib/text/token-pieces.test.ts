import { test, expect } from 'vitest';
import fc from 'fast-check';
import { tokenPieces, tokenStats, displayTokenBytes, cleanTokenText, MAX_TOKEN_TEXT } from '~/lib/text/token-pieces';
import { loadVocabulary, VOCABULARY_NAMES } from '~/lib/text/bpe-vocabularies';

const utf8 = new TextEncoder();
const ids = async (name: (typeof VOCABULARY_NAMES)[number], text: string) => (await loadVocabulary(name)).encode(text);

test('"hello world" has the published ids in each vocabulary', async () => {
  // GPT-2's encoder.json: "hello" = 31373, "Ġworld" = 995; tiktoken's cl100k_base and o200k_base agree with these.
  expect(await ids('r50k_base', 'hello world')).toEqual([31373, 995]);
  expect(await ids('cl100k_base', 'hello world')).toEqual([15339, 1917]);
  expect(await ids('o200k_base', 'hello world')).toEqual([24912, 2375]);
});

test('vocabulary sizes are those of the package, special tokens included', async () => {
  expect((await loadVocabulary('r50k_base')).vocabularySize).toBe(50257);
  expect((await loadVocabulary('cl100k_base')).vocabularySize).toBeGreaterThan(100_000);
  expect((await loadVocabulary('o200k_base')).vocabularySize).toBeGreaterThan(199_000);
});

test('a Chinese sentence from the notes costs fewer tokens in larger vocabularies', async () => {
  const sentence = '文本被转换为token，token被赋予token ID。';
  const counts = await Promise.all(VOCABULARY_NAMES.map(async (name) => (await ids(name, sentence)).length));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  expect(counts[0]).toBeGreaterThan(counts[2]!);
});

test('GPT-2 splits a Chinese character across tokens and the pieces show their bytes', async () => {
  const r50k = await loadVocabulary('r50k_base');
  const pieces = tokenPieces(r50k, '注意力');
  expect(pieces.some((p) => !p.whole)).toBe(true);
  expect(pieces.filter((p) => !p.whole).every((p) => /^(<0x[0-9A-F]{2}>|[^<])+$/.test(p.display))).toBe(true);
  // Concatenated, the bytes are exactly the text's UTF-8.
  const joined = pieces.flatMap((p) => [...p.bytes]);
  expect(joined).toEqual([...utf8.encode('注意力')]);
});

test('whole characters display as text, partial ones as hex bytes', () => {
  expect(displayTokenBytes(utf8.encode(' 注意'))).toEqual({ display: ' 注意', whole: true });
  expect(displayTokenBytes(new Uint8Array([0xe6, 0xb3]))).toEqual({ display: '<0xE6><0xB3>', whole: false });
  expect(displayTokenBytes(new Uint8Array([0xa8, 0x41]))).toEqual({ display: '<0xA8>A', whole: false });
});

test('special-token text is encoded as ordinary text, not refused', async () => {
  const cl100k = await loadVocabulary('cl100k_base');
  const pieces = tokenPieces(cl100k, 'a <|endoftext|> b');
  expect(pieces.map((p) => p.display).join('')).toBe('a <|endoftext|> b');
  expect(pieces.length).toBeGreaterThan(3);
});

test('stats count code points, bytes and characters per token', () => {
  expect(tokenStats('注意😀', 2)).toEqual({ tokens: 2, characters: 3, utf8Bytes: 10, charactersPerToken: 1.5 });
  expect(tokenStats('', 0).charactersPerToken).toBe(0);
});

test('cleaning caps length, drops control characters and replaces lone surrogates', () => {
  expect(cleanTokenText('a\u0000b\tc\n')).toEqual({ text: 'ab\tc\n', problems: ['control-characters'] });
  expect(cleanTokenText('x\uD800y')).toEqual({ text: 'x\uFFFDy', problems: ['lone-surrogates'] });
  const long = cleanTokenText('字'.repeat(MAX_TOKEN_TEXT + 5));
  expect(long.text.length).toBe(MAX_TOKEN_TEXT);
  expect(long.problems).toEqual(['too-long']);
  expect(cleanTokenText('😀'.repeat(MAX_TOKEN_TEXT)).text).not.toMatch(/[\uD800-\uDBFF]$/);
});

test('decoding the tokens of any cleaned text gives the text back, in every vocabulary', async () => {
  const encoders = await Promise.all(VOCABULARY_NAMES.map(loadVocabulary));
  const decoder = new TextDecoder();
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
      const { text } = cleanTokenText(raw);
      for (const encoder of encoders) {
        const bytes = tokenPieces(encoder, text).flatMap((p) => [...p.bytes]);
        expect(decoder.decode(new Uint8Array(bytes))).toBe(text);
      }
    }),
    { numRuns: 150 },
  );
});
