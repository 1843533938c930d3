/**
 * The recurrent layers of hybrid models (Gated DeltaNet, Kimi Delta Attention, Mamba-2, Mamba-1): their weights,
 * and the fixed state one sequence keeps in each of them, sized as vLLM's state spec sizes it.
 *
 * vLLM holds a recurrent layer's state as one `MambaSpec` page per sequence: `page_size_bytes` is
 * Σ prod(shape) · dtype size over the shapes of `MambaStateShapeCalculator` (a short-convolution window and the
 * recurrent state), vllm/v1/kv_cache_interface.py and vllm/model_executor/layers/mamba/mamba_utils.py at
 * vllm-project/vllm@02d710837549a368073552333f66d714477415d2:
 * - Gated DeltaNet (`gated_delta_net_state_shape`): conv (K−1) × (2·n_k·d_k + n_v·d_v), state n_v × d_v × d_k;
 * - KDA (`kda_state_shape`): conv (K−1) × (H·d + 2·H·d), state H × d × d, always float32 (`kda_state_dtype`);
 * - Mamba-2 (`mamba2_state_shape`): conv (K−1) × (H·P + 2·G·N), state H × P × N;
 * - Mamba-1 (`mamba1_state_shape`): conv (K−1) × d_inner, state d_inner × N.
 * Under tensor parallelism every shape is divided by the TP size, n_groups first padded to a multiple of it
 * (`extra_groups_for_head_shards`).
 */
import type { LinearShape } from './linear-shapes';
import type { ModelSpec, RecurrentSpec } from './model-spec';

/** Numbers one sequence's state holds in one recurrent layer: the convolution window and the recurrent state. */
export interface RecurrentStateElements {
  conv: number;
  /** The recurrent (SSM / delta-rule) state, the part vLLM may keep in float32. */
  ssm: number;
}

/** The widths of a Mamba-2 or Gated DeltaNet block that the projections and the convolution share. */
function widths(r: RecurrentSpec, hidden: number) {
  switch (r.kind) {
    case 'gated-deltanet': {
      const key = r.numKeyHeads * r.keyHeadDim;
      const value = r.numHeads * r.headDim;
      return { inner: value, conv: 2 * key + value };
    }
    case 'kda': {
      const inner = r.numHeads * r.headDim;
      return { inner, conv: 3 * inner };
    }
    case 'mamba2': {
      const inner = r.numHeads * r.headDim;
      return { inner, conv: inner + 2 * r.numKeyHeads * r.stateSize };
    }
    case 'mamba1':
      return { inner: r.headDim, conv: r.headDim };
    default:
      return { inner: hidden, conv: hidden };
  }
}

/**
 * The linear projections of one recurrent mixer, as the checkpoints store them (in → out widths). None is a LoRA
 * target by the names `q`…`down`, so `target` is null.
 * - Gated DeltaNet (transformers Qwen3NextGatedDeltaNet): in_proj_qkvz h → 2·n_k·d_k + 2·n_v·d_v, in_proj_ba
 *   h → 2·n_v, out_proj n_v·d_v → h.
 * - KDA (Kimi Linear's KimiDeltaAttention): q/k/v h → H·d, f_a and g_a h → d, f_b and g_b d → H·d, b h → H,
 *   o_proj H·d → h.
 * - Mamba-2 (transformers NemotronHMamba2Mixer): in_proj h → 2·I + 2·G·N + H, out_proj I → h.
 * - Mamba-1 (transformers JambaMambaMixer): in_proj h → 2·I, x_proj I → R + 2·N, dt_proj R → I, out_proj I → h.
 */
export function recurrentLinearShapes(spec: ModelSpec): LinearShape[] {
  const r = spec.recurrent;
  if (!r) return [];
  const h = spec.hiddenSize;
  const { inner } = widths(r, h);
  const linear = (dIn: number, dOut: number, parallel: 'column' | 'row' | 'replicated' = 'column'): LinearShape => ({
    target: null,
    dIn,
    dOut,
    count: 1,
    parallel,
  });
  switch (r.kind) {
    case 'gated-deltanet':
      return [linear(h, 2 * r.numKeyHeads * r.keyHeadDim + 2 * inner), linear(h, 2 * r.numHeads), linear(inner, h, 'row')];
    case 'kda':
      return [
        linear(h, inner),
        linear(h, inner),
        linear(h, inner),
        linear(h, r.headDim, 'replicated'),
        linear(r.headDim, inner),
        linear(h, r.headDim, 'replicated'),
        linear(r.headDim, inner),
        linear(h, r.numHeads),
        linear(inner, h, 'row'),
      ];
    case 'mamba2':
      return [linear(h, 2 * inner + 2 * r.numKeyHeads * r.stateSize + r.numHeads), linear(inner, h, 'row')];
    case 'mamba1': {
      const rank = r.dtRank ?? Math.ceil(h / 16);
      return [linear(h, 2 * inner), linear(inner, rank + 2 * r.stateSize, 'replicated'), linear(rank, inner), linear(inner, h, 'row')];
    }
  }
}

