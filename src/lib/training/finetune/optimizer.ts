/** Optimizer states per trainable parameter. */
import type { OptimizerKind } from './options';

/** Bytes of optimizer states: `stateBytes` per element, and the states each optimizer keeps per parameter. */
export function optimizerStateBytes(optimizer: OptimizerKind, stateBytes: number, trainable: number, factoredElements: number): number {
  switch (optimizer) {
    case 'adamw':
      return 2 * stateBytes * trainable; // first and second moments (Loshchilov & Hutter 2019)
    case 'adamw-8bit':
      return 2 * trainable; // two 8-bit states (Dettmers et al. 2022); block constants are < 0.2 %
    case 'sgd-momentum':
      return stateBytes * trainable;
    case 'sgd':
      return 0;
    case 'adafactor':
      // Factored second moment, no momentum (Shazeer & Stern 2018, §3): r + c numbers per r×c matrix.
      return stateBytes * factoredElements;
  }
}
