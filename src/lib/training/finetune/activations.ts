/**
 * Activations kept for the backward pass, counted tensor by tensor from the model's real shapes (gated or plain MLP
 * of width `intermediate_size`, GQA key/value widths, MoE experts per token) and the framework profile (what each
 * kernel keeps, in which dtype), plus the loss's logits chain. Korthikanti et al.'s closed form is kept beside it
 * (`layerActivationBytes`) for the page's comparison and for callers of issue 4.
 */
import { isMoeLayer, type ModelSpec } from '../../model/model-spec';
import type { LoraTarget } from '../../model/lora-targets';
import { generatesRollouts, sequencesPerStep } from '../preference';
import type { MethodShape } from './methods';
import type { Resolved } from './options';
import { LOGIT_BYTES } from './profiles';

/**
 * Activation bytes of one transformer layer, Korthikanti et al. 2022 §4.1 (16-bit activations, 1-byte dropout
 * masks): s·b·h·(34 + 5·a·s/h). The 5·a·s²·b part (scores, softmax, dropout) is what a fused FlashAttention kernel
 * never stores. With tensor parallelism over t GPUs (§4.2.1, Eq. 2) each GPU keeps s·b·h·(10 + 24/t + 5·a·s/(h·t));
 * adding sequence parallelism (§4.2.2, Eq. 3) splits all of it, s·b·h/t·(34 + 5·a·s/h). `prefixLength` extra keys
 * (P-tuning v2) widen the score matrix to s×(s+p) and add the prompts' keys and values.
 */
export function layerActivationBytes(args: {
  seqLen: number;
  batchSize: number;
  hiddenSize: number;
  numHeads: number;
  flashAttention: boolean;
  prefixLength?: number;
  kvWidth?: number;
  tensorParallel?: number;
  sequenceParallel?: boolean;
}): number {
  const { seqLen: s, batchSize: b, hiddenSize: h, numHeads: a } = args;
  const p = args.prefixLength ?? 0;
  const t = args.tensorParallel ?? 1;
  const scores = args.flashAttention ? 0 : (5 * a * s * (s + p) * b) / t;
  const prefixKv = p > 0 ? (2 * 2 * b * p * (args.kvWidth ?? h)) / t : 0;
  const linear = args.sequenceParallel || t === 1 ? (34 * s * b * h) / t : s * b * h * (10 + 24 / t);
  return linear + scores + prefixKv;
}

/** One layer's kept tensors per token, split into what tensor parallelism splits and what it replicates. */
export interface LayerTokenBytes {
  /** Norm inputs and the projections' shared inputs: replicated across tensor-parallel ranks unless sequence-parallel. */
  replicated: number;
  /** Everything inside attention and the MLP: split over t. */
  split: number;
  /** Bytes per (query token, key, head) of stored attention scores (eager kernels only). */
  scorePerKeyHead: number;
}

/**
 * What one layer keeps for backward, per token. Rules (each from the profile's sources, profiles.ts):
 * - a norm keeps its input, in fp32 where it upcasts (HF, torchtune, LitGPT RMSNorm), and its output too when its
 *   weight trains;
 * - a projection's input is kept when its weight trains, when it carries a LoRA adapter (lora_A needs it), or when a
 *   4-bit matmul keeps it (bitsandbytes); a 16-bit input shared by several projections is kept once, while an fp32
 *   input (PEFT's kbit upcast) is cast separately by each consumer and each cast is kept;
 * - SDPA/flash keep q, k, v, the output and a log-sum-exp per head; K/V are kept at full width where the framework
 *   expands them to every query head first; eager keeps the s² probabilities (fp32 softmax plus its 16-bit copy in HF);
 * - a gated MLP keeps gate (for the activation), act and up (for the product), and the product when down needs its
 *   input; a plain MLP keeps fc1's output and the activation when fc2 needs it;
 * - LoRA dropout (> 0) keeps a dropped-out copy and a 1-byte mask of each adapted input; lora_A's output (r wide)
 *   is kept for lora_B.
 */