/**
 * Parameters of one recurrent mixer: its projections (with biases where the config asks), the short convolution,
 * and the small per-head or per-channel vectors (Δ bias, A, D) and norms each kind keeps.
 */
export function recurrentLayerParams(spec: ModelSpec): number {
  const r = spec.recurrent;
  if (!r) return 0;
  const h = spec.hiddenSize;
  const { inner, conv } = widths(r, h);
  const projections = recurrentLinearShapes(spec).reduce((sum, s) => sum + s.dIn * s.dOut * s.count, 0);
  const convolution = conv * r.convKernel + (r.convBias ? conv : 0);
  switch (r.kind) {
    case 'gated-deltanet':
      // dt_bias and A_log per value head; the gated RMSNorm over one value head.
      return projections + convolution + 2 * r.numHeads + r.headDim;
    case 'kda':
      // A_log per head, dt_bias per channel, o_norm over one head.
      return projections + convolution + r.numHeads + inner + r.headDim;
    case 'mamba2': {
      const inProjBias = r.projBias ? 2 * inner + 2 * r.numKeyHeads * r.stateSize + r.numHeads + h : 0;
      // dt_bias, A_log and D per head; the gated RMSNorm over the inner width.
      return projections + inProjBias + convolution + 3 * r.numHeads + inner;
    }
    case 'mamba1': {
      const rank = r.dtRank ?? Math.ceil(h / 16);
      const projBias = r.projBias ? 2 * inner + h : 0;
      // dt_proj's bias, A_log (I × N) and D (I); Jamba's RMSNorms on Δ, B and C.
      const norms = r.innerNorms ? rank + 2 * r.stateSize : 0;
      return projections + projBias + convolution + inner + inner * r.stateSize + inner + norms;
    }
  }
}

/**
 * The numbers one sequence keeps in one recurrent layer on one tensor-parallel rank (vLLM's
 * `MambaStateShapeCalculator`, see the file comment). `tensorParallel` must divide the heads, as vLLM requires.
 *
 * @example
 * recurrentStateElements(qwen3Next) // => { conv: 24576, ssm: 524288 } (3 × 8192; 32 × 128 × 128)
 */
export function recurrentStateElements(spec: ModelSpec, tensorParallel = 1): RecurrentStateElements {
  const r = spec.recurrent;
  if (!r) return { conv: 0, ssm: 0 };
  const window = r.convKernel - 1;
  switch (r.kind) {
    case 'gated-deltanet':
      return {
        conv: (window * (2 * r.numKeyHeads * r.keyHeadDim + r.numHeads * r.headDim)) / tensorParallel,
        ssm: (r.numHeads * r.headDim * r.keyHeadDim) / tensorParallel,
      };
    case 'kda':
      return { conv: (window * 3 * r.numHeads * r.headDim) / tensorParallel, ssm: (r.numHeads * r.headDim * r.headDim) / tensorParallel };
    case 'mamba2': {
      // Groups that do not split evenly are replicated up to the TP size so each rank holds the groups its heads use.
      const groups = r.numKeyHeads % tensorParallel === 0 ? r.numKeyHeads : tensorParallel;
      return {
        conv: (window * (r.numHeads * r.headDim + 2 * groups * r.stateSize)) / tensorParallel,
        ssm: (r.numHeads * r.headDim * r.stateSize) / tensorParallel,
      };
    }
    case 'mamba1':
      return { conv: (window * r.headDim) / tensorParallel, ssm: (r.headDim * r.stateSize) / tensorParallel };
  }
}

/** Recurrent layers of the model. */
export function recurrentLayerCount(spec: ModelSpec): number {
  return spec.recurrent ? spec.recurrent.layers.filter(Boolean).length : 0;
}
