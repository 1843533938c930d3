/** Which formula variants apply to a model: MLA or not, a mixture of experts or not, sliding windows or not. */
import type { ModelSpec } from '~/lib/model/model-spec';

export type FormulaName = 'proj' | 'projMla' | 'mlp' | 'mlpMoe' | 'scores' | 'scoresWindow' | 'total';

/** Which variants apply to a model. */
export function formulaNames(spec: ModelSpec): FormulaName[] {
  return [spec.mla ? 'projMla' : 'proj', spec.moe ? 'mlpMoe' : 'mlp', spec.slidingWindow?.layers.some(Boolean) ? 'scoresWindow' : 'scores', 'total'];
}
