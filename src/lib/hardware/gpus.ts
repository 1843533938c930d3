/**
 * The core's own GPU data (issue 34): the accelerators of `src/lib/hardware/gpus/*.json` as the planner's `GpuSpec`,
 * so `servingMemory` and `inferenceSpeed` accept a GPU id. Each figure is sourced in its data file (datasheet URL, and
 * where the driver-reported memory was read); the site's `gpus` content collection loads the same files (a symlink
 * `src/content/gpus` keeps their old path) and validates them against src/schemas/gpu.ts. Rates there are SI and dense.
 */
import { GiB } from '../model/dtype';
import { OptionError } from '../errors';
import g_rtx_3090 from './gpus/rtx-3090.json';
import g_rtx_4090 from './gpus/rtx-4090.json';
import g_rtx_5090 from './gpus/rtx-5090.json';
import g_l4 from './gpus/l4.json';
import g_l40s from './gpus/l40s.json';
import g_a100_40gb from './gpus/a100-40gb.json';
import g_a100_80gb from './gpus/a100-80gb.json';
import g_h100_pcie from './gpus/h100-pcie.json';
import g_h100_80gb from './gpus/h100-80gb.json';
import g_h200 from './gpus/h200.json';
import g_b200 from './gpus/b200.json';
import g_mi300x from './gpus/mi300x.json';
import g_mi325x from './gpus/mi325x.json';
import g_apple_m2_ultra from './gpus/apple-m2-ultra.json';
import g_apple_m3_max from './gpus/apple-m3-max.json';
import g_apple_m4_max from './gpus/apple-m4-max.json';
import g_cpu_ddr5_desktop from './gpus/cpu-ddr5-desktop.json';

/** An accelerator as the planner needs it. Bytes and per-second figures are SI (10^9 = GB/s, 10^12 = TFLOPS). */
export interface GpuSpec {
  /**
   * Total memory as the CUDA driver reports it to the runtime (`torch.cuda.mem_get_info()[1]`, which vLLM
   * multiplies by `gpu_memory_utilization`), in bytes: a little under nvidia-smi's total (79.18 GiB against 79.65 on an H100).
   */
  memoryBytes: number;
  /** The card's name, when known: vLLM's batch defaults single out the A100 by name. */
  name?: string;
  bandwidthBytesPerSecond: number;
  /** Dense (no sparsity) tensor throughput. `fp8` is null on cards without FP8 tensor cores. */
  flopsPerSecond: { bf16: number; fp8: number | null };
  /** One direction of the GPU-to-GPU link (NVLink, Infinity Fabric, or PCIe). */
  interconnectBytesPerSecond: number;
  /** The link's tier, which sets the collectives' latency (default PCIe). */
  linkTier?: 'nvlink' | 'pcie' | 'infiniband';
  /**
   * A GPU (default), an Apple-silicon chip decoding from unified memory, or a CPU decoding from system memory. The
   * last two have no link to split a model over (`maxTensorParallel` 1) and run llama.cpp's GGUF formats.
   */
  device?: DeviceKind;
  /** The largest tensor-parallel degree the device allows (1 for a single chip with no link); unlimited when absent. */
  maxTensorParallel?: number;
}

/** What decodes: a discrete GPU, an Apple-silicon GPU on unified memory, or a CPU. */
export type DeviceKind = 'gpu' | 'unified-memory' | 'cpu';

/** The shape of a GPU data file the planner reads (the full schema is src/schemas/gpu.ts). */
export interface GpuFile {
  name: string;
  memoryGiB: number;
  serving?: {
    device?: string;
    driverMemoryMiB?: number;
    runtimeMemoryGiB?: number;
    bandwidthGBps: number;
    bf16Tflops: number;
    fp8Tflops: number | null;
    interconnect: string;
    interconnectGBps: number;
    datasheet: string;
  };
}

/** A GPU as the planner uses it, with where its memory figure comes from. */
export interface DatasheetGpu extends GpuSpec {
  id: string;
  name: string;
  /**
   * Where `memoryBytes` comes from: what vLLM printed (`torch.cuda.mem_get_info`, the figure its budget
   * multiplies), nvidia-smi's total, or the vendor's GiB figure when no output was found.
   */
  memorySource: 'runtime' | 'driver' | 'vendor';
  /** True when `memoryBytes` was read from a real output (runtime or driver), false for the vendor's figure. */
  driverReported: boolean;
  interconnect: string;
  datasheet: string;
}

/**
 * The planner's view of a GPU data file, or null when the file has no sourced serving figures.
 * @example gpuFromFile('h100-80gb', h100File).memoryBytes // => 79.18 · 2^30 (what vLLM printed)
 */
export function gpuFromFile(id: string, file: GpuFile): DatasheetGpu | null {
  const s = file.serving;
  if (!s) return null;
  const device: DeviceKind = s.device === 'unified-memory' || s.device === 'cpu' ? s.device : 'gpu';
  return {
    id,
    name: file.name,
    memoryBytes:
      s.runtimeMemoryGiB !== undefined ? s.runtimeMemoryGiB * GiB : s.driverMemoryMiB !== undefined ? s.driverMemoryMiB * 2 ** 20 : file.memoryGiB * GiB,
    memorySource: s.runtimeMemoryGiB !== undefined ? 'runtime' : s.driverMemoryMiB !== undefined ? 'driver' : 'vendor',
    driverReported: s.runtimeMemoryGiB !== undefined || s.driverMemoryMiB !== undefined,
    bandwidthBytesPerSecond: s.bandwidthGBps * 1e9,
    flopsPerSecond: { bf16: s.bf16Tflops * 1e12, fp8: s.fp8Tflops === null ? null : s.fp8Tflops * 1e12 },
    interconnectBytesPerSecond: s.interconnectGBps * 1e9,
    linkTier: /nvlink|infinity fabric/i.test(s.interconnect) ? 'nvlink' : 'pcie',
    device,
    ...(device === 'gpu' ? {} : { maxTensorParallel: 1 }),
    interconnect: s.interconnect,
    datasheet: s.datasheet,
  };
}

const FILES: Record<string, GpuFile> = {
  'rtx-3090': g_rtx_3090,
  'rtx-4090': g_rtx_4090,
  'rtx-5090': g_rtx_5090,
  l4: g_l4,
  l40s: g_l40s,
  'a100-40gb': g_a100_40gb,
  'a100-80gb': g_a100_80gb,
  'h100-pcie': g_h100_pcie,
  'h100-80gb': g_h100_80gb,
  h200: g_h200,
  b200: g_b200,
  mi300x: g_mi300x,
  mi325x: g_mi325x,
  'apple-m2-ultra': g_apple_m2_ultra,
  'apple-m3-max': g_apple_m3_max,
  'apple-m4-max': g_apple_m4_max,
  'cpu-ddr5-desktop': g_cpu_ddr5_desktop,
};

/** Ids of the GPUs with serving figures, in list order. */
// Pure: an island that only re-exports a type or `gpuFromFile` from here must not keep the GPU files for side effects.
export const GPU_IDS: readonly string[] = /* @__PURE__ */ Object.keys(FILES);

/**
 * A GPU by its data-file id.
 * @example gpuById('h100-80gb').bandwidthBytesPerSecond // => 3.35e12
 */
export function gpuById(id: string): DatasheetGpu {
  const file = FILES[id];
  const gpu = file ? gpuFromFile(id, file) : null;
  if (!gpu) throw new OptionError('gpu', 'not-one-of', id, GPU_IDS.join(', '), `unknown GPU id ${JSON.stringify(id)}; expected one of ${GPU_IDS.join(', ')}`);
  return gpu;
}
