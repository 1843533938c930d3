import { useState } from 'preact/hooks';
import type { Formatter } from '~/components/calculators/shared/locale';
import type { TrainingLayout } from '~/lib/training/parallel';
import type { TrainingStrings } from './strings/en';
import { GROUP_KINDS, gridCells, groupOf, type GroupKind } from './view';

interface Props {
  id: string;
  t: TrainingStrings;
  f: Formatter;
  layout: TrainingLayout;
  gpusPerNode: number;
}

const CELL = 14;
const GAP = 3;
const PALETTE = 8;

/**
 * The layout as a picture: the first GPUs one row per node, each square coloured by the group it belongs to (ranks of
 * one tensor, pipeline, data, context or expert group share a colour). Static SVG; the colouring is a choice.
 */
export function LayoutGrid({ id, t, f, layout, gpusPerNode }: Props) {
  const [kind, setKind] = useState<GroupKind>('tp');
  const total = layout.tensorParallel * layout.contextParallel * layout.dataParallel * layout.pipelineParallel;
  const cells = gridCells(layout, gpusPerNode);
  const perRow = Math.max(1, Math.min(gpusPerNode, 32));
  const rows = Math.ceil(cells.length / perRow);
  const width = perRow * (CELL + GAP) + GAP;
  const height = rows * (CELL + GAP) + GAP;
  const l = layout;
  return (
    <figure
      class="trn-layout"
      id={`${id}-layout`}
      data-tp={l.tensorParallel}
      data-pp={l.pipelineParallel}
      data-dp={l.dataParallel}
      data-cp={l.contextParallel}
      data-ep={l.expertParallel}
    >
      <h3>{t.layoutTitle}</h3>
      <p id={`${id}-layout-summary`}>
        {t.layoutSummary(f.n(l.tensorParallel), f.n(l.pipelineParallel), f.n(l.contextParallel), f.n(l.dataParallel), f.n(l.expertParallel))}
      </p>
      <fieldset class="calc-field trn-colour">
        <legend>{t.colourBy}</legend>
        {GROUP_KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name={`${id}-colour`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t.groupNames[k]}
          </label>
        ))}
      </fieldset>
      <svg class="trn-grid" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-layout-caption`}>
        {cells.map((c, i) => {
          const x = GAP + (i % perRow) * (CELL + GAP);
          const y = GAP + Math.floor(i / perRow) * (CELL + GAP);
          const group = groupOf(c, kind, l);
          return (
            <rect key={c.rank} x={x} y={y} width={CELL} height={CELL} rx={2} class={`trn-g${group % PALETTE}`} data-rank={c.rank}>
              <title>{t.gpuTitle(f.n(c.rank), f.n(c.tp), f.n(c.cp), f.n(c.dp), f.n(c.pp), f.n(c.node))}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption id={`${id}-layout-caption`}>{cells.length < total ? t.layoutShown(f.n(cells.length), f.n(total)) : t.layoutAll(f.n(total))}</figcaption>
    </figure>
  );
}
