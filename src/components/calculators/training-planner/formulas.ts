/**
 * The numbers the formulas show and the formulas in TeX: used by the `.astro` wrapper (so the server-rendered
 * formulas carry the numbers the island shows after hydration) and by the formulas panel, whose code loads after
 * start-up. Symbols only, no words, so one TeX serves both languages.
 */
import { formatBytes, type ByteUnits } from '~/lib/format/format-bytes';
import { formatNumber } from '~/lib/format/format-number';
import { OPTIMIZER_BYTES, type TrainingOptimizer } from '~/lib/training/parallel';
import type { TrainingState } from './state';
import type { TrainingView } from './view';

export type FormulaName = 'flops' | 'states' | 'activations' | 'step' | 'collective' | 'bubble' | 'mfu' | 'train';
export const FORMULA_NAMES: readonly FormulaName[] = ['flops', 'states', 'activations', 'step', 'collective', 'bubble', 'mfu', 'train'];

/** A number in scientific form for TeX-free slots: 1.23e+15 → "1.23 × 10^15" as plain text. */
function sci(value: number, lang: string): string {
  if (value === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(value)));
  if (exp < 6) return formatNumber(value, { lang, digits: 2 });
  return `${formatNumber(value / 10 ** exp, { lang, digits: 3 })} × 10^${exp}`;
}

/** The reader's numbers for every `\slot` in the formulas, formatted for their locale. */
export function trainingSlots(v: TrainingView, state: TrainingState, lang: string): Record<string, string> {
  const units = state.units as ByteUnits;
  const n = (value: number, digits = 0) => formatNumber(value, { lang, digits });
  const bytes = (value: number) => formatBytes(value, units, lang);
  const sec = (value: number) => formatNumber(value, { lang, digits: value < 0.1 ? 4 : 3 });
  const l = v.layout;
  const z = l.zeroStage;
  const nd = l.dataParallel * l.contextParallel;
  const a = v.attention;
  const attn = v.flopsPerToken.model - 6 * v.params.matmul;
  const tokensPerStep = state.gbs * state.seq;
  return {
    N: sci(v.params.matmul, lang),
    La: n(a.layers),
    H: n(a.heads),
    Q: n(a.width),
    T: n(a.context),
    Fa: sci(attn, lang),
    F: sci(v.flopsPerToken.model, lang),
    K: n(OPTIMIZER_BYTES[state.opt as TrainingOptimizer]),
    z3: z >= 3 ? n(nd) : '1',
    z2: z >= 2 ? n(nd) : '1',
    z1: z >= 1 ? n(nd) : '1',
    w: bytes(v.perGpu.weights),
    g: bytes(v.perGpu.gradients),
    o: bytes(v.perGpu.optimizer),
    states: bytes(v.perGpu.weights + v.perGpu.gradients + v.perGpu.optimizer),
    Ls: n(v.stageLayers),
    nfl: n(v.inFlight, 2),
    sc: n(state.seq / l.contextParallel),
    b: n(l.microBatch),
    h: n(v.hidden),
    alpha: n(v.activationConstant, 1),
    t: n(l.tensorParallel),
    act: bytes(v.perGpu.activations),
    Tc: sec(v.step.compute),
    Ttp: sec(v.step.tp),
    Tcp: sec(v.step.cp),
    Tep: sec(v.step.ep),
    Tpp: sec(v.step.pp),
    Tdp: sec(v.step.dp),
    Tb: sec(v.step.bubble),
    Tstep: sec(v.stepSeconds),
    p: n(l.pipelineParallel),
    m: n(l.microbatches),
    v: n(l.virtualStages),
    bubble: n(v.bubbleFraction, 4),
    Bl: n(v.linkBytesPerSecond / 1e9),
    Bn: n(v.networkBytesPerSecond / 1e9, 2),
    Btok: n(tokensPerStep),
    Ngpu: n(v.gpus),
    P: sci(v.peakFlops, lang),
    mfu: n(v.mfu, 3),
    D: sci(v.tokens, lang),
    tps: n(v.tokensPerSecond),
    days: n(v.trainSeconds / 86_400, 1),
    gh: n(v.gpuHours),
    price: n(state.price, 2),
    cost: v.cost === null ? '–' : n(v.cost),
  };
}

