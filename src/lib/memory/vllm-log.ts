/**
 * Reads the lines of a vLLM startup log that size the KV cache, in the wordings vLLM has used:
 * V1 (`gpu_worker.py` "Available KV cache memory: 10.55 GiB", `kv_cache_utils.py` "GPU KV cache size: 230,528
 * tokens" and "Maximum concurrency for 100,000 tokens per request: 2.31x", `gpu_model_runner.py` "Model loading
 * took 29.09 GiB"), and V0 (`worker.py` "… the rest of the memory reserved for KV Cache is 8.69GiB",
 * "# GPU blocks: 1381", `model_runner.py` "Loading model weights took 13.9476 GB", which is GiB: vLLM divides by
 * 2^30 there). With tensor parallelism every rank logs its own free memory and vLLM keeps the smallest, so the
 * smallest is reported; vLLM 0.10 also logs one "GPU KV cache size" per worker, each from that worker's own memory,
 * before it sizes every worker to the smallest, so the smallest of those is the size too.
 */
import { GiB } from '../model/dtype';

export interface VllmLogFigures {
  /** Weights one GPU loaded, bytes. */
  weightsBytes?: number;
  /** The smallest free KV memory any rank logged, bytes. */
  kvBytes?: number;
  /** Every rank's free KV memory, as logged (bytes). */
  kvBytesPerRank: number[];
  /** "GPU KV cache size: N tokens", the smallest when several are logged (the size vLLM keeps). */
  kvTokens?: number;
  /** Every "GPU KV cache size" line in order: vLLM 0.10 logs one per worker before taking the smallest. */
  kvTokensPerWorker: number[];
  gpuBlocks?: number;
  /** "Maximum concurrency for N tokens per request: Xx". */
  concurrency?: { contextTokens: number; factor: number };
  tensorParallel?: number;
  /** total_gpu_memory as vLLM read it, bytes (V0 profile line). */
  totalGpuBytes?: number;
  gpuMemoryUtilization?: number;
  nonTorchBytes?: number;
  activationPeakBytes?: number;
  /** How many of the lines above were found. */
  found: number;
}

/** Longest log text read; a full startup log is far smaller. */
export const MAX_LOG_CHARS = 2_000_000;

const num = (s: string) => Number(s.replace(/,/g, ''));

/**
 * @example
 * parseVllmLog('Available KV cache memory: 10.55 GiB\nGPU KV cache size: 230,528 tokens').kvTokens // => 230528
 */
export function parseVllmLog(text: string): VllmLogFigures {
  const log = text.length > MAX_LOG_CHARS ? text.slice(0, MAX_LOG_CHARS) : text;
  const out: VllmLogFigures = { kvBytesPerRank: [], kvTokensPerWorker: [], found: 0 };
  let m: RegExpExecArray | null;
  const seen = (key: keyof VllmLogFigures, value: unknown) => {
    if (out[key] === undefined) out.found++;
    (out as unknown as Record<string, unknown>)[key] = value;
  };
  const weights = /(?:Model loading took|Loading model weights took|model weights take)\s+(\d+(?:\.\d+)?)\s*(?:GiB|GB)/.exec(log);
  if (weights) seen('weightsBytes', num(weights[1]!) * GiB);
  const kvRe =
    /(?:Available KV cache memory:\s*(-?\d+(?:\.\d+)?)\s*GiB|memory reserved for KV Cache is\s*(-?\d+(?:\.\d+)?)\s*GiB|kv_cache_size=(-?\d+(?:\.\d+)?)\s*GiB)/g;
  while ((m = kvRe.exec(log))) out.kvBytesPerRank.push(num(m[1] ?? m[2] ?? m[3]!) * GiB);
  if (out.kvBytesPerRank.length > 0) seen('kvBytes', Math.min(...out.kvBytesPerRank));
  const tokensRe = /GPU KV cache size:\s*([\d,]+)\s*tokens/g;
  while ((m = tokensRe.exec(log))) out.kvTokensPerWorker.push(num(m[1]!));
  if (out.kvTokensPerWorker.length > 0) seen('kvTokens', Math.min(...out.kvTokensPerWorker));
  const blocks = /#\s*(?:GPU|cuda) blocks:\s*([\d,]+)/i.exec(log);
  if (blocks) seen('gpuBlocks', num(blocks[1]!));
  const conc = /Maximum concurrency for\s*([\d,]+)\s*tokens per request:\s*(\d+(?:\.\d+)?)x/.exec(log);
  if (conc) seen('concurrency', { contextTokens: num(conc[1]!), factor: num(conc[2]!) });
  // `tensor_parallel_size=4` (engine config), `'tensor_parallel_size': 4` (non-default args), `--tensor-parallel-size 4`.
  const tp = /tensor[_-]parallel[_-]size['"]?(?:\s*[=:]\s*|\s+)(\d+)/.exec(log) ?? /(?:^|\s)-tp[=\s]+(\d+)/.exec(log);
  if (tp) seen('tensorParallel', num(tp[1]!));
  const total = /total_gpu_memory\s*\(?=?\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
  if (total) seen('totalGpuBytes', num(total[1]!) * GiB);
  const util = /gpu_memory_utilization\s*\(?=?\s*(\d+(?:\.\d+)?)/.exec(log);
  if (util) seen('gpuMemoryUtilization', num(util[1]!));
  const nonTorch = /non_torch_memory(?: takes)?\s*=?\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
  if (nonTorch) seen('nonTorchBytes', num(nonTorch[1]!) * GiB);
  const act = /(?:activation peak memory takes|peak_activation_memory=)\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
  if (act) seen('activationPeakBytes', num(act[1]!) * GiB);
  return out;
}
