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
});

export type GpuData = z.infer<typeof gpuSchema>;