/** The formulas in TeX. `\slot{name}{…}` marks a number the island refills; `slots` gives the server-rendered text. */
export function trainingFormulaTex(slots: Record<string, string>): Record<FormulaName, string> {
  const v = (name: string) => `\\slot{${name}}{\\text{${(slots[name] ?? '').replace(/[\\{}$&#_%~]/g, '').replace(/\^/g, '\\textasciicircum{}')}}}`;
  return {
    // PaLM (Chowdhery et al. 2022, App. B): 6N + 12·L·H·Q·T, written with Q_k + Q_v for MLA's distinct widths.
    flops: `\\begin{aligned} F &= 6N + 6\\,L\\,H\\,(Q_k + Q_v)\\,T \\\\ &= 6 \\cdot ${v('N')} + 6 \\cdot ${v('La')} \\cdot ${v('H')} \\cdot ${v('Q')} \\cdot ${v('T')} \\\\ &= 6 \\cdot ${v('N')} + ${v('Fa')} = ${v('F')} \\end{aligned}`,
    // ZeRO (Rajbhandari et al. 2020, §5): stage k shards its term over the N_d = d·c data-parallel ranks.
    states: `\\begin{aligned} M_{\\text{states}} &= \\frac{2\\Psi}{z_3} + \\frac{2\\Psi}{z_2} + \\frac{K\\Psi}{z_1}, \\quad K = ${v('K')},\\ z_3 = ${v('z3')},\\ z_2 = ${v('z2')},\\ z_1 = ${v('z1')} \\\\ &= ${v('w')} + ${v('g')} + ${v('o')} = ${v('states')} \\end{aligned}`,
    // Korthikanti et al. 2022, §4: sbh(34 + 5as/h) per layer, /t with sequence parallelism; FlashAttention drops 5as/h.
    activations: `\\begin{aligned} M_{\\text{act}} &\\approx L_s \\cdot n_{\\text{fl}} \\cdot \\frac{s}{c}\\, b\\, h \\cdot \\frac{\\alpha}{t} \\\\ &= ${v('Ls')} \\cdot ${v('nfl')} \\cdot ${v('sc')} \\cdot ${v('b')} \\cdot ${v('h')} \\cdot \\frac{${v('alpha')}}{${v('t')}} \\approx ${v('act')} \\end{aligned}`,
    step: `\\begin{aligned} T_{\\text{step}} &= (T_c + T_{tp} + T_{cp} + T_{ep})\\Bigl(1 + \\frac{p-1}{m\\,v}\\Bigr) + T_{pp} + T_{dp} \\\\ &= (${v('Tc')} + ${v('Ttp')} + ${v('Tcp')} + ${v('Tep')}) + ${v('Tb')} + ${v('Tpp')} + ${v('Tdp')} = ${v('Tstep')}\\ \\text{s} \\end{aligned}`,
    // Patarasuk & Yuan 2009, §3; NCCL's bus-bandwidth counts.
    collective: `\\begin{aligned} t_{\\text{all-reduce}}(S, n) &= \\alpha(n) + 2\\,\\frac{n-1}{n}\\,\\frac{S}{B}, \\qquad t_{\\text{all-gather}} = t_{\\text{all-to-all}} = \\alpha(n) + \\frac{n-1}{n}\\,\\frac{S}{B} \\\\ B &= ${v('Bl')}\\ \\text{GB/s (NVLink)}, \\quad ${v('Bn')}\\ \\text{GB/s (network)} \\end{aligned}`,
    // Narayanan et al. 2021, §2.2.
    bubble: `\\frac{p - 1}{m \\cdot v} = \\frac{${v('p')} - 1}{${v('m')} \\cdot ${v('v')}} = ${v('bubble')}`,
    mfu: `\\mathrm{MFU} = \\frac{F \\cdot B_{\\text{tok}} / T_{\\text{step}}}{N_{\\text{GPU}} \\cdot P_{\\text{bf16}}} = \\frac{${v('F')} \\cdot ${v('Btok')} / ${v('Tstep')}}{${v('Ngpu')} \\cdot ${v('P')}} = ${v('mfu')}`,
    train: `\\begin{aligned} t &= \\frac{D}{B_{\\text{tok}} / T_{\\text{step}}} = \\frac{${v('D')}}{${v('tps')}\\ \\text{tok/s}} = ${v('days')}\\ \\text{d} \\\\ \\text{GPU·h} &= t \\cdot N_{\\text{GPU}} / 3600 = ${v('gh')}, \\quad \\text{cost} = ${v('gh')} \\cdot ${v('price')} = ${v('cost')} \\end{aligned}`,
  };
}
