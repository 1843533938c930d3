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
  const added = o.method === 'lora' || o.method === 'qlora' || o.method === 'p-tuning-v2' ? result.trainableParams : 0;
  const fp32 = o.precision === 'fp32';
  const weightBytes = fp32 ? 4 : 2;
  const adapterBytes = qlora ? (o.adapterPrecision === 'fp32' ? 4 : 2) : weightBytes;
  const pBase = result.totalParams - result.quantizedParams;
  const T = result.trainableParams;
  const bG = T > 0 ? result.unsharded.gradients / T : 0;
  const bM = !qlora && o.precision === 'mixed' ? 4 : 0;
  const bS = T > 0 ? result.unsharded.optimizer / T - bM : 0;
  const flash = o.flashAttention ?? false;
  const h = spec.hiddenSize;
  const scale = fp32 ? 2 : 1;
  const core = 34 * o.seqLen * o.batchSize * h + (flash ? 0 : 5 * spec.numHeads * o.seqLen * o.seqLen * o.batchSize);
  const extra = result.activations.perLayer - core * scale;
  const kept = o.gradientCheckpointing ? result.activations.checkpoints / Math.max(result.activations.layers, 1) : result.activations.perLayer;
  const stage = o.zeroStage ?? 0;
  const gpus = o.gpus ?? 1;
  const n = (on: boolean) => (on ? count(gpus) : '1');
  return {
    weights: { pBase: count(pBase), bBase: bpp(qlora ? 2 : weightBytes), pQ: count(result.quantizedParams), pA: count(added), bA: bpp(adapterBytes), mW: bytes(result.unsharded.weights) },
    gradients: { T: count(T), bG: bpp(bG), mG: bytes(result.unsharded.gradients) },
    optimizer: { T: count(T), bM: bpp(bM), bS: bpp(bS), mO: bytes(result.unsharded.optimizer) },
    actLayer: {
      s: count(o.seqLen),
      b: count(o.batchSize),
      h: count(h),
      attn: flash ? '0' : formatCount(Math.round(((5 * spec.numHeads * o.seqLen) / h) * 100) / 100, lang),
      scale: String(scale),
      extra: count(extra),
      mL: bytes(result.activations.perLayer),
    },
    actTotal: {
      La: count(result.activations.layers),
      kept: bytes(kept),
      re: bytes(o.gradientCheckpointing ? result.activations.perLayer : 0),
      logits: bytes(result.activations.logits),
      mA: bytes(result.bytes.activations),
    },
    total: { nW: n(stage >= 3), nG: n(stage >= 2), nO: n(stage >= 1), total: bytes(result.bytes.total) },
  };
}
