/**
 * The serving planner's defaults, apart from `serving.ts` so that an island can show them (and vLLM's batch
 * defaults for a GPU) without loading the planner's arithmetic.
 */
import { GiB } from '../model/dtype';

/**
 * The reserve outside weights and KV, as vLLM V1's startup profile measures it (`Worker.determine_available_memory`,
 * vllm/v1/worker/gpu_worker.py, with `memory_profiling` in vllm/utils/mem_utils.py): of the requested
 * `gpu_memory_utilization × total` it subtracts the weights, the PyTorch peak of `GPUModelRunner.profile_run` (one
 * dummy forward over `max_num_batched_tokens` tokens, then a dummy sampler run over `min(max_num_seqs,
 * max_num_batched_tokens)` sequences: vllm/v1/worker/gpu_model_runner.py `_dummy_run`, `_dummy_sampler_run`), the
 * memory outside PyTorch that grew during that run, and since vLLM 0.21 the CUDA-graph estimate
 * (`profile_cudagraph_memory`, on by default as VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS). The defaults below are
 * calibrated on startup logs (tests/unit/lib/memory/vllm-reserve.test.ts lists each with its URL).
 */

/**
 * Memory outside PyTorch that grows during the profile run on one GPU (CUDA modules loaded lazily, library
 * workspaces): 0.13–0.14 GiB on one H100 for Llama-3.1-8B, Qwen3-0.6B and Qwen3-32B (llm-d-benchmark's measured
 * runs), ≈ 0.15 GiB in the vLLM 0.10.1.1 A100 logs once the sampler term is taken out. The CUDA context itself is
 * created before vLLM takes its baseline snapshot, so it is not in the budget.
 */
export const DEFAULT_CUDA_CONTEXT_BYTES = 0.15 * GiB;
/**
 * NCCL (and custom all-reduce) buffers, only with tensor parallelism: the non-PyTorch term rises from 0.13 to
 * 0.55 GiB going from TP 1 to TP 2 on H100 (llm-d-benchmark) and by ≈ 0.12 GiB on two A100 in one node (vLLM 0.10.1.1).
 */
export const DEFAULT_NCCL_BYTES = 0.25 * GiB;
/** The non-PyTorch reserve on one GPU without tensor parallelism (kept under its earlier name). */
export const DEFAULT_NON_TORCH_BYTES = DEFAULT_CUDA_CONTEXT_BYTES;
/**
 * vLLM ≥ 0.21 subtracts its CUDA-graph estimate before sizing the cache: 0.30–1.62 GiB in the logs read
 * ("Estimated CUDA graph memory: … GiB total"); earlier versions capture the graphs after sizing, out of the
 * (1 − u) margin. An assumption the reader can change.
 */
export const DEFAULT_CUDA_GRAPH_BYTES = 0.6 * GiB;
/** vLLM's default `gpu_memory_utilization`. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
/** vLLM's default `max_num_batched_tokens` for `vllm serve` on an H100-class GPU (see `vllmBatchDefaults`). */
export const DEFAULT_MAX_NUM_BATCHED_TOKENS = 8192;
/** vLLM's default `max_num_seqs` for `vllm serve` on an H100-class GPU (see `vllmBatchDefaults`). */
export const DEFAULT_MAX_NUM_SEQS = 1024;

/**
 * How the dummy sampler run of the profile allocates, in bytes per logit (sequences × vocabulary):
 * - `flashinfer`: FlashInfer's top-k/top-p kernel (vLLM's default whenever FlashInfer is installed, as in the
 *   official image, up to 0.11.0 and again since PR #40376, April 2026): the logits in bf16 and fp32 and one fp32
 *   probability tensor, ≈ 10 B — 0.36 GiB for 256 × 152,064 logits, what the 0.10.1.1 A100 logs leave for it.
 * - `pytorch`: the native path (`apply_top_k_top_p` in vllm/v1/sample/ops/topk_topp_sampler.py: a full sort with
 *   int64 indices, softmax, cumsum, masks, scatter), the default from PR #26859 (vLLM 0.11.1) until #40376, or
 *   without FlashInfer: 38.5 B measured (5.56 GiB for Qwen3-0.6B, 4.76 for Llama-3.1-8B, 7.38 for gpt-oss-20b, all at
 *   1,024 sequences on H100, llm-d-benchmark; 0.94 GiB for Phi-4 at 256 sequences).
 */
export const SAMPLER_BYTES_PER_LOGIT = { flashinfer: 10, pytorch: 38.5 } as const;
export type ProfileSampler = keyof typeof SAMPLER_BYTES_PER_LOGIT;
export const PROFILE_SAMPLERS = Object.keys(SAMPLER_BYTES_PER_LOGIT) as ProfileSampler[];

/**
 * vLLM's batch limits when the reader sets none (`EngineArgs.get_batch_defaults`, vllm/engine/arg_utils.py): on a
 * GPU of at least 70 GiB that is not an A100, `vllm serve` takes 8,192 batched tokens and 1,024 sequences; on
 * others 2,048 and 256 ("Setting large max_num_batched_tokens for A100 reduces throughput", PR #17885).
 *
 * @example vllmBatchDefaults(24 * GiB, 'RTX 4090') // => { maxNumBatchedTokens: 2048, maxNumSeqs: 256 }
 */
export function vllmBatchDefaults(memoryBytes: number, name = ''): { maxNumBatchedTokens: number; maxNumSeqs: number } {
  const large = memoryBytes >= 70 * GiB && !/a100/i.test(name);
  return large ? { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 } : { maxNumBatchedTokens: 2048, maxNumSeqs: 256 };
}
