import type { Formatter } from '~/components/calculators/shared/locale';
import type { TrainingStrings } from './strings/en';
import { STEP_KEYS, type TrainingView } from './view';

interface Props {
  id: string;
  t: TrainingStrings;
  f: Formatter;
  view: TrainingView;
}

/** Seconds per step by part: compute, each collective left exposed after overlap, and the pipeline bubble. */
export function StepBreakdown({ id, t, f, view }: Props) {
  const total = view.stepSeconds;
  const parts = STEP_KEYS.filter((k) => view.step[k] > 0);
  const sec = (s: number) => f.n(s, s < 0.1 ? 4 : 2);
  return (
    <figure class="trn-bar-figure" id={`${id}-step`}>
      <h3>{t.stepTitle}</h3>
      <div
        class="trn-bar"
        role="img"
        aria-label={`${t.stepTotal(sec(total))}: ${parts.map((k) => `${t.stepNames[k]} ${t.seconds(sec(view.step[k]))}`).join(', ')}`}
      >
        {parts.map((k) => (
          <span key={k} class={`trn-seg trn-step-${k}`} style={{ width: `${(view.step[k] / total) * 100}%` }} />
        ))}
      </div>
      <ul class="trn-legend">
        {parts.map((k) => (
          <li key={k}>
            <span class={`trn-swatch trn-step-${k}`} aria-hidden="true" />
            {t.stepNames[k]}:{' '}
            <output data-step={k} data-seconds={String(view.step[k])}>
              {t.seconds(sec(view.step[k]))}
            </output>
          </li>
        ))}
        <li>
          <strong>
            <output id={`${id}-step-total`} data-seconds={String(total)}>
              {t.stepTotal(sec(total))}
            </output>
          </strong>
        </li>
      </ul>
    </figure>
  );
}
