import { FormulaView } from '~/components/calculators/shared/FormulaView';
import type { KvFormulas as KvFormulaSources } from './KvCacheIsland';
import type { KvStrings } from './strings/en';
import type { Lang } from '~/components/calculators/shared/locale';
import { kvSlots } from './formulas';
import type { KvState } from './state';
import type { KvReport } from './view';

interface Props {
  t: KvStrings;
  /** Build-time KaTeX per formula, with slots for the reader's numbers. */
  formulas: KvFormulaSources;
  report: KvReport;
  state: KvState;
  lang: Lang;
  mla: boolean;
  windowed: boolean;
  /** A hybrid: its recurrent state is shown and counted in the solver. */
  recurrent: boolean;
  /** Bytes per token, formatted, for the spoken form of the total. */
  perToken: string;
}

/** Every formula the KV calculator uses, with the reader's numbers in its slots. */
export function KvFormulas({ t, formulas, report, state, lang, mla, windowed, recurrent, perToken }: Props) {
  const slots = kvSlots(report, state, lang);
  return (
    <details class="kv-formulas" open>
      <summary>{t.formulaTitle}</summary>
      <FormulaView
        html={mla ? formulas.elementsMla : formulas.elements}
        values={slots}
        spoken={mla ? `e = ${slots.dc} + ${slots.dr} = ${slots.e}` : `e = 2 × ${slots.nkv} × ${slots.dh} = ${slots.e}`}
      />
      <FormulaView html={windowed ? formulas.totalWindow : formulas.total} values={slots} spoken={t.spokenTotal(perToken, slots.total ?? '')} />
      <FormulaView html={formulas.paged} values={slots} spoken={`${slots.sp}; ${slots.paged}; ${slots.waste}`} />
      <FormulaView html={formulas.weights} values={slots} spoken={`${slots.P} × ${slots.bw} = ${slots.weights}`} />
      {recurrent && (
        <FormulaView
          html={formulas.state}
          values={slots}
          spoken={`${slots.Lr} × (${slots.ec} × ${slots.bc} + ${slots.es} × ${slots.bs}) = ${slots.state}; × ${slots.B} = ${slots.stateTotal}`}
        />
      )}
      <FormulaView html={formulas.free} values={slots} spoken={`${slots.u} × ${slots.N} × ${slots.M} − ${slots.weights} = ${slots.free}`} />
      <FormulaView html={recurrent ? formulas.solverState : formulas.solver} values={slots} spoken={`${slots.smax}; ${slots.Bmax}`} />
    </details>
  );
}
