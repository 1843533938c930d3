/**
 * The planner's formulas in TeX and the reader's numbers for their slots: used by the `.astro` wrapper (the
 * server-rendered formulas) and by the formulas panel, whose code loads after start-up, so not by the island.
 */
import { formatBytes, type ByteUnits } from '~/lib/format/format-bytes';
import { formatNumber } from '~/lib/format/format-number';
import type { ServingInputs, ServingView } from './view';
import type { ServingState } from './state';

/** The reader's numbers for every `\slot` in the formulas, formatted for their locale. */
export function servingSlots(v: ServingView, inputs: ServingInputs, state: ServingState, lang: string): Record<string, string> {
  const units = state.units as ByteUnits;
  const n = (value: number, digits = 0) => formatNumber(value, { lang, digits });
  const bytes = (value: number) => formatBytes(value, units, lang);
  const spec = inputs.spec;
  const p = v.memory.perGpu;
  const d = v.speed.decode;
  const pf = v.speed.prefill;
  const ms = (s: number) => n(s * 1000, 2);
  const heads = spec.mla ? 1 : Math.max(1, spec.numKvHeads / inputs.tensorParallel);
  return {
    L: n(v.kvLayers),
    G: n(v.kvGroups.groups),
    lg: n(v.kvGroups.layersPerGroup),
    nkv: n(spec.numKvHeads),
    tp: n(inputs.tensorParallel),
    hr: n(heads, 2),
    dh: n(spec.headDim),
    dc: n(spec.mla?.kvLoraRank ?? 0),
    dr: n(spec.mla?.qkRopeHeadDim ?? 0),
    b: n(v.kvPerLayerPerRank / (spec.mla ? spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim : 2 * heads * spec.headDim), 1),
    perLayer: n(v.kvPerLayerPerRank),
    perToken: bytes(v.kvPerTokenPerGpu),
    u: n(inputs.utilization, 2),
    M: bytes(p.capacity),
    Mw: bytes(p.weights),
    Ma: bytes(p.activationPeak),
    T: n(v.memory.maxNumBatchedTokens),
    S: n(Math.min(v.memory.maxNumSeqs, v.memory.maxNumBatchedTokens)),
    V: n(spec.vocabSize),
    beta: n(p.activationSampler / Math.max(1, Math.min(v.memory.maxNumSeqs, v.memory.maxNumBatchedTokens) * spec.vocabSize), 1),
    Mf: bytes(p.activationForward),
    Ms: bytes(p.activationSampler),
    cmp: v.memory.blocksPerRequest <= v.memory.poolBlocks ? '≤' : '>',
    Mn: bytes(p.nonTorch),
    Mg: bytes(p.cudaGraphs),
    Mkv: bytes(p.kv),
    k: n(v.memory.layout.blockSize),
    blocks: n(v.memory.kvBlocks),
    pool: n(v.memory.poolBlocks),
    Gf: n(v.memory.layout.kindGroups.full),
    Gw: n(v.memory.layout.kindGroups.windowed),
    Gr: n(v.memory.layout.kindGroups.recurrent),
    w: n(v.memory.layout.window ?? 0),
    pr: n(v.memory.mambaCacheMode === 'align' ? 2 : 1),
    nreq: n(v.memory.blocksPerRequest),
    Lr: n(spec.recurrent ? spec.recurrent.layers.filter(Boolean).length : 0),
    sl: n(v.memory.layout.stateBytesPerLayer),
    bt: n(v.memory.layout.attentionBytesPerToken),
    page: n(v.memory.layout.pageBytes),
    Mst: bytes(v.memory.stateBytesPerRequest),
    tokens: n(v.memory.kvTokens),
    s: n(inputs.contextTokens),
    C: n(v.memory.maxConcurrency, 2),
    B: n(v.formulaBatch),
    bytesRead: bytes(d.bytesPerGpu),
    bw: n(inputs.gpu.bandwidthBytesPerSecond / 1e9),
    em: n(inputs.bandwidthEfficiency, 2),
    flops: n(d.flopsPerGpu / 1e9, 1),
    peak: n((d.flopsPerGpu > 0 ? d.flopsPerGpu / d.computeSeconds / inputs.computeEfficiency : 0) / 1e12, 1),
    ec: n(inputs.computeEfficiency, 2),
    tm: ms(d.memorySeconds),
    tc: ms(d.computeSeconds),
    tx: ms(d.commSeconds),
    to: ms(d.overheadSeconds),
    tdec: ms(d.seconds),
    ttok: ms(v.speed.decodeSecondsPerToken),
    E: n(v.speed.tokensPerStep, 2),
    tps: n(v.speed.tokensPerSecond, 1),
    P: n(inputs.promptTokens),
    pflops: n(pf.flopsPerGpu / 1e12, 2),
    pm: ms(pf.memorySeconds),
    pc: ms(pf.computeSeconds),
    px: ms(pf.commSeconds),
    ttft: ms(pf.seconds),
  };
}

