/** Moved to `src/lib/training/preference.ts` (issue 34: training does not reach into inference); this path keeps working. */
export * from '../training/preference';
