import { FormulaView } from '~/components/calculators/shared/FormulaView';
import type { Lang } from '~/components/calculators/shared/locale';
import { FORMULA_NAMES, trainingSlots, type FormulaName } from './formulas';
import type { TrainingState } from './state';
import type { TrainingStrings } from './strings/en';
import type { TrainingView } from './view';

interface Props {
  t: TrainingStrings;
  /** Build-time KaTeX per formula, with slots for the reader's numbers. */
  formulas: Record<FormulaName, string>;
  view: TrainingView;
  state: TrainingState;
  lang: Lang;
}

/** Every formula the planner uses, with the reader's numbers in its slots. */
export function TrainingFormulas({ t, formulas, view, state, lang }: Props) {
  const slots = trainingSlots(view, state, lang);
  const spoken: Record<FormulaName, string> = {
    flops: `F = 6 × ${slots.N} + ${slots.Fa} = ${slots.F}`,
    states: `${slots.w} + ${slots.g} + ${slots.o} = ${slots.states}`,
    activations: `${slots.Ls} × ${slots.nfl} × ${slots.sc} × ${slots.b} × ${slots.h} × ${slots.alpha} / ${slots.t} ≈ ${slots.act}`,
    step: `${slots.Tc} + ${slots.Ttp} + ${slots.Tcp} + ${slots.Tep} + ${slots.Tb} + ${slots.Tpp} + ${slots.Tdp} = ${slots.Tstep}`,
    collective: `${slots.Bl} GB/s, ${slots.Bn} GB/s`,
    bubble: `(${slots.p} − 1) / (${slots.m} × ${slots.v}) = ${slots.bubble}`,
    mfu: `MFU = ${slots.mfu}`,
    train: `${slots.days}; ${slots.gh}; ${slots.cost}`,
  };
  return (
    <details class="trn-formulas">
      <summary>{t.formulaTitle}</summary>
      {FORMULA_NAMES.map((name) => (
        <FormulaView key={name} html={formulas[name]} values={slots} spoken={spoken[name]} />
      ))}
    </details>
  );
}
