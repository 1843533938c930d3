import { FormulaView } from '~/components/calculators/shared/FormulaView';
import type { Lang } from '~/components/calculators/shared/locale';
import { servingSlots, type FormulaName } from './formulas';
import { panelStrings } from './strings/panels';
import type { ServingInputs, ServingView } from './view';
import type { ServingState } from './state';

interface Props {
  formulas: Record<FormulaName, string>;
  view: ServingView;
  inputs: ServingInputs;
  state: ServingState;
  lang: Lang;
}

/** The planner's formulas with the reader's numbers (a secondary panel: its code loads after start-up). */
export function ServingFormulas({ formulas, view, inputs, state, lang }: Props) {
  const slots = servingSlots(view, inputs, state, lang);
  const mla = Boolean(inputs.spec.mla);
  return (
    <details class="srv-formulas" open>
      <summary>{panelStrings(lang).formulaTitle}</summary>
      <FormulaView html={mla ? formulas.kvPerTokenMla : formulas.kvPerToken} values={slots} spoken={`${slots.L} · ${slots.perLayer} = ${slots.perToken}`} />
      <FormulaView html={formulas.activation} values={slots} spoken={`max(${slots.Mf}, ${slots.Ms}) = ${slots.Ma}`} />
      <FormulaView
        html={formulas.kvMemory}
        values={slots}
        spoken={`${slots.u} × ${slots.M} − ${slots.Mw} − ${slots.Ma} − ${slots.Mn} − ${slots.Mg} = ${slots.Mkv}`}
      />
      <FormulaView html={formulas.tokens} values={slots} spoken={`${slots.blocks} × ${slots.k} = ${slots.tokens}`} />
      {view.memory.stateBytesPerRequest > 0 && (
        <FormulaView html={formulas.state} values={slots} spoken={`${slots.Gr} × ${slots.lg} × ${slots.pr} × ${slots.page} B = ${slots.Mst}`} />
      )}
      <FormulaView html={formulas.starts} values={slots} spoken={`${slots.nreq} ${slots.cmp} ${slots.pool}`} />
      <FormulaView html={formulas.concurrency} values={slots} spoken={`${slots.pool} / ${slots.nreq} = ${slots.C}`} />
      <FormulaView
        html={formulas.decode}
        values={slots}
        spoken={`max(${slots.tm}, ${slots.tc}) + ${slots.tx} + ${slots.to} = ${slots.tdec} ms; ${slots.tps} tok/s`}
      />
      <FormulaView html={formulas.ttft} values={slots} spoken={`max(${slots.pm}, ${slots.pc}) + ${slots.px} = ${slots.ttft} ms`} />
    </details>
  );
}
