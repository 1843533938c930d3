import { useState } from 'preact/hooks';
import type { Formatter } from '~/components/calculators/shared/locale';
import type { TrainingStrings } from './strings/en';
import type { Core } from './core';
import type { TrainingState } from './state';
import type { FieldProblem, FoundView, TrainingInputs } from './view';

interface Props {
  id: string;
  t: TrainingStrings;
  f: Formatter;
  inputs: TrainingInputs;
  /** The loaded core's solver; null until it has arrived (the button waits). */
  solve: Core['solveTraining'] | null;
  apply: (patch: Partial<TrainingState>) => void;
}

/** "Find a layout": the fastest layouts of the same GPUs, batch and precision that fit, each one click from the planner. */
export function SolverPanel({ id, t, f, inputs, solve, apply }: Props) {
  const [found, setFound] = useState<FoundView | null>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const run = () => {
    if (!solve) return;
    const result = solve(inputs);
    if (result.ok) {
      setFound(result.value);
      setProblem(null);
    } else setProblem(result.error);
  };
  return (
    <section class="trn-solver" id={`${id}-solver`} aria-labelledby={`${id}-solver-title`}>
      <h3 id={`${id}-solver-title`}>{t.solverTitle}</h3>
      <p class="calc-field-hint">{t.solverIntro}</p>
      <button type="button" id={`${id}-solve`} onClick={run} disabled={!solve}>
        {t.solverButton}
      </button>
      {problem && (
        <p class="calc-field-error" role="alert">
          {t.problem(problem)}
        </p>
      )}
      {found && (
        <div role="status">
          <p id={`${id}-solver-counts`}>{t.solverCounts(f.n(found.evaluated), f.n(found.fitting))}</p>
          {found.rows.length === 0 ? (
            <p id={`${id}-solver-none`}>{t.solverNone}</p>
          ) : (
            <table class="trn-solver-table" id={`${id}-layouts`}>
              <thead>
                <tr>
                  <th scope="col">{t.solverCols.layout}</th>
                  <th scope="col">{t.solverCols.more}</th>
                  <th scope="col">{t.solverCols.step}</th>
                  <th scope="col">{t.solverCols.mfu}</th>
                  <th scope="col">{t.solverCols.memory}</th>
                  <th scope="col">{t.solverCols.use}</th>
                </tr>
              </thead>
              <tbody>
                {found.rows.map((r, i) => (
                  <tr key={i} data-layout={`${r.patch.tp}-${r.patch.cp}-${r.patch.pp}-${r.dp}`}>
                    <td>
                      {f.n(r.patch.tp)} · {f.n(r.patch.cp)} · {f.n(r.patch.pp)} · {f.n(r.dp)}
                      {r.patch.ep > 1 ? ` (e ${f.n(r.patch.ep)})` : ''}
                    </td>
                    <td>
                      {r.patch.zero} · {t.ckptNames[r.patch.ckpt]} · {f.n(r.patch.mb)} · {f.n(r.patch.vpp)}
                    </td>
                    <td>{f.n(r.stepSeconds, 2)}</td>
                    <td>{f.percent(r.mfu)}</td>
                    <td>{f.bytes(r.memoryBytes)}</td>
                    <td>
                      <button type="button" onClick={() => apply(r.patch)}>
                        {t.solverUse}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
