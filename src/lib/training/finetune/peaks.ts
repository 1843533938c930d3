/**
 * From the theoretical sum to what the tools show: `peak.allocated` (torch.cuda.max_memory_allocated),
 * `peak.reserved` (max_memory_reserved: the caching allocator's blocks) and `peak.device` (nvidia-smi: reserved plus
 * the CUDA context).
 *
 * - Gradients are not alive at the loss's peak when the framework frees them between steps
 *   (`optimizer.zero_grad(set_to_none=True)`, PyTorch's default since 2.0) and nothing accumulates them across
 *   micro-batches: they are built during the backward pass while the activations are released, so the peak is the
 *   larger of the two, not their sum. With accumulation, data parallelism (DDP buckets, ZeRO partitions) or ZeRO
 *   offload, gradients persist and add.
 * - With the optimizer step fused into the backward pass (torchtune's `optimizer_in_bwd`), each gradient is freed
 *   as soon as its parameter is updated: only the largest single gradient is alive at once.
 * - AdamW's default multi-tensor step (`torch.optim.AdamW`, foreach on CUDA) allocates `torch._foreach_sqrt` of the
 *   second moments: one state-sized temporary while gradients are alive (pytorch/pytorch torch/optim/adamw.py,
 *   `_multi_tensor_adamw`).
 * - A 4-bit or 8-bit base dequantizes each weight to 16 bits for every matmul, forward and backward
 *   (bitsandbytes `MatMul4Bit`, torchao `linear_nf4`): the largest projection in 16 bits, plus its gradient-input
 *   product, is a workspace alive at the activation peak.
 */
import type { Resolved } from './options';

export interface PeakInputs {
  /** Weights, optimizer states, ZeRO buffer and frozen copies (reference, reward, critic states) per GPU. */
  states: number;
  gradients: number;
  /** Activations at the loss's peak (policy and critic) and the rollout KV cache. */
  activations: number;
  logitsReserve: number;
  trainable: number;
  stateBytes: number;
  /** 16-bit dequantization buffer of the largest quantized projection (0 without a quantized base). */
  dequantWorkspace: number;
  /** The gradient of the largest single parameter: all that optimizer-in-backward keeps at once. */
  largestGradient: number;
}

export interface Peak {
  /** torch.cuda.max_memory_allocated(): bytes of live tensors at the peak. */
  allocated: number;
  /** torch.cuda.max_memory_reserved(): allocated plus cached blocks the allocator cannot reuse at the peak. */
  reserved: number;
  /** What nvidia-smi shows for the process: reserved plus the CUDA context. */
  device: number;
}

export interface PeakBreakdown extends Peak {
  /** Whether gradients add to the activations at the peak (accumulation, DDP/ZeRO, offload) or replace them. */
  gradientsWithActivations: boolean;
  /** Whether the peak is at the loss (activations alive) or at the optimizer step (activations freed). */
  activationsAtPeak: boolean;
  /** Gradients counted at the peak (0 when the activation peak is the larger and gradients come after it). */
  gradientsAtPeak: number;
  /** Temporaries at the peak: dequantization buffer, or AdamW's foreach step. */
  workspace: number;
  /** Cached blocks counted in `reserved` but not in `allocated`. */
  allocatorReserve: number;
  /** CUDA context and library workspaces (the overhead option or the profile's measured context). */
  cudaContext: number;
}

export function peakOf(r: Resolved, p: PeakInputs): PeakBreakdown {
  const persistent = r.accumulation > 1 || r.gpus > 1 || r.stage > 0 || r.offload !== 'none';
  const grads = r.optimizerInBackward ? Math.min(p.gradients, p.largestGradient) : p.gradients;
  const stepTemp =
    r.optimizer === 'adamw' && r.profile.adamwForeach && !r.optimizerInBackward && r.offload === 'none'
      ? (p.stateBytes * p.trainable) / (r.tp * (r.stage >= 1 ? r.gpus : 1))
      : 0;
  const atLoss = p.activations + p.dequantWorkspace;
  let dynamic: number;
  let gradientsAtPeak: number;
  let workspace: number;
  let activationsAtPeak: boolean;
  if (persistent) {
    activationsAtPeak = atLoss >= stepTemp;
    dynamic = grads + Math.max(atLoss, stepTemp);
    gradientsAtPeak = grads;
    workspace = activationsAtPeak ? p.dequantWorkspace : stepTemp;
  } else if (atLoss >= grads + stepTemp) {
    activationsAtPeak = true;
    dynamic = atLoss;
    gradientsAtPeak = 0;
    workspace = p.dequantWorkspace;
  } else {
    activationsAtPeak = false;
    dynamic = grads + stepTemp;
    gradientsAtPeak = grads;
    workspace = stepTemp;
  }
  const allocated = p.states + dynamic;
  // The logits chain's unusable cached blocks matter only when the peak is at the loss.
  const allocatorReserve = activationsAtPeak ? p.logitsReserve : 0;
  const reserved = allocated + allocatorReserve;
  return {
    allocated,
    reserved,
    device: reserved + r.overhead,
    gradientsWithActivations: persistent,
    activationsAtPeak,
    gradientsAtPeak,
    workspace,
    allocatorReserve,
    cudaContext: r.overhead,
  };
}
