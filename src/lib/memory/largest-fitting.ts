/** Moved to `src/lib/largest-fitting.ts` (issue 34: a solver both inference and training use); this path keeps working. */
export * from '../largest-fitting';
