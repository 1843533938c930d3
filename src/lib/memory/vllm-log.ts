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
  /** "Estimated CUDA graph memory: X GiB total" (vLLM ≥ 0.19, counted before sizing from 0.21). */
  cudaGraphBytes?: number;
  /** How many of the lines above were found. */
  found: number;
  /** What the log says about the setup (not counted in `found`): the model, the engine and its limits. */
  setup: VllmLogSetup;
}

/** The setup a startup log describes, read from its banner, argument and config lines. */
export interface VllmLogSetup {
  /** "Resolved architecture: Qwen2ForCausalLM", or the config's `architectures`. */
  architecture?: string;
  /** The engine config's `model='…'`. */
  model?: string;
  /** `dtype=torch.bfloat16` → 'bfloat16'. */
  dtype?: string;
  /** `kv_cache_dtype=auto` → 'auto'. */
  kvCacheDtype?: string;
  /** `quantization=awq` ('None' is left out). */
  quantization?: string;
  /** `max_seq_len=16384`, "Using max model len 16384" or `'max_model_len': 16384`. */
  maxModelLen?: number;
  maxNumBatchedTokens?: number;
  maxNumSeqs?: number;
  /** From a printed config: `"num_hidden_layers": 28` and the heads. */
  layers?: number;
  heads?: number;
  kvHeads?: number;
  /** "vLLM API server version 0.10.1.1" or the engine banner's "(v0.10.1.1)". */
  version?: string;
  /** Which sampler the log says it uses: "Using FlashInfer for top-p & top-k sampling" or the PyTorch fallback. */
  sampler?: 'flashinfer' | 'pytorch';
  enforceEager?: boolean;
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
  const out: VllmLogFigures = { kvBytesPerRank: [], kvTokensPerWorker: [], found: 0, setup: {} };
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
  const util = /gpu_memory_utilization['"]?\s*\(?[=:]?\s*(\d+(?:\.\d+)?)/.exec(log) ?? /--gpu-memory-utilization[=\s]+(\d+(?:\.\d+)?)/.exec(log);
  if (util) seen('gpuMemoryUtilization', num(util[1]!));
  const nonTorch = /non_torch_memory(?: takes)?\s*=?\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
  if (nonTorch) seen('nonTorchBytes', num(nonTorch[1]!) * GiB);
  const act = /(?:activation peak memory takes|peak_activation_memory=|torch peak memory increase:?)\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
  if (act) seen('activationPeakBytes', num(act[1]!) * GiB);
  // V0's one-line form prints the whole PyTorch peak (weights included): the activation is the rest.
  const peak = /peak_torch_memory=(\d+(?:\.\d+)?)GiB/.exec(log);
  if (!act && peak && out.weightsBytes !== undefined) seen('activationPeakBytes', Math.max(0, num(peak[1]!) * GiB - out.weightsBytes));
  const graphs = /Estimated CUDA graph memory:\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
  if (graphs) seen('cudaGraphBytes', num(graphs[1]!) * GiB);
  if (out.totalGpuBytes === undefined) {
    const free = /Free memory on device \(?\s*\d+(?:\.\d+)?\s*\/\s*(\d+(?:\.\d+)?)\s*GiB/.exec(log);
    if (free) seen('totalGpuBytes', num(free[1]!) * GiB);
  }
  out.setup = readSetup(log);
  return out;
}

function readSetup(log: string): VllmLogSetup {
  const setup: VllmLogSetup = {};
  const first = (re: RegExp) => re.exec(log)?.[1];
  const int = (re: RegExp) => {
    const v = first(re);
    return v === undefined ? undefined : num(v);
  };
  const arch = first(/Resolved architecture:\s*([A-Za-z0-9_]+)/) ?? first(/architectures['"]?\s*[:=]\s*\[\s*['"]([A-Za-z0-9_]+)['"]/);
  if (arch) setup.architecture = arch;
  const model = first(/\bmodel='([^']{1,200})'/) ?? first(/'model':\s*'([^']{1,200})'/);
  if (model) setup.model = model;
  const dtype = first(/\bdtype=torch\.([a-z0-9]+)/);
  if (dtype) setup.dtype = dtype;
  const kvDtype = first(/kv_cache_dtype['"]?\s*[=:]\s*['"]?([a-z0-9_]+)/);
  if (kvDtype) setup.kvCacheDtype = kvDtype;
  const quant = first(/\bquantization['"]?\s*[=:]\s*['"]?([A-Za-z0-9_-]+)/);
  if (quant && quant !== 'None') setup.quantization = quant;
  const maxLen = int(/(?:max_seq_len=|Using max model len |'max_model_len':\s*|--max-model-len[=\s]+)([\d,]+)/);
  if (maxLen !== undefined) setup.maxModelLen = maxLen;
  const mnbt = int(/(?:max_num_batched_tokens[=:]\s*|'max_num_batched_tokens':\s*|--max-num-batched-tokens[=\s]+)([\d,]+)/);
  if (mnbt !== undefined) setup.maxNumBatchedTokens = mnbt;
  const mns = int(/(?:'max_num_seqs':\s*|max_num_seqs=|--max-num-seqs[=\s]+)([\d,]+)/);
  if (mns !== undefined) setup.maxNumSeqs = mns;
  const layers = int(/["']?num_hidden_layers["']?\s*[:=]\s*(\d+)/);
  if (layers !== undefined) setup.layers = layers;
  const heads = int(/["']?num_attention_heads["']?\s*[:=]\s*(\d+)/);
  if (heads !== undefined) setup.heads = heads;
  const kvHeads = int(/["']?num_key_value_heads["']?\s*[:=]\s*(\d+)/);
  if (kvHeads !== undefined) setup.kvHeads = kvHeads;
  const version = first(/vLLM API server version v?([0-9][\w.+-]*)/) ?? first(/V[01] LLM engine \(v([0-9][\w.+-]*)\)/);
  if (version) setup.version = version;
  if (/Using FlashInfer for top-p & top-k sampling/.test(log)) setup.sampler = 'flashinfer';
  else if (/Falling back to the PyTorch-native implementation of top-p & top-k sampling/.test(log)) setup.sampler = 'pytorch';
  if (/enforce_eager['"]?\s*[=:]\s*True/.test(log)) setup.enforceEager = true;
  return setup;
}