export function layerTokenBytes(spec: ModelSpec, layer: number, r: Resolved, m: MethodShape): LayerTokenBytes {
  const p = r.profile;
  const act = r.precision === 'fp32' ? 4 : 2;
  const peft = r.method === 'lora' || r.method === 'qlora';
  const upcast = r.method === 'qlora' && p.kbitUpcast;
  const resid = upcast ? 4 : act;
  const h = spec.hiddenSize;
  const vHead = spec.vHeadDim ?? spec.headDim;
  const qW = spec.numHeads * spec.headDim;
  const kvW = spec.numKvHeads * spec.headDim;
  const vW = spec.numKvHeads * vHead;
  const oIn = spec.numHeads * vHead;
  const moe = isMoeLayer(spec, layer) ? spec.moe : undefined;
  const width = moe
    ? moe.expertsPerToken * moe.expertIntermediateSize + moe.sharedExperts * (moe.sharedExpertIntermediateSize ?? moe.expertIntermediateSize)
    : spec.intermediateSize;
  const kernel = r.attention;

  if (peft && p.fusedLoraKernels) {
    // Unsloth: RMSNorm keeps its 16-bit input, LoRA_QKV keeps X, LoRA_MLP keeps X, e, g; flash keeps q, k, v, out, lse.
    const norms = (spec.normsPerLayer ?? 2) * act * h;
    const inputs = 2 * act * h;
    const attn = act * (qW + kvW + vW + oIn) + 4 * spec.numHeads;
    const mlp = (spec.mlp === 'gated' ? 2 : 1) * act * width;
    return { replicated: norms + inputs, split: attn + mlp, scorePerKeyHead: kernel === 'eager' ? 2 : 0 };
  }

  const quantKeeps = r.method === 'qlora' && p.quantKeepsInput;
  const lora = (t: LoraTarget) => peft && r.lora.targets.includes(t);
  const keepsBase = (t: LoraTarget) => (!peft && m.trainsLinear(t)) || quantKeeps;
  // The kept copies of one input of `w` elements in `bytes` per element, read by `consumers`.
  const kept = (w: number, bytes: number, consumers: LoraTarget[]) => {
    if (bytes === 4 && act === 2) {
      // Each consumer casts the fp32 input to 16 bits on its own and keeps its cast (bitsandbytes and autocast).
      return consumers.reduce((sum, c) => sum + ((keepsBase(c) ? 1 : 0) + (lora(c) ? 1 : 0)) * 2 * w, 0);
    }
    return consumers.some((c) => keepsBase(c) || lora(c)) ? bytes * w : 0;
  };
  // What the adapters add: LoRA dropout's copy and mask per adapted input, and lora_A's r-wide output.
  const adapterExtras = (w: number, consumers: LoraTarget[]) => {
    const adapted = consumers.filter(lora);
    let extra = adapted.length * act * r.lora.rank;
    if (p.loraDropout > 0 && adapted.length > 0) extra += (p.fusedQkv && consumers.includes('q') ? 1 : adapted.length) * (act + 1) * w;
    return extra;
  };
  const input = (w: number, bytes: number, consumers: LoraTarget[]) => kept(w, bytes, consumers) + adapterExtras(w, consumers);

  const normCount = spec.normsPerLayer ?? 2;
  // Compiled, the norm's fp32 statistics are recomputed from its 16-bit input.
  const normIn = p.normFp32 && spec.norm === 'rmsnorm' && !r.compile ? 4 : resid;
  let replicated = normCount * (normIn + (m.trainsNorms ? act : 0)) * h;
  replicated += input(h, resid, ['q', 'k', 'v']);
  replicated += input(h, resid, spec.mlp === 'gated' ? ['gate', 'up'] : ['up']);

  const repeat = p.repeatKv.includes(kernel) && spec.numKvHeads < spec.numHeads;
  const kS = repeat ? qW : kvW;
  const vS = repeat ? oIn : vW;
  let split = act * (qW + kS + vS);
  let scorePerKeyHead = 0;
  if (kernel === 'eager') {
    // HF's eager attention: softmax in fp32 (4 bytes) kept by its backward, cast to 16 bits (2) kept by the P·V matmul.
    scorePerKeyHead = p.normFp32 ? 6 : 2;
  } else {
    split += act * oIn + 4 * spec.numHeads;
  }
  // o_proj reads the attention output: SDPA/flash keep it already; a contiguous copy (SDPA's layout) or eager's
  // output is kept again when o_proj needs its input.
  const oKeeps = keepsBase('o') || lora('o');
  if (oKeeps && (kernel === 'eager' || (p.attnOutputCopy && kernel !== 'flash'))) split += act * oIn;
  split += adapterExtras(oIn, ['o']);
  // MLP intermediates are fp32 when the residual stream is (bitsandbytes casts its output back to the input dtype).
  const mid = resid;
  // Gated: gate (for the activation), act and up (for the product); compiled, act is recomputed from gate.
  if (spec.mlp === 'gated') split += (r.compile ? 2 : 3) * mid * width + input(width, mid, ['down']);
  else split += mid * width + input(width, mid, ['down']);
  return { replicated, split, scorePerKeyHead };
}

