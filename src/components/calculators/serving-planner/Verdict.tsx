import type { Formatter } from '~/components/calculators/shared/locale';
import type { ServingInputs, ServingView } from './view';
import type { ServingStrings } from './strings/en';

interface Props {
  id: string;
  t: ServingStrings;
  f: Formatter;
  view: ServingView;
  inputs: ServingInputs;
}

/** The answer first: whether vLLM starts with this setting, how many requests it holds and how fast, or why not and what to change. */
export function verdictSentence(t: ServingStrings, f: Formatter, v: ServingView, inputs: ServingInputs): string {
  const m = v.memory;
  const p = m.perGpu;
  if (m.verdict === 'no-room') return t.verdict.noRoom(f.bytes(p.weights), f.bytes(v.reserveBytes), f.bytes(p.budget));
  if (m.verdict === 'wont-start') return t.verdict.wontStart(f.n(m.kvTokens), f.n(inputs.contextTokens));
  const speeds = v.speeds!;
  const n = v.concurrentSequences;
  return `${t.verdict.fits(n, f.n(n), f.n(inputs.contextTokens), f.n(m.kvTokens))} ${t.verdict.speeds(
    f.n(speeds.one.perSequence, 0),
    speeds.full ? f.n(speeds.full.aggregate, 0) : null,
    f.n(n),
  )}`;
}

export function Verdict({ id, t, f, view: v, inputs }: Props) {
  const m = v.memory;
  const starts = m.verdict === 'fits';
  const sentence = verdictSentence(t, f, v, inputs);
  const requests = (n: number) => t.remedies.requests(n, f.n(n));
  const formatName = (w: string) => t.formats[w] ?? w;
  const limit = v.beyondWindow;
  return (
    <section
      class="srv-verdict"
      id={`${id}-verdict`}
      data-verdict={m.verdict}
      data-window={limit ? 'beyond' : undefined}
      aria-labelledby={`${id}-verdict-title`}
    >
      <h3 id={`${id}-verdict-title`}>{t.verdictTitle}</h3>
      {/* Only this short sentence is announced on change, not the whole results block. */}
      <p class="srv-verdict-sentence" id={`${id}-verdict-sentence`} role="status" aria-live="polite" aria-atomic="true">
        <span aria-hidden="true">{starts ? '✓ ' : '✗ '}</span>
        {sentence}
      </p>
      {!starts && (
        <>
          <p class="srv-verdict-why">{m.verdict === 'no-room' ? t.verdict.whyNoRoom : t.verdict.whyWontStart}</p>
          {v.remedies.length > 0 ? (
            <div class="srv-remedies">
              <p>{t.verdict.change}</p>
              <ul id={`${id}-remedies`}>
                {v.remedies.map((r) => (
                  <li key={r.kind} data-remedy={r.kind}>
                    {r.kind === 'tp'
                      ? t.remedies.tp(f.n(r.tensorParallel), f.n(r.gpus), requests(r.requests))
                      : r.kind === 'weights'
                        ? t.remedies.weights(formatName(r.weights), requests(r.requests))
                        : r.kind === 'context'
                          ? t.remedies.context(f.n(r.contextTokens))
                          : t.remedies.utilization(f.n(r.utilization, 2), requests(r.requests))}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>{t.verdict.noChange}</p>
          )}
        </>
      )}
      {limit && (
        <p class="calc-field-warning srv-window" id={`${id}-window`}>
          {t.window(f.n(inputs.contextTokens), inputs.modelName, f.n(limit.limit), t.windowHow(limit.key, limit.scaling, f.n(limit.trained)))}
        </p>
      )}
    </section>
  );
}
