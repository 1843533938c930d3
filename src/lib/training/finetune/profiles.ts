/**
 * What each framework's default recipe materializes on the GPU. The formulas (activations.ts, peaks.ts) are the
 * same for every framework; a profile only says which tensors exist, in which dtype, and where. Every rule names the
 * source file it was read from, at a commit; an explicit option of `FineTuneOptions` overrides the profile's rule.
 *
 * Sources (github.com/<repo>/blob/<commit>/<path>):
 * - transformers d0fed636753eeb35d790126c4496d06847983d60 src/transformers/loss/loss_utils.py (`ForCausalLMLoss`:
 *   `logits = logits.float()` before `cross_entropy`), and models/llama/modeling_llama.py of the same tree
 *   (`LlamaRMSNorm` casts its input to float32; `repeat_kv` expands K/V to every query head for eager and SDPA).
 * - peft 012c0d5a96744096ab28f87cde9bd9918f5367a1 src/peft/utils/other.py (`prepare_model_for_kbit_training`:
 *   "cast all non INT8 parameters to fp32", so embeddings, norms and the head of a QLoRA model become fp32 and the
 *   residual stream with them); called by trl d11f0f530ee585d0c691ebb78eb36e9f34c1a59f trl/trainer/sft_trainer.py
 *   for 4/8-bit models.
 * - bitsandbytes 60a0d8a5084f4f592ace550aa683bcf5a449c82c bitsandbytes/autograd/_functions.py (`MatMul4Bit.forward`
 *   dequantizes the whole weight to 16 bit for each call and keeps its input, `ctx.tensors = (A, B)`).
 * - unsloth f4633d8e662a3e3a9446ceaad7a1b65098f5dceb unsloth/kernels/fast_lora.py (`LoRA_MLP` saves only X, e, g;
 *   the rest is recomputed), and the same tree's gradient checkpointing "unsloth" mode (layer inputs offloaded to
 *   CPU) and fused cross-entropy (no b·s·V logits).
 * - torchtune 3e5b0408e636e20ca18e9c6c58c68b4da9339129 torchtune/modules/transformer.py (`self.output(h).float()`:
 *   fp32 logits unless `CEWithChunkedOutputLoss`), torchtune/modules/attention.py (K/V expanded before SDPA), and
 *   torchao's NF4 linear, which keeps no input (`linear_nf4` saves only the NF4 weight).
 * - litgpt 00af8b0d9b43eaa3f8c812e3e8bd53ef38cbb49d litgpt/finetune/lora.py (`lm_head_chunk_size=128`,
 *   `chunked_cross_entropy` in the model dtype, `torch.cuda.max_memory_allocated()` printed as "Memory used"),
 *   litgpt/model.py (K/V `expand`ed to every head before SDPA; RMSNorm in float32), config_hub/finetune/*\/lora.yaml
 *   (`lora_dropout: 0.05`, `quantize: bnb.nf4` without double quantization).
 * - LLaMA-Factory 908cd68e457daf38e7aae14cbc99e5ac01524496 src/llamafactory/model/model_utils/checkpointing.py
 *   (no fp32 upcast unless `upcast_layernorm`; gradient checkpointing on by default), hparams: `lora_dropout` 0,
 *   `flash_attn: auto`; it loads QLoRA bases without `prepare_model_for_kbit_training`.
 * - torch.compile: pytorch eb42ad6eca0ce61e7c581212b4bf32f991425571 torch/_functorch/partitioners.py
 *   (`min_cut_rematerialization_partition` recomputes pointwise ops in the backward pass rather than saving them).
 * - CUDA context: the bare context is 426 MiB, measured with PyTorch 2.10 on an RTX 6000 Ada (unslothai/unsloth-zoo PR
 *   #1053, "Live measurements"; "around 400MB if CUDA >= 11.7 is used and lazy module loading enabled",
 *   pytorch/pytorch #109888). A training process adds the kernels it loads lazily (cuBLAS, FlashAttention,
 *   bitsandbytes, Triton) and their workspaces; no source states that size, so it is taken from measurements: the
 *   intercept of Unsloth's Llama 3.1 8B context-length table (both columns, 12 to 80 GB) puts everything outside
 *   PyTorch's allocator at 1.25 GiB. The calculator's overhead field overrides it.
 */