export interface ActivationTerms {
  /** One layer's kept activations for the current batch and sequence (no checkpointing). */
  perLayer: number;
  /** Bytes of the checkpointed layer inputs when checkpointing; 0 otherwise. */
  checkpoints: number;
  /** The loss's logits chain at its peak (allocated bytes; split over t under TP). */
  logits: number;
  /** Cached blocks the logits chain leaves that the allocator cannot reuse at the peak. */
  logitsReserve: number;
  /** Saved activations moved to CPU memory by activation offload (0 otherwise). */
  offloaded: number;
  /** The final norm's kept input and the head's input when it trains (split over t). */
  head: number;
  /** The policy's activations on the GPU at the peak: kept + one layer recomputed + logits. */
  total: number;
  /** PPO's critic activations (same shape, no logits). */
  critic: number;
  /** KV cache of rollout generation (PPO, GRPO), 16-bit. */
  kvCache: number;
}

/** Everything that depends on batch and sequence length. */
export function activationTerms(spec: ModelSpec, r: Resolved, m: MethodShape, batch: number, seq: number): ActivationTerms {
  const t = r.tp;
  const sequences = sequencesPerStep(r.objective, batch, r.generations);
  const tokens = sequences * seq;
  const pLen = m.prefixLength;
  const layers = m.layersWithActivations;
  const act = r.precision === 'fp32' ? 4 : 2;
  const resid = r.method === 'qlora' && r.profile.kbitUpcast ? 4 : act;
  // The top layer stands for every layer with activations (MoE and dense layers differ; use the heaviest).
  let perLayer = 0;
  for (let layer = spec.numLayers - layers; layer < spec.numLayers; layer++) {
    const b = layerTokenBytes(spec, layer, r, m);
    const bytes =
      (tokens * b.replicated) / (r.sp ? t : 1) +
      (tokens * b.split) / t +
      (sequences * seq * (seq + pLen) * spec.numHeads * b.scorePerKeyHead) / t +
      (pLen > 0 ? (2 * act * sequences * pLen * spec.numKvHeads * spec.headDim) / t : 0);
    perLayer = Math.max(perLayer, bytes);
    if (!spec.moe) break;
  }
  // The final norm keeps its input; the head keeps its input when it trains.
  const headIn = tokens * spec.hiddenSize * ((r.profile.normFp32 && spec.norm === 'rmsnorm' ? 4 : resid) + (r.method === 'full' ? act : 0));
  let checkpoints = 0;
  let stored: number;
  let working: number;
  if (r.checkpointing) {
    // Each layer's input (the residual stream) is kept; one layer at a time is recomputed in the backward pass.
    checkpoints = (layers * resid * tokens * spec.hiddenSize) / (r.sp ? t : 1);
    stored = checkpoints;
    working = perLayer;
  } else {
    stored = layers * perLayer;
    working = 0;
  }
  let offloaded = 0;
  if (r.actOffload) {
    // The saved tensors wait in CPU memory; the GPU holds the layer being computed (and, per profile, the one being copied back).
    offloaded = stored;
    stored = 0;
    working = Math.min(layers, r.profile.offloadLayersInFlight) * perLayer;
  }
  const chain = LOGIT_BYTES[r.loss];
  // Compiled, a chunked loss keeps only the 16-bit chunks and recomputes each chunk's fp32 log-softmax.
  const logitBytes = r.compile && r.loss === 'chunked-fp32' ? 2 : r.precision === 'fp32' && r.loss === 'chunked-16bit' ? 8 : chain.allocated;
  const logits = (tokens * spec.vocabSize * logitBytes) / t;
  const logitsReserve = (tokens * spec.vocabSize * (r.precision === 'fp32' ? 0 : chain.reserved)) / t;
  const head = headIn / t;
  const total = stored + working + logits + head;
  const critic = r.objective === 'ppo' ? stored + working : 0;
  let kvCache = 0;
  if (generatesRollouts(r.objective)) {
    // The same rules as kv-cache.ts (windowed layers, layers without a cache, MLA's shared latent), restated here
    // because importing that module pulls the KV calculator's shared chunk into this island; the unit tests check
    // the two agree.
    const perToken = spec.mla ? spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim : 2 * spec.numKvHeads * spec.headDim;
    let kvTokens = 0;
    for (let layer = 0; layer < spec.numLayers; layer++) {
      if (spec.kvLayers?.[layer] === false) continue;
      kvTokens += spec.slidingWindow?.layers[layer] ? Math.min(seq, spec.slidingWindow.window) : seq;
    }
    kvCache = (kvTokens * perToken * 2 * sequences) / t;
  }
  return { perLayer, checkpoints, logits, logitsReserve, offloaded, head, total, critic, kvCache };
}
