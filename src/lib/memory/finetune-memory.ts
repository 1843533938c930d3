/**
 * The fine-tune memory estimator moved to `src/lib/training/finetune/` (issue 27: options resolved once, a strategy
 * per method, one file per formula family). This module keeps its path: the calculator loads it as its own chunk
 * and callers of issue 4 import from here.
 */
export * from '../training/finetune';
