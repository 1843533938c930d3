/**
 * One next-token distribution over a GPT-2-sized vocabulary (50,257 ids), for the decoding figures and the page's
 * worked numbers. It is illustrative, not a model's measured output: twelve named continuations of
 * "The cat sat on the" with hand-set logits, and a tail of 50,245 tokens whose logits fall with the log of their
 * rank (a Zipf-like tail, the shape Holtzman et al. 2020 §1 call the "unreliable tail"). Every number the page shows
 * is computed from these logits by src/lib/text/sampling.ts at build time.
 */
export const PROMPT = 'The cat sat on the';

/** GPT-2's vocabulary size (its config.json `vocab_size`). */
export const VOCABULARY = 50_257;

/** The named head, most likely first: token text (with GPT-2's leading space) and logit. */
export const HEAD: readonly { token: string; logit: number }[] = [
  { token: ' floor', logit: 9.6 },
  { token: ' bed', logit: 9.2 },
  { token: ' couch', logit: 8.9 },
  { token: ' edge', logit: 8.5 },
  { token: ' ground', logit: 8.3 },
  { token: ' table', logit: 8.0 },
  { token: ' mat', logit: 7.9 },
  { token: ' sofa', logit: 7.5 },
  { token: ' windowsill', logit: 7.1 },
  { token: ' roof', logit: 6.8 },
  { token: ' porch', logit: 6.5 },
  { token: ' keyboard', logit: 6.1 },
];

/** Logit of the tail token of rank r (r counted from 1 over the whole vocabulary, so the tail starts at 13). */
export function tailLogit(rank: number): number {
  return 4.2 - 1.05 * Math.log(rank / (HEAD.length + 1));
}

/** The full logit vector: the head in order, then the tail by rank. */
export function nextTokenLogits(): number[] {
  const logits = HEAD.map((h) => h.logit);
  for (let rank = HEAD.length + 1; rank <= VOCABULARY; rank++) logits.push(tailLogit(rank));
  return logits;
}

/** Sum of the probabilities outside the named head. */
export function tailMass(probs: readonly number[]): number {
  let s = 0;
  for (let i = HEAD.length; i < probs.length; i++) s += probs[i]!;
  return s;
}
