/** Moved to `src/lib/hardware/gpus.ts` (issue 34: GPU data is the core's own); this path keeps working. */
export * from '../hardware/gpus';
