import type { Component } from '~/lib/model/component-counts';

/** English UI strings of the per-component table. */
export const countsEn = {
  context: 'Context (tokens)',
  contextHint: 'Keys each new token attends to',
  phase: 'Count for',
  decode: 'one decoded token',
  train: 'one trained token (sequences of this length)',
  beyondMax: (max: string) => `Beyond the model's trained context of ${max} tokens; the counts still hold.`,
  caption: (model: string) => `Parameters and FLOPs per token of ${model}, by component`,
  component: 'Component',
  params: 'Parameters',
  share: 'Share',
  flops: 'FLOPs per token',
  total: 'Total',
  names: {
    embedding: 'Token embedding',
    'attention-projections': 'Attention projections (Q, K, V, O)',
    'attention-scores': 'Attention scores (QKᵀ, weights × V)',
    'recurrent-mixer': 'Recurrent mixer (linear attention / SSM layers)',
    mlp: 'MLP',
    norms: 'Norms',
    head: 'LM head',
  } satisfies Record<Component, string>,
  mlpKind: (gated: boolean, moe: boolean): string => (moe ? 'mixture of experts' : gated ? 'gated (SwiGLU)' : 'plain'),
  tied: 'tied to the embedding',
  activeNote: (active: string) => `A token multiplies by ${active} of them (the routed experts it uses).`,
  ruleDecode: (rule: string, ratio: string) => `The 2·N rule gives ${rule} FLOPs per token; the components add up to ${ratio} of that.`,
  ruleTrain: (rule: string, ratio: string) => `The 6·N rule gives ${rule} FLOPs per token; the components (3 × forward) add up to ${ratio} of that.`,
  scores: (share: string) => `Attention scores are ${share} of the FLOPs at this context.`,
  gflop: (value: string) => `${value} GFLOP`,
  formulaTitle: 'The formulas, with these numbers',
  spokenScores: (value: string) => `attention-score FLOPs per token: ${value}`,
};

export type CountsStrings = typeof countsEn;
