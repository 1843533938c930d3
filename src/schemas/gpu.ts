import { z } from 'astro/zod';

/**
 * One accelerator for "does it fit": a file `src/content/gpus/<id>.json`.
 * Vendors sell memory in "GB" that is built from binary-sized chips (an "80 GB" A100 holds 80 GiB), so
 * the capacity is recorded in GiB; the usable share is set in the calculator (utilization).
 */
export const gpuSchema = z.strictObject({
  /** Display name, e.g. "NVIDIA H100 80GB". */
  name: z.string().min(1),
  /** Position in lists (ascending). */
  order: z.number().int(),
  /** The capacity as the vendor prints it, e.g. "80 GB". */
  label: z.string().min(1),
  /** Memory in GiB (2^30 bytes). */
  memoryGiB: z.number().positive().max(10_000),
  /** The vendor's product page. */
  source: z.url(),
  /**
   * What the serving planner needs, when sourced. Rates are SI (GB/s = 10^9 B/s, TFLOPS = 10^12 FLOP/s) and
   * dense (without 2:4 sparsity). Cards without it are left out of the planner, never guessed.
   */
  serving: z
    .strictObject({
      /** Total memory as the driver reports it (nvidia-smi "memory.total"), in MiB, when a real output was found. */
      driverMemoryMiB: z.number().positive().optional(),
      /** Where that driver figure was read. */
      driverMemorySource: z.string().min(1).optional(),
      /**
       * Total memory as the CUDA runtime reports it (`torch.cuda.mem_get_info()[1]`), in GiB as vLLM prints it
       * ("total_gpu_memory (79.15GiB)", "Free memory on device (78.57/79.18 GiB)"): what `gpu_memory_utilization`
       * multiplies. Preferred over `driverMemoryMiB` (nvidia-smi's total is a little larger) when a log shows it.
       */
      runtimeMemoryGiB: z.number().positive().optional(),
      /** The log that printed it: its URL, or where it was found when the index gives none. */
      runtimeMemorySource: z.string().min(1).optional(),
      /**
       * What kind of device: a GPU (default), an Apple-silicon chip whose GPU reads unified memory, or a CPU reading
       * system memory. The last two decode alone (no tensor parallelism) with llama.cpp's GGUF formats.
       */
      device: z.enum(['gpu', 'unified-memory', 'cpu']).optional(),
      /** Peak memory bandwidth, GB/s. */
      bandwidthGBps: z.number().positive(),
      /** Dense BF16 (or FP16) tensor throughput, TFLOPS. */
      bf16Tflops: z.number().positive(),
      /** Dense FP8 tensor throughput, TFLOPS; null where the card has no FP8 tensor cores. */
      fp8Tflops: z.number().positive().nullable(),
      /** GPU-to-GPU link, e.g. "NVLink 4 (900 GB/s bidirectional)". */
      interconnect: z.string().min(1),
      /** One direction of that link, GB/s (half the bidirectional figure vendors print); 0 for a device with none. */
      interconnectGBps: z.number().nonnegative(),
      /** The vendor's datasheet or specification page. */
      datasheet: z.url(),
      /** The copy of the vendor's table these figures were read from, when it was not the datasheet itself. */
      readFrom: z.url().optional(),
      /** Anything the reader should know about a figure (e.g. which accumulate mode a GeForce rate is). */
      note: z.string().optional(),
    })
    .optional(),
});

export type GpuData = z.infer<typeof gpuSchema>;
