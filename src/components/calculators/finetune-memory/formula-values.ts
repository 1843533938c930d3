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
  const num = (n: number) => formatCount(Math.round(n * 100) / 100, lang);
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
  const flash = o.flashAttention ?? false;
  const h = spec.hiddenSize;
  const scale = fp32 ? 2 : 1;
  const t = o.tensorParallel ?? 1;
  const sp = o.sequenceParallel ?? false;
  const nSeq = result.sequences;
  const tsp = sp ? t : 1;
  const lin = sp || t === 1 ? 34 : 10 + 24 / t;
  const attnTerm = flash ? 0 : (5 * spec.numHeads * o.seqLen) / (h * (sp ? 1 : t));
  const core = ((o.seqLen * nSeq * h) / tsp) * (lin + attnTerm);
  const extra = result.activations.perLayer - core * scale;
  const a = result.activations;
  const offloaded = a.offloaded;
  const keptPerLayer = o.gradientCheckpointing ? a.checkpoints / Math.max(a.layers, 1) : a.perLayer;
  const work = result.bytes.activations - a.layers * keptPerLayer - a.logits + offloaded;
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
      s: count(o.seqLen),
      b: count(nSeq),
      h: count(h),
      tsp: count(tsp),
      lin: num(lin),
      attn: num(attnTerm),
      scale: String(scale),
      extra: count(Math.round(extra)),
      mL: bytes(a.perLayer),
    },
    actTotal: {
      La: count(a.layers),
      kept: bytes(keptPerLayer),
      re: bytes(Math.max(0, work)),
      logits: bytes(a.logits),
      off: bytes(offloaded),
      mA: bytes(b.activations),
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