export type FormulaName = 'kvPerToken' | 'kvPerTokenMla' | 'activation' | 'kvMemory' | 'tokens' | 'state' | 'starts' | 'concurrency' | 'decode' | 'ttft';

/** The formulas in TeX, symbols only (one TeX serves both languages); `\slot{name}{…}` marks the reader's numbers. */
export function servingFormulaTex(slots: Record<string, string>): Record<FormulaName, string> {
  const v = (name: string) => `\\slot{${name}}{\\text{${(slots[name] ?? '').replace(/[\\{}$&#^_%~]/g, '')}}}`;
  return {
    kvPerToken: `\\begin{aligned} b_{\\mathrm{tok}} &= L \\cdot 2 \\cdot \\max\\!\\bigl(1, n_{kv}/T\\bigr) \\cdot d_h \\cdot b \\\\ &= ${v('L')} \\cdot 2 \\cdot \\max(1, ${v('nkv')}/${v('tp')}) \\cdot ${v('dh')} \\cdot ${v('b')} = ${v('perToken')} \\end{aligned}`,
    kvPerTokenMla: `\\begin{aligned} b_{\\mathrm{tok}} &= L \\cdot (d_c + d_h^R) \\cdot b \\\\ &= ${v('L')} \\cdot (${v('dc')} + ${v('dr')}) \\cdot ${v('b')} = ${v('perToken')} \\end{aligned}`,
    // The profile's peak: the forward pass over T batched tokens, or the sampler over S sequences × V logits × β bytes.
    activation: `M_{\\mathrm{act}} = \\max\\bigl(M_{\\mathrm{fwd}}(T),\\ S \\cdot V \\cdot \\beta\\bigr) = \\max\\bigl(${v('Mf')},\\ ${v('S')} \\cdot ${v('V')} \\cdot ${v('beta')}\\,\\mathrm{B}\\bigr) = ${v('Ma')} \\quad (T = ${v('T')})`,
    kvMemory: `\\begin{aligned} M_{kv} &= u \\cdot M_{\\mathrm{GPU}} - M_w - M_{\\mathrm{act}} - M_{\\mathrm{nt}} - M_{\\mathrm{cg}} \\\\ &= ${v('u')} \\cdot ${v('M')} - ${v('Mw')} - ${v('Ma')} - ${v('Mn')} - ${v('Mg')} = ${v('Mkv')} \\end{aligned}`,
    // vLLM's hybrid manager pads each layer kind to whole groups (G groups of l_g layers; G·l_g = L when all layers are alike).
    tokens: `\\begin{aligned} N_{\\mathrm{blk}} &= \\Bigl\\lfloor \\frac{M_{kv}}{k \\cdot b_{\\mathrm{layer}} \\cdot G \\cdot l_g} \\Bigr\\rfloor = \\Bigl\\lfloor \\frac{${v('Mkv')}}{${v('k')} \\cdot ${v('perLayer')} \\cdot ${v('G')} \\cdot ${v('lg')}} \\Bigr\\rfloor = ${v('blocks')} \\\\ N_{\\mathrm{tok}} &= k \\cdot N_{\\mathrm{blk}} = ${v('tokens')}, \\quad N_{\\mathrm{pool}} = \\Bigl\\lfloor \\frac{M_{kv}}{k \\cdot b_{\\mathrm{layer}} \\cdot l_g} \\Bigr\\rfloor = ${v('pool')} \\end{aligned}`,
    // A hybrid's recurrent layers: the attention block k grows until one page (k · b_layer) holds a layer's state
    // (vLLM's HybridAttentionMambaModelConfig), and each request keeps p padded pages in each of R groups of l_g layers.
    state: `\\begin{aligned} k &= 16 \\cdot \\Bigl\\lceil \\frac{b_{\\mathrm{state}}}{16 \\cdot b_{\\mathrm{layer}}} \\Bigr\\rceil = 16 \\cdot \\Bigl\\lceil \\frac{${v('sl')}\\,\\mathrm{B}}{16 \\cdot ${v('bt')}\\,\\mathrm{B}} \\Bigr\\rceil = ${v('k')} \\quad (L_r = ${v('Lr')}) \\\\ M_{\\mathrm{state}} &= R \\cdot l_g \\cdot p \\cdot k \\cdot b_{\\mathrm{layer}} = ${v('Gr')} \\cdot ${v('lg')} \\cdot ${v('pr')} \\cdot ${v('page')}\\,\\mathrm{B} = ${v('Mst')} \\end{aligned}`,
    // vLLM's start-up check (check_enough_kv_cache_memory): one request of max_model_len must fit the pool — full groups
    // ⌈s/k⌉ blocks, sliding groups their window plus one batch of T tokens, recurrent groups p state pages each.
    starts: `\\begin{aligned} n_{\\mathrm{req}} &= F \\cdot \\lceil s/k \\rceil + W \\cdot \\bigl(\\lceil \\min(w - 1 + T, s)/k \\rceil + 1\\bigr) + R \\cdot p \\\\ &= ${v('Gf')} \\cdot \\lceil ${v('s')}/${v('k')} \\rceil + ${v('Gw')} \\cdot (\\lceil \\min(${v('w')} - 1 + ${v('T')}, ${v('s')})/${v('k')} \\rceil + 1) + ${v('Gr')} \\cdot ${v('pr')} = ${v('nreq')} \\ ${v('cmp')} \\ N_{\\mathrm{pool}} = ${v('pool')} \\end{aligned}`,
    concurrency: `C = N_{\\mathrm{pool}} / n_{\\mathrm{req}} = ${v('pool')} / ${v('nreq')} = ${v('C')}`,
    // One decode step: the slower of memory and compute, the all-reduces (bandwidth + the link's latency), and the layers'
    // fixed time; with speculative decoding a step yields E tokens and pays the drafts (t_tok = (t_dec + k·c·t_1) / E).
    decode: `\\begin{aligned} t_{\\mathrm{dec}} &= \\max\\!\\Bigl(\\frac{R}{\\eta_m \\cdot BW}, \\frac{F}{\\eta_c \\cdot \\Pi}\\Bigr) + t_{\\mathrm{ar}} + L \\cdot \\varepsilon \\\\ &= \\max\\!\\Bigl(\\frac{${v('bytesRead')}}{${v('em')} \\cdot ${v('bw')}\\,\\mathrm{GB/s}}, \\frac{${v('flops')}\\,\\mathrm{GFLOP}}{${v('ec')} \\cdot ${v('peak')}\\,\\mathrm{TFLOPS}}\\Bigr) + ${v('tx')} + ${v('to')}\\,\\mathrm{ms} \\\\ &= \\max(${v('tm')}, ${v('tc')}) + ${v('tx')} + ${v('to')} = ${v('tdec')}\\,\\mathrm{ms}, \\quad E = ${v('E')},\\ t_{\\mathrm{tok}} = ${v('ttok')}\\,\\mathrm{ms}, \\quad B / t_{\\mathrm{tok}} = ${v('B')} / t_{\\mathrm{tok}} = ${v('tps')}\\,\\mathrm{tok/s} \\end{aligned}`,
    ttft: `\\begin{aligned} t_{\\mathrm{TTFT}} &\\ge \\max\\!\\Bigl(\\frac{M_w + \\mathrm{KV}(P)}{\\eta_m \\cdot BW}, \\frac{F(P)}{\\eta_c \\cdot \\Pi}\\Bigr) + t_{\\mathrm{ar}}(P) \\\\ &= \\max(${v('pm')}, ${v('pc')}) + ${v('px')} = ${v('ttft')}\\,\\mathrm{ms} \\quad (P = ${v('P')},\\ F = ${v('pflops')}\\,\\mathrm{TFLOP}) \\end{aligned}`,
  };
}
