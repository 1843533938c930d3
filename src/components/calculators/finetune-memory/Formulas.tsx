import type { FineTuneMemory } from '~/lib/memory/finetune-memory';
import type { ModelSpec } from '~/lib/model/model-spec';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import type { FtStrings } from './strings/en';
import type { FormulaName } from './formulas';
import type { FtState } from './state';
import { formulaValues } from './formula-values';

interface Props {
  t: FtStrings;
  result: FineTuneMemory;
  state: FtState;
  spec: ModelSpec;
  /** Build-time KaTeX per formula, with slots for the reader's numbers. */
  formulas: Record<FormulaName, string>;
  lang: Lang;
  /** Prefix of element ids. */
  ids: string;
}

/** Each formula the calculator uses, with the reader's numbers in its slots. */
export function Formulas({ t, result, state, spec, formulas, lang, ids }: Props) {
  const values = formulaValues(result, state, spec, lang);
  const titles: Record<FormulaName, string> = {
    weights: t.fWeights,
    gradients: t.fGradients,
    optimizer: t.fOptimizer,
    actLayer: t.fActLayer,
    logits: t.fLogits,
    actTotal: t.fActTotal,
    peak: t.fPeak,
    total: t.fTotal,
    preference: t.fPreference,
  };
  const offload = state.offload as keyof FtStrings['offloads'];
  return (
    <>
      <h3 id={`${ids}formulas`}>{t.formulasTitle}</h3>
      {(Object.keys(formulas) as FormulaName[]).map((name) => (
        <figure key={name} class="ft-formula" data-formula={name}>
          <figcaption>{titles[name]}</figcaption>
          <FormulaView html={formulas[name]} values={values[name]} spoken={`${titles[name]}: ${Object.values(values[name]).join(', ')}`} />
        </figure>
      ))}
      {offload !== 'none' && (
        <p class="ft-muted">
          {t.offloads[offload]} → CPU: {formatterFor(lang).bytes(result.cpuBytes)}
        </p>
      )}
    </>
  );
}
