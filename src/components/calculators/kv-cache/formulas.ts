/**
 * The numbers the formulas show and the formulas in TeX: used by the `.astro` wrapper (so the server-rendered
 * formulas carry the numbers the island shows after hydration) and by the formulas panel, whose code loads after
 * start-up, so not by the island.
 */
import { formatBytes, type ByteUnits } from '~/lib/format/format-bytes';
import { formatNumber } from '~/lib/format/format-number';
import type { KvReport } from './view';
import type { KvState } from './state';

/** The reader's numbers for every `\slot` in the formulas, formatted for their locale. */
export function kvSlots(r: KvReport, state: KvState, lang: string) {
  const units = state.units as ByteUnits;
  const n = (value: number, digits = 0) => formatNumber(value, { lang, digits });
  const bytes = (value: number) => formatBytes(value, units, lang);
  const spec = r.spec;
  const window = spec.slidingWindow?.window;
  return {
    nkv: n(spec.numKvHeads),
    dh: n(spec.headDim),
    e: n(r.elementsPerLayer),
    dc: n(spec.mla?.kvLoraRank ?? 0),
    dr: n(spec.mla?.qkRopeHeadDim ?? 0),
    L: n(r.layers.global + r.layers.local),
    Lg: n(r.layers.global),
    Ll: n(r.layers.local),
    W: n(window ?? 0),
    sw: n(window === undefined ? 0 : Math.min(state.seq, window)),
    b: n(r.kvBytesPerElement, 1),
    s: n(state.seq),
    B: n(state.batch),
    perToken: bytes(r.perToken),
    total: bytes(r.total),
    k: n(state.block),
    sp: n(r.pagedSeqLen),
    paged: bytes(r.pagedTotal),
    waste: bytes(r.waste),
    P: n(r.params),
    bw: n(r.weightsBytesPerElement, 4),
    weights: bytes(r.weights),
    u: n(state.util, 2),
    N: n(state.ngpu),
    M: bytes(r.gpu.memoryBytes),
    free: bytes(r.freeBytes),
    Lr: n(r.recurrent?.layers ?? 0),
    ec: n(r.recurrent?.convElements ?? 0),
    es: n(r.recurrent?.ssmElements ?? 0),
    bc: n(r.recurrent?.convBytes ?? 0),
    bs: n(r.recurrent?.ssmBytes ?? 0),
    state: bytes(r.recurrent?.perSequence ?? 0),
    stateTotal: bytes(r.recurrent?.total ?? 0),
    smax: r.maxContext.kind === 'limited' ? n(r.maxContext.seqLen) : r.maxContext.kind === 'unbounded' ? '∞' : '0',
    Bmax: r.maxBatch >= Number.MAX_SAFE_INTEGER ? '∞' : n(r.maxBatch),
  };
}

/**
 * The formulas in TeX. `\slot{name}{…}` marks a number the island refills; `slots` gives the
 * server-rendered text. Symbols only, no words, so one TeX serves both languages.
 */
export function kvFormulaTex(
  slots: Record<string, string>,
): Record<'elements' | 'elementsMla' | 'total' | 'totalWindow' | 'paged' | 'weights' | 'free' | 'solver' | 'solverState' | 'state', string> {
  const v = (name: string) => `\\slot{${name}}{\\text{${(slots[name] ?? '').replace(/[\\{}$&#^_%~]/g, '')}}}`;
  return {
    elements: `e = 2 \\cdot n_{kv} \\cdot d_h = 2 \\cdot ${v('nkv')} \\cdot ${v('dh')} = ${v('e')}`,
    elementsMla: `e = d_c + d_h^R = ${v('dc')} + ${v('dr')} = ${v('e')}`,
    total: `\\begin{aligned} \\mathrm{KV}(s) &= L \\cdot e \\cdot b \\cdot s \\cdot B \\\\ &= ${v('L')} \\cdot ${v('e')} \\cdot ${v('b')} \\cdot ${v('s')} \\cdot ${v('B')} = ${v('total')} \\end{aligned}`,
    totalWindow: `\\begin{aligned} \\mathrm{KV}(s) &= e \\cdot b \\cdot \\bigl(L_g \\cdot s + L_w \\cdot \\min(s, W)\\bigr) \\cdot B \\\\ &= ${v('e')} \\cdot ${v('b')} \\cdot (${v('Lg')} \\cdot ${v('s')} + ${v('Ll')} \\cdot ${v('sw')}) \\cdot ${v('B')} = ${v('total')} \\end{aligned}`,
    paged: `\\begin{aligned} s' &= \\lceil s / k \\rceil \\cdot k = \\lceil ${v('s')} / ${v('k')} \\rceil \\cdot ${v('k')} = ${v('sp')} \\\\ \\mathrm{KV}(s') - \\mathrm{KV}(s) &= ${v('paged')} - ${v('total')} = ${v('waste')} \\end{aligned}`,
    weights: `M_w = P \\cdot b_w = ${v('P')} \\cdot ${v('bw')} = ${v('weights')}`,
    // A hybrid's recurrent state (vLLM's MambaSpec): per layer a convolution window and a recurrent state, per sequence.
    state: `\\begin{aligned} S &= L_r \\cdot (e_c \\cdot b_c + e_s \\cdot b_s) \\\\ &= ${v('Lr')} \\cdot (${v('ec')} \\cdot ${v('bc')} + ${v('es')} \\cdot ${v('bs')}) = ${v('state')} \\\\ S \\cdot B &= ${v('stateTotal')} \\end{aligned}`,
    free: `\\begin{aligned} M_{kv} &= u \\cdot N \\cdot M_{\\mathrm{GPU}} - M_w \\\\ &= ${v('u')} \\cdot ${v('N')} \\cdot ${v('M')} - ${v('weights')} = ${v('free')} \\end{aligned}`,
    solverState: `\\begin{aligned} s_{\\max} &= \\max\\{s : \\mathrm{KV}(s', B) + S \\cdot B \\le M_{kv}\\} = ${v('smax')} \\\\ B_{\\max} &= \\bigl\\lfloor M_{kv} / (\\mathrm{KV}(s', 1) + S) \\bigr\\rfloor = ${v('Bmax')} \\end{aligned}`,
    solver: `\\begin{aligned} s_{\\max} &= \\max\\{s : \\mathrm{KV}(s', B) \\le M_{kv}\\} = ${v('smax')} \\\\ B_{\\max} &= \\bigl\\lfloor M_{kv} / \\mathrm{KV}(s', 1) \\bigr\\rfloor = ${v('Bmax')} \\end{aligned}`,
  };
}
