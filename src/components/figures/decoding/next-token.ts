/**
 * One next-token distribution for the decoding figure and the page's worked numbers: a measured head and a modelled
 * tail, kept apart so the page can say which is which.
 *
 * Measured: the three most likely first tokens gpt-4o-mini wrote when asked to complete the sentence
 * "My least favorite TV show is", with the log-probabilities the Chat Completions API returned (top_logprobs = 3),
 * as printed in the OpenAI Cookbook notebook "Using logprobs" (Hills and Anadkat; section 3, autocomplete;
 * github.com/openai/openai-cookbook, examples/Using_logprobs.ipynb). The API returns no more than that, so the other
 * tokens' 15.23% is known only as a total.
 *
 * Modelled: that residual spread over the other ordinary tokens of o200k_base, gpt-4o-mini's tokenizer (199,998
 * tokens in the rank file of tiktoken and of gpt-tokenizer), each with probability proportional to rank^−1.4 and
 * scaled so that their sum is exactly the residual. The exponent is a choice: with Zipf's 1/rank the fourth token
 * would hold 0.35%, a cliff after the head's 5.08%; rank^−1.4 gives it 1.46%, about one more of the head's
 * 1.25-nat steps (e^−4.23 = 1.46%).
 *
 * A log-probability is a logit minus the log of the softmax's denominator, so the logprobs serve as logits: at T = 1
 * the head gets back exactly its published probabilities. Every number the page shows is computed from these
 * logits by src/lib/text/sampling.ts at build time.
 */

/** The sentence gpt-4o-mini was asked to complete; the head is the first token of its reply. */
export const PROMPT = 'My least favorite TV show is';

/** Where the head comes from (the reference `hills2023logprobs`). */
export const SOURCE_MODEL = 'gpt-4o-mini';

/** Ordinary tokens of o200k_base (ranks 0–199,997; its two special tokens are 199,999 and 200,018). */
export const VOCABULARY = 199_998;

/** The measured head, most likely first: the token as the API printed it and its log-probability (natural log). */
export const HEAD: readonly { token: string; logprob: number }[] = [
  { token: 'My', logprob: -0.47896808 },
  { token: 'one', logprob: -1.7289681 },
  { token: 'the', logprob: -2.9789681 },
];

/** The modelled tail's power of rank: p(rank) ∝ rank^−TAIL_EXPONENT. */
export const TAIL_EXPONENT = 1.4;

/** Probability the published head leaves to every other token: 1 − Σ exp(logprob). */
export const RESIDUAL = 1 - HEAD.reduce((s, h) => s + Math.exp(h.logprob), 0);

/** Number of modelled tokens. */
export const TAIL_TOKENS = VOCABULARY - HEAD.length;

/** ln of the tail's scale c in p(rank) = c·rank^−s, solved so that Σ over the tail is RESIDUAL exactly. */
const logTailScale = (() => {
  let z = 0;
  for (let rank = HEAD.length + 1; rank <= VOCABULARY; rank++) z += rank ** -TAIL_EXPONENT;
  return Math.log(RESIDUAL / z);
})();

/** Logit (a log-probability) of the tail token of rank r, counted from 1 over the whole vocabulary (the tail starts at 4). */
export function tailLogit(rank: number): number {
  return logTailScale - TAIL_EXPONENT * Math.log(rank);
}

let cached: readonly number[] | undefined;

/** The full logit vector: the head in order, then the tail by rank. A fresh copy each call (callers may mutate). */
export function nextTokenLogits(): number[] {
  if (!cached) {
    const logits = HEAD.map((h) => h.logprob);
    for (let rank = HEAD.length + 1; rank <= VOCABULARY; rank++) logits.push(tailLogit(rank));
    cached = logits;
  }
  return [...cached];
}

/** Sum of the probabilities outside the measured head. */
export function tailMass(probs: readonly number[]): number {
  let s = 0;
  for (let i = HEAD.length; i < probs.length; i++) s += probs[i]!;
  return s;
}
