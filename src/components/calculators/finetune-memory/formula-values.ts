/** The reader's numbers in the fine-tune formulas' slots; only the formulas panel (loaded after start-up) needs them. */
import type { FineTuneMemory } from '~/lib/memory/finetune-memory';
import type { ModelSpec } from '~/lib/model/model-spec';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import type { FormulaName } from './formulas';
import { toOptions, type FtState } from './state';
import { formatBytesPerParam, formatCount } from './view';

/** The reader's numbers for each formula's slots, read back from the core's result. */
export function formulaValues(result: FineTuneMemory, state: FtState, spec: ModelSpec, lang: Lang): Record<FormulaName, Record<string, string>> {
  // Binary units (GiB = 2^30 bytes), as PyTorch and nvidia-smi report memory.
  const bytes = formatterFor(lang).bytes;
  const count = (n: number) => formatCount(n, lang);
  const bpp = (n: number) => formatBytesPerParam(n, lang);
  const o = toOptions(state);
  const qlora = o.method === 'qlora';
  const lora = o.method === 'lora';
  const added = o.method === 'lora' || o.method === 'qlora' || o.method === 'p-tuning-v2' ? result.trainableParams : 0;
  const fp32 = o.precision === 'fp32';
  const weightBytes = fp32 ? 4 : 2;
  const fp32Adapters = o.adapterPrecision === 'fp32' && (qlora || (lora && !fp32));
  const adapterBytes = qlora || lora ? (fp32Adapters ? 4 : qlora ? 2 : weightBytes) : weightBytes;
  const pBase = result.totalParams - result.quantizedParams;
  const T = result.trainableParams;
  const bG = T > 0 ? result.unsharded.gradients / T : 0;
  const bM = !qlora && !fp32Adapters && o.precision === 'mixed' ? 4 : 0;
  const bS = T > 0 ? result.unsharded.optimizer / T - bM : 0;
  const quantBytes = result.unsharded.weights - pBase * (qlora ? 2 : weightBytes) - added * adapterBytes;
  const t = o.tensorParallel ?? 1;
  const sp = o.sequenceParallel ?? false;
  const nSeq = result.sequences;
  const tsp = sp ? t : 1;
  const a = result.activations;
  const tokens = o.seqLen * nSeq;
  const kb = a.tokenBytes;
  const scores = (tokens * o.seqLen * spec.numHeads * kb.scorePerKeyHead) / t;
  const offloaded = a.offloaded;
  const keptPerLayer = o.gradientCheckpointing ? a.checkpoints / Math.max(a.layers, 1) : a.perLayer;
  const work = result.bytes.activations - a.layers * keptPerLayer - a.logits - a.head + offloaded;
  const p = result.peakBreakdown;
  const b0 = result.bytes;
  const states = b0.weights + b0.optimizer + b0.zeroBuffer + b0.reference + b0.reward + b0.critic;
  const activationsAtPeak = p.activationsAtPeak ? b0.activations + b0.criticActivations + b0.rolloutKvCache : 0;
  const stage = o.zeroStage ?? 0;
  const gpus = o.gpus ?? 1;
  const n = (on: boolean) => (on ? count(gpus) : '1');
  const b = result.bytes;
  const pref = b.reference + b.reward + b.critic + b.criticActivations + b.rolloutKvCache;
  const kvPerToken = spec.mla ? spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim : 2 * spec.numKvHeads * spec.headDim;
  const rollouts = b.rolloutKvCache > 0;
  return {
    weights: {
      pBase: count(pBase),
      bBase: bpp(qlora ? 2 : weightBytes),
      pQ: count(result.quantizedParams),
      qB: bytes(quantBytes),
      pA: count(added),
      bA: bpp(adapterBytes),
      mW: bytes(result.unsharded.weights),
    },
    gradients: { T: count(T), bG: bpp(bG), mG: bytes(result.unsharded.gradients) },
    optimizer: { T: count(T), bM: bpp(bM), bS: bpp(bS), mO: bytes(result.unsharded.optimizer) },
    actLayer: {
      bs: count(tokens),
      krep: count(kb.replicated),
      ksplit: count(kb.split),
      tsp: count(tsp),
      t: count(t),
      s: count(o.seqLen),
      a: count(spec.numHeads),
      cs: count(kb.scorePerKeyHead),
      mL: bytes(a.perLayer),
      scores: bytes(scores),
    },
    logits: { bs: count(tokens), V: count(spec.vocabSize), cL: count(a.logitBytes), t: count(t), mLog: bytes(a.logits) },
    actTotal: {
      La: count(a.layers),
      kept: bytes(keptPerLayer),
      re: bytes(Math.max(0, work)),
      logits: bytes(a.logits),
      head: bytes(a.head),
      mA: bytes(b.activations),
    },
    peak: {
      states: bytes(states),
      gp: bytes(p.gradientsAtPeak),
      ap: bytes(activationsAtPeak),
      ws: bytes(p.workspace),
      cache: bytes(p.allocatorReserve),
      ctx: bytes(p.cudaContext),
      device: bytes(result.peak.device),
    },
    total: { t: count(t), nW: n(stage >= 3), nG: n(stage >= 2), nO: n(stage >= 1), buf: bytes(b.zeroBuffer), pref: bytes(pref), total: bytes(b.total) },
    preference: {
      ref: bytes(b.reference),
      reward: bytes(b.reward),
      critic: bytes(b.critic),
      cact: bytes(b.criticActivations),
      kv: bytes(b.rolloutKvCache),
      L: count(rollouts ? spec.numLayers : 0),
      e: count(kvPerToken),
      kvs: count(o.seqLen),
      nseq: count(rollouts ? nSeq : 0),
      kvt: count(t),
    },
  };
}