export type Framework = 'hf' | 'unsloth' | 'torchtune' | 'litgpt' | 'llama-factory';
export const FRAMEWORKS: readonly Framework[] = ['hf', 'unsloth', 'torchtune', 'litgpt', 'llama-factory'];

export type AttentionKernel = 'eager' | 'sdpa' | 'flash';

/**
 * How the loss meets the logits. 'upcast': the whole b·s·V logits are cast to fp32 and a log-softmax kept (HF,
 * torchtune's default loss). 'chunked-fp32': logits in 16-bit chunks, each upcast for its own loss (torchtune
 * `CEWithChunkedOutputLoss`). 'chunked-16bit': chunks and their log-softmax in the model dtype (LitGPT). 'fused':
 * never materialized (Liger, Cut Cross-Entropy, Unsloth).
 */
export type LossKind = 'upcast' | 'chunked-fp32' | 'chunked-16bit' | 'fused';

/**
 * Bytes per logit alive at the loss's peak, allocated and cached-but-unusable. 'upcast': in the backward of
 * log_softmax the saved fp32 output (4), its incoming gradient (4) and the gradient it produces (4) are alive
 * together: 12. The 16-bit logits' block (2) was freed before it, and the caching allocator cannot hand a 2-byte
 * block out for a 4-byte request, so it stays reserved. 'chunked-fp32': the 16-bit chunks (2) plus one fp32
 * log-softmax (4). 'chunked-16bit': 16-bit chunks (2) and their 16-bit log-softmax (2).
 */
export const LOGIT_BYTES: Record<LossKind, { allocated: number; reserved: number }> = {
  upcast: { allocated: 12, reserved: 2 },
  'chunked-fp32': { allocated: 6, reserved: 0 },
  'chunked-16bit': { allocated: 4, reserved: 0 },
  fused: { allocated: 0, reserved: 0 },
};

export interface FrameworkProfile {
  /** Display name. */
  name: string;
  /** Attention kernel of the default recipe. */
  attention: AttentionKernel;
  /** Kernels before which K and V are expanded to every query head (a copy the kernel keeps for backward). */
  repeatKv: readonly AttentionKernel[];
  /** RMSNorm keeps an fp32 copy of its input for backward (4 bytes per element, not 2). */
  normFp32: boolean;
  loss: LossKind;
  /** The attention output is made contiguous again before o_proj: a second copy when o_proj keeps its input. */
  attnOutputCopy: boolean;
  /** LoRA dropout of the default recipe: when > 0 each adapted input keeps a dropped-out copy and a 1-byte mask. */
  loraDropout: number;
  /** One LoRA dropout for the fused q/k/v projection (LitGPT's `qkv`), not one per projection. */
  fusedQkv: boolean;
  /** Unsloth's fused LoRA kernels: attention keeps X, the MLP X, e and g; nothing else per layer. */
  fusedLoraKernels: boolean;
  /** Checkpointed layer inputs go to CPU memory (Unsloth's "unsloth" gradient checkpointing). */
  checkpointOffload: boolean;
  /**
   * Layers of activations in flight on the GPU under activation offload: 2 for Unsloth (the next checkpoint is copied
   * back while a layer's backward runs), 1 for torchtune's `OffloadActivations` (streams each saved tensor).
   */
  offloadLayersInFlight: number;
  /** QLoRA: the non-quantized parameters are upcast to fp32, and with them the residual stream (PEFT's prepare_model_for_kbit_training). */
  kbitUpcast: boolean;
  /** The 4-bit matmul keeps its input for backward (bitsandbytes `MatMul4Bit`); torchao's NF4 does not. */
  quantKeepsInput: boolean;
  /** NF4 with double quantization (4.127 bits per weight), or plain NF4 with fp32 block constants (4.5 bits). */
  nf4DoubleQuant: boolean;
  /** LoRA adapters (and their gradients and states) in fp32. */
  adapterFp32: boolean;
  /** Gradient checkpointing is on in the default LoRA/QLoRA recipe (the calculator's default for those methods). */
  checkpointingByDefault: boolean;
  /**
   * AdamW's default multi-tensor step (`foreach`) allocates one state-sized temporary (`torch._foreach_sqrt` of the
   * second moments, torch/optim/adamw.py `_multi_tensor_adamw`); torchtune's configs ask for `fused: True`, which does not.
   */
  adamwForeach: boolean;
  /** CUDA context per process, in bytes (not counted by PyTorch's allocator; what nvidia-smi adds). */
  cudaContextBytes: number;
}

