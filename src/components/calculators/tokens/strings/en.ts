/** English UI strings of the token playground; the type of every language's table. */
import { formatNumber } from '~/lib/format/format-number';

export const en = {
  heading: 'Token playground',
  textLabel: 'Text (Chinese or English)',
  vocabLabel: 'Vocabulary',
  allVocabs: 'All three side by side',
  compareLabel: 'Compare with',
  compareNone: 'Nothing (one vocabulary)',
  openGroup: 'Open models (downloaded when chosen)',
  openaiGroup: 'OpenAI (tiktoken)',
  download: (size: string) => `${size} download`,
  loadingSize: (name: string, size: string) => `Loading the ${name} vocabulary (${size} compressed)…`,
  perTokenBytes: 'Bytes/token',
  waiting: 'Tokenizing…',
  chatLabel: 'Show the chat template',
  chatHeading: 'The same text as a chat message',
  chatIntro:
    'The model reads your text as the user turn of a conversation, after a fixed system message (“You are a helpful assistant.”), in its own chat template from tokenizer_config.json (Llama 2’s [INST] prompt from Meta’s reference code), followed by the prompt for its answer. Special tokens count toward the context.',
  chatNone: (name: string) => `${name}: this vocabulary’s package ships no chat template.`,
  chatCount: (name: string, total: string, added: string, text: string) =>
    `${name}: ${total} tokens in the prompt: ${text} from your text, ${added} added by the template (special tokens and role names).`,
  kvLink: (total: string) => `Use ${total} tokens as the KV-cache context length`,
  tokens: 'Tokens',
  characters: 'Characters',
  bytes: 'UTF-8 bytes',
  perToken: 'Chars/token',
  loading: (name: string) => `Loading the ${name} vocabulary…`,
  loadFailed: (name: string) => `Could not load ${name}; try again.`,
  serverNote: 'Default result computed at build time; edit the text to tokenize it in your browser.',
  tokenListLabel: (name: string) => `Tokens in ${name}; use the arrow keys to step through them`,
  selected: (i: number, display: string, id: number, bytes: string) => `Token ${i + 1} “${display}”, id ${id}, bytes ${bytes}`,
  splitNote: 'Pieces shown as <0x..> are incomplete UTF-8 bytes: one Chinese character (3 bytes) was split across tokens.',
  tooLong: (max: number) => `The text is longer than ${formatNumber(max, { lang: 'en' })} characters; only the beginning is tokenized.`,
  linkCut: (max: number) =>
    `This text is longer than ${formatNumber(max, { lang: 'en' })} characters: a copied link keeps only the first ${formatNumber(max, { lang: 'en' })}.`,
  linkWasCut: (max: number) =>
    `The text in this link was longer than ${formatNumber(max, { lang: 'en' })} characters; only the first ${formatNumber(max, { lang: 'en' })} are shown.`,
  linkDamaged: 'The text in this link could not be read (the link is damaged or cut short); the default text is shown.',
  controls: 'Control characters were removed.',
  surrogates: 'Invalid lone surrogates were replaced with U+FFFD.',
  embeddingHeading: 'From id to vector',
  hiddenLabel: 'Hidden size d',
  embeddingText: (id: number, vocab: string) =>
    `Id ${id} selects row ${id} (counting from 0) of the embedding matrix E, which has one row per entry of ${vocab} (V rows).`,
  paramsLabel: 'Embedding parameters V·d',
  bf16: 'stored in bf16 (2 bytes each)',
};

export type TokenStrings = typeof en;
