/**
 * The formulas the per-component table uses, in TeX with `\slot`s for the reader's numbers (rendered by KaTeX at
 * build time in the `.astro` wrapper), and the numbers for those slots. Symbols only, so one TeX serves both
 * languages. Variants cover MLA, mixtures of experts and sliding windows; the island shows the ones that apply.
 */
import { formatNumber } from '~/lib/format/format-number';
import { attentionProjectionWeights } from '~/lib/model/component-counts';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { CountsView } from './view';
import type { FormulaName } from './variants';

/** The reader's numbers for every slot, formatted for their language. */
export function countSlots(spec: ModelSpec, view: CountsView, lang: string): Record<string, string> {
  const n = (value: number, digits = 0) => formatNumber(value, { lang, digits });
  const g = (flops: number) => `${n(flops / 1e9, 3)} G`;
  const row = (c: string) => view.rows.find((r) => r.component === c)!;
  const local = spec.slidingWindow?.layers.filter(Boolean).length ?? 0;
  const withKv = spec.kvLayers ? spec.kvLayers.filter(Boolean).length : spec.numLayers;
  const dk = spec.mla ? spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim : spec.headDim;
  const dv = spec.mla ? spec.mla.vHeadDim : (spec.vHeadDim ?? spec.headDim);
  return {
    L: n(spec.numLayers),
    h: n(spec.hiddenSize),
    nh: n(spec.numHeads),
    nkv: n(spec.numKvHeads),
    dh: n(spec.headDim),
    perLayer: n(attentionProjectionWeights(spec)),
    proj: n(row('attention-projections').params),
    c: n(spec.mlp === 'gated' ? 3 : 2),
    dff: n(spec.intermediateSize),
    mlp: n(row('mlp').params),
    dk: n(dk),
    dv: n(dv),
    keys: n(view.keys, 1),
    Lg: n(withKv - local),
    Lw: n(local),
    W: n(spec.slidingWindow?.window ?? 0),
    kw: n(Math.min(view.keys, spec.slidingWindow?.window ?? 0), 1),
    scores: g(row('attention-scores').flops / view.passes),
    passes: n(view.passes),
    weightFlops: g((view.flops - row('attention-scores').flops) / view.passes),
    total: g(view.flops),
    Na: n(view.activeParams),
    rule: g(view.rule),
  };
}

/** The formulas in TeX, each `\slot{name}{text}` showing `slots[name]` until the island refills it. */
export function countFormulaTex(slots: Record<string, string>): Record<FormulaName, string> {
  const v = (name: string) => `\\slot{${name}}{\\text{${(slots[name] ?? '').replace(/[\\{}$&#^_%~]/g, '')}}}`;
  return {
    proj: `\\begin{aligned} P_{\\text{attn}} &= L \\cdot \\bigl(h \\cdot n_h d_h + 2\\, h \\cdot n_{kv} d_h + n_h d_h \\cdot h\\bigr) \\\\ &= ${v('L')} \\cdot \\bigl(2 \\cdot ${v('h')} \\cdot ${v('nh')} \\cdot ${v('dh')} + 2 \\cdot ${v('h')} \\cdot ${v('nkv')} \\cdot ${v('dh')}\\bigr) = ${v('proj')} \\end{aligned}`,
    projMla: `P_{\\text{attn}} = L \\cdot \\bigl(W^{DQ} + W^{UQ} + W^{DKV} + W^{UKV} + W^{O}\\bigr) = ${v('L')} \\cdot ${v('perLayer')} = ${v('proj')}`,
    mlp: `P_{\\text{mlp}} = L \\cdot c \\cdot h \\cdot d_{ff} = ${v('L')} \\cdot ${v('c')} \\cdot ${v('h')} \\cdot ${v('dff')} = ${v('mlp')}`,
    mlpMoe: `P_{\\text{mlp}} = \\sum_{\\ell} \\bigl(E \\cdot c\\, h\\, d_e + S \\cdot c\\, h\\, d_s + h E\\bigr) = ${v('mlp')}`,
    scores: `F_{\\text{scores}} = 2\\, L\\, n_h (d_k + d_v) \\cdot k = 2 \\cdot ${v('L')} \\cdot ${v('nh')} \\cdot (${v('dk')} + ${v('dv')}) \\cdot ${v('keys')} = ${v('scores')}`,
    scoresWindow: `F_{\\text{scores}} = 2\\, n_h (d_k + d_v)\\bigl(L_g\\, k + L_w \\min(k, W)\\bigr) = 2 \\cdot ${v('nh')} \\cdot (${v('dk')} + ${v('dv')}) \\cdot (${v('Lg')} \\cdot ${v('keys')} + ${v('Lw')} \\cdot ${v('kw')}) = ${v('scores')}`,
    total: `\\begin{aligned} F &= p \\cdot \\bigl(2 \\textstyle\\sum W + F_{\\text{scores}}\\bigr) = ${v('passes')} \\cdot (${v('weightFlops')} + ${v('scores')}) = ${v('total')} \\\\ 2p \\cdot N_{\\text{active}} &= 2 \\cdot ${v('passes')} \\cdot ${v('Na')} = ${v('rule')} \\end{aligned}`,
  };
}
