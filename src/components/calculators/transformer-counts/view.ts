/**
 * What the per-component table shows, derived from a model and the state in one pure function (no DOM): the
 * rows, their shares, and the comparison with the 2·N (decode) or 6·N (training) rule of thumb.
 */
import { causalMeanKeys, componentCounts, type Component } from '~/lib/model/component-counts';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { Phase } from './state';

export interface CountsRow {
  component: Component;
  params: number;
  /** Share of all parameters, 0–1. */
  paramShare: number;
  /** FLOPs per token for this phase: forward for a decode step, 3 × forward for training. */
  flops: number;
  flopShare: number;
}

export interface CountsView {
  rows: CountsRow[];
  params: number;
  activeParams: number;
  flops: number;
  /** Keys a query attends to on a global layer: the context (decode), or its causal mean (training). */
  keys: number;
  /** The rule of thumb for this phase: 2·N_active per decoded token, 6·N_active per trained token. */
  rule: number;
  /** FLOPs / rule: how far the rule is off at this context. */
  ruleRatio: number;
  /** FLOPs of the attention scores as a share of the whole. */
  scoreShare: number;
  /** Forward multiplies per training pass: 1 for decoding, 3 for training. */
  passes: number;
  moe: boolean;
}

export function countsView(spec: ModelSpec, context: number, phase: Phase): CountsView {
  const keys = phase === 'train' ? causalMeanKeys(context) : context;
  const passes = phase === 'train' ? 3 : 1;
  const counts = componentCounts(spec, { contextTokens: keys });
  const flops = counts.flopsPerToken * passes;
  const rows = counts.components.map((c) => ({
    component: c.component,
    params: c.params,
    paramShare: c.params / counts.params,
    flops: c.flopsPerToken * passes,
    flopShare: c.flopsPerToken / counts.flopsPerToken,
  }));
  const rule = 2 * passes * counts.activeParams;
  return {
    rows,
    params: counts.params,
    activeParams: counts.activeParams,
    flops,
    keys,
    rule,
    ruleRatio: flops / rule,
    scoreShare: rows.find((r) => r.component === 'attention-scores')!.flopShare,
    passes,
    moe: spec.moe !== undefined,
  };
}