const MiB = 2 ** 20;
/** Bare context plus lazily loaded training kernels and workspaces (see the sources above). */
const TRAINING_CONTEXT = 1280 * MiB;

export const FRAMEWORK_PROFILES: Record<Framework, FrameworkProfile> = {
  hf: {
    name: 'Hugging Face (transformers + PEFT + TRL)',
    attention: 'sdpa',
    repeatKv: ['eager', 'sdpa'],
    normFp32: true,
    loss: 'upcast',
    attnOutputCopy: true,
    loraDropout: 0,
    fusedQkv: false,
    fusedLoraKernels: false,
    checkpointOffload: false,
    offloadLayersInFlight: 2,
    kbitUpcast: true,
    quantKeepsInput: true,
    nf4DoubleQuant: true,
    adapterFp32: true,
    checkpointingByDefault: true,
    cudaContextBytes: TRAINING_CONTEXT,
    adamwForeach: true,
  },
  unsloth: {
    name: 'Unsloth',
    attention: 'flash',
    repeatKv: ['eager'],
    normFp32: false,
    loss: 'fused',
    attnOutputCopy: false,
    loraDropout: 0,
    fusedQkv: false,
    fusedLoraKernels: true,
    checkpointOffload: true,
    offloadLayersInFlight: 2,
    kbitUpcast: false,
    quantKeepsInput: false,
    nf4DoubleQuant: true,
    adapterFp32: false,
    checkpointingByDefault: true,
    cudaContextBytes: TRAINING_CONTEXT,
    adamwForeach: true,
  },
  torchtune: {
    name: 'torchtune',
    attention: 'sdpa',
    repeatKv: ['eager', 'sdpa'],
    normFp32: true,
    loss: 'chunked-fp32',
    attnOutputCopy: true,
    loraDropout: 0,
    fusedQkv: false,
    fusedLoraKernels: false,
    checkpointOffload: false,
    offloadLayersInFlight: 1,
    kbitUpcast: false,
    quantKeepsInput: false,
    nf4DoubleQuant: true,
    adapterFp32: false,
    checkpointingByDefault: true,
    cudaContextBytes: TRAINING_CONTEXT,
    adamwForeach: false,
  },
  litgpt: {
    name: 'LitGPT',
    attention: 'sdpa',
    repeatKv: ['eager', 'sdpa', 'flash'],
    normFp32: true,
    loss: 'chunked-16bit',
    attnOutputCopy: true,
    loraDropout: 0.05,
    fusedQkv: true,
    fusedLoraKernels: false,
    checkpointOffload: false,
    offloadLayersInFlight: 2,
    kbitUpcast: false,
    quantKeepsInput: true,
    nf4DoubleQuant: false,
    adapterFp32: false,
    checkpointingByDefault: false,
    cudaContextBytes: TRAINING_CONTEXT,
    adamwForeach: true,
  },
  'llama-factory': {
    name: 'LLaMA-Factory',
    attention: 'sdpa',
    repeatKv: ['eager', 'sdpa'],
    normFp32: true,
    loss: 'upcast',
    attnOutputCopy: true,
    loraDropout: 0,
    fusedQkv: false,
    fusedLoraKernels: false,
    checkpointOffload: false,
    offloadLayersInFlight: 2,
    kbitUpcast: false,
    quantKeepsInput: true,
    nf4DoubleQuant: true,
    adapterFp32: true,
    checkpointingByDefault: true,
    cudaContextBytes: TRAINING_CONTEXT,
    adamwForeach: true,
  },
};
