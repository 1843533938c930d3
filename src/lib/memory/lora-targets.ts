/** Moved to `src/lib/model/lora-targets.ts` (issue 34: the model layer imports nothing above it); this path keeps working. */
export * from '../model/lora-targets';
