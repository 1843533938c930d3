import { useMemo } from 'preact/hooks';
import { lazyCore } from '~/components/calculators/shared/lazy-core';
import type { ByteUnits } from '~/lib/format/format-bytes';
import { WEIGHT_FORMATS } from '~/lib/memory/weight-format-list';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { keepLastGood } from '~/components/calculators/shared/last-good';
import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { ChoiceGroup } from '~/components/calculators/shared/fields/ChoiceGroup';
import { Checkbox } from '~/components/calculators/shared/fields/Checkbox';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { Deferred } from '~/components/calculators/shared/Deferred';
import { CoreLoadFailed } from '~/components/calculators/shared/CoreLoadFailed';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import { KV_DTYPES, type FieldProblem, type ServingGpu, type ServingInputs, type ServingPreset, type ServingView } from './view';
import { loadCore } from './core';
import { inputsOf, PREFIX, servingDefaults, servingSchema, UNITS, type ServingState } from './state';
import type { FormulaName } from './formulas';
import { GpuBar } from './GpuBar';
import type { ServingStrings } from './strings/en';

// Secondary panels (chart, formulas, log check): rendered on the server, their code loaded after start-up.
const DecodeChartOnServer = import.meta.env.SSR ? (await import('./DecodeChart')).DecodeChart : null;
const FormulasOnServer = import.meta.env.SSR ? (await import('./ServingFormulas')).ServingFormulas : null;
const LogPanelOnServer = import.meta.env.SSR ? (await import('./LogPanel')).LogPanel : null;

type NumberKey = 'tp' | 'pp' | 'util' | 'ctx' | 'prompt' | 'batch' | 'mnbt' | 'beff' | 'ceff';

export interface ServingPlannerProps {
  id: string;
  lang: Lang;
  t: ServingStrings;
  presets: ServingPreset[];
  gpus: ServingGpu[];
  defaultPreset: string;
  formulas: Record<FormulaName, string>;
  /** The server's view for the default setting: the first frame, drawn before the core has loaded. */
  initial: ServingView;
}

export function ServingPlannerIsland(props: ServingPlannerProps) {
  const { id, lang, t, presets, gpus } = props;
  const gpuIds = gpus.map((g) => g.id);
  const schema = useMemo(
    () =>
      servingSchema(
        presets.map((p) => p.id),
        gpuIds,
      ),
    [],
  );
  const defaults = useMemo(() => servingDefaults(props.defaultPreset, gpuIds), []);
  // The core arrives in the start-up's async step, before the reader's early edits are replayed and the island
  // goes live; until then (and on the server) the results are the server's, for the setting they were computed for.
  const { core, failed: coreFailed, load } = useMemo(() => lazyCore(loadCore), []);
  const { root, notices, state, linkTo } = useLinkedSignal(schema, defaults, PREFIX, { afterLink: load });
  const keep = useMemo(() => keepLastGood<{ view: ServingView; inputs: ServingInputs; state: ServingState }, FieldProblem>(), []);

  const s = state.value;
  const set = <K extends keyof ServingState>(key: K, value: ServingState[K]) => (state.value = { ...state.value, [key]: value });
  const computing = core.value;
  const inputs = inputsOf(computing ? s : defaults, presets, gpus);
  const attempt = computing ? computing.computeServing(inputs) : ({ ok: true, value: props.initial } as const);
  const kept = keep(attempt.ok ? { ok: true, value: { view: attempt.value, inputs, state: computing ? s : defaults } } : { ok: false, error: attempt.error });
  const problem = kept.error;
  const shown = kept.value;
  const f = formatterFor(lang, s.units as ByteUnits);
  const message = (field: FieldProblem['field']) => (problem && problem.field === field ? t.problems[problem.code](problem.detail) : null);

  const tpError = message('tp');
  const ppError = message('pp');
  // Every number field: its id, URL key and validation rule are the state key's (one rule, in state.ts).
  const num = (key: NumberKey, label: string, more: { hint?: string; warning?: string } = {}) => (
    <NumberField id={`${id}-${key}`} label={label} value={s[key]} rule={schema[key]} lang={lang} onValue={(v) => set(key, v)} {...more} />
  );
  const formatNames = Object.fromEntries(WEIGHT_FORMATS.map((w) => [w, t.formats[w] ?? w]));

  return (
    <div class="srv-calc" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      <div class="calc-inputs">
        <SelectField
          id={`${id}-model`}
          label={t.model}
          value={s.model}
          values={presets.map((p) => p.id)}
          names={Object.fromEntries(presets.map((p) => [p.id, p.name]))}
          onChange={(v) => set('model', v)}
        />
        <SelectField
          id={`${id}-gpu`}
          label={t.gpu}
          value={s.gpu}
          values={gpuIds}
          names={Object.fromEntries(gpus.map((g) => [g.id, g.name]))}
          onChange={(v) => set('gpu', v)}
        />
        {num('tp', t.tp, { hint: t.gpuCount(f.n(s.tp * s.pp)), warning: tpError ?? undefined })}
        {num('pp', t.pp, { warning: ppError ?? undefined })}
        <SelectField
          id={`${id}-w`}
          label={t.weights}
          value={s.w}
          values={WEIGHT_FORMATS}
          names={formatNames}
          onChange={(v) => set('w', v)}
          error={message('weights')}
        />
        <SelectField id={`${id}-kvdt`} label={t.kvDtype} value={s.kvdt} values={KV_DTYPES} onChange={(v) => set('kvdt', v)} />
        {num('util', t.utilization, { hint: t.utilizationHint, warning: message('util') ?? undefined })}
        {num('ctx', t.context)}
        {num('prompt', t.prompt)}
        {num('batch', t.batch)}
        {num('mnbt', t.mnbt, { hint: t.mnbtHint })}
        <Checkbox id={`${id}-graphs`} label={t.graphs} checked={s.graphs} onChange={(v) => set('graphs', v)} />
        {num('beff', t.beff, { hint: t.effHint })}
        {num('ceff', t.ceff)}
        <ChoiceGroup
          id={`${id}-units`}
          legend={t.units}
          value={s.units}
          values={UNITS}
          names={{ binary: t.binary, decimal: t.decimal }}
          onChange={(u) => set('units', u)}
        />
      </div>
      {(tpError || ppError) && (
        <p class="calc-field-error" role="alert" id={`${id}-problem`}>
          {tpError ?? ppError} {t.keptNote}
        </p>
      )}
      {problem && !tpError && !ppError && (
        <p class="calc-field-error" role="alert" id={`${id}-problem`}>
          {t.problems[problem.code](problem.detail)} {t.keptNote}
        </p>
      )}
      {coreFailed.value && <CoreLoadFailed lang={lang} />}
      {shown && <Results {...props} view={shown.view} inputs={shown.inputs} state={shown.state} f={f} />}

      <h3 id={`${id}-log-title`}>{t.logTitle}</h3>
      <Deferred
        server={LogPanelOnServer}
        load={() => import('./LogPanel').then((m) => m.LogPanel)}
        props={{ id, lang, f, inputs, view: attempt.ok ? attempt.value : (shown?.view ?? null) }}
      />
      <CopyLinkButton lang={lang} link={() => linkTo(id)} />
    </div>
  );
}

function Results(props: ServingPlannerProps & { view: ServingView; inputs: ServingInputs; state: ServingState; f: ReturnType<typeof formatterFor> }) {
  const { id, t, lang, view: v, inputs, state, f, formulas } = props;
  const p = v.memory.perGpu;
  return (
    <div class="calc-results" aria-live="polite">
      <h3>{t.perGpuTitle}</h3>
      <p class="calc-field-hint">{t.capacity(inputs.gpu.name, f.bytes(p.capacity), inputs.gpu.driverReported)}</p>
      <GpuBar id={`${id}-bar`} segments={v.bar} capacity={p.capacity} names={t.segments} format={(b) => f.bytes(b)} spoken={t.spokenBar} />
      {!v.memory.fits && (
        <p class="calc-field-warning" id={`${id}-nofit`}>
          {t.noFit}
        </p>
      )}
      <dl class="srv-results">
        <div>
          <dt>{t.tokensFit}</dt>
          <dd>
            <output id={`${id}-tokens`}>{f.n(v.memory.kvTokens)}</output>
          </dd>
        </div>
        <div>
          <dt>{t.kvPerToken}</dt>
          <dd>
            <output id={`${id}-per-token`}>{f.bytes(v.kvPerTokenPerGpu)}</output>
          </dd>
        </div>
        <div>
          <dt>{t.concurrency(f.n(inputs.contextTokens))}</dt>
          <dd>
            <output id={`${id}-concurrency`}>{t.concurrencyValue(f.n(v.memory.maxConcurrency, 2), f.n(v.concurrentSequences))}</output>
          </dd>
        </div>
        <div>
          <dt>{t.ttft(f.n(inputs.promptTokens))}</dt>
          <dd>
            <output id={`${id}-ttft`}>{t.ms(f.n(v.speed.prefillSeconds * 1000, 1))}</output> · {t.bound[v.speed.bound.prefill]}
          </dd>
        </div>
        <div>
          <dt>{t.perSeq}</dt>
          <dd>
            <output id={`${id}-per-seq`}>{t.tokPerSec(f.n(v.speed.tokensPerSecondPerSequence, 1))}</output>
          </dd>
        </div>
        <div>
          <dt>{t.aggregate(f.n(inputs.batch))}</dt>
          <dd>
            <output id={`${id}-aggregate`}>{t.tokPerSec(f.n(v.speed.tokensPerSecond, 0))}</output> · {t.bound[v.speed.bound.decode]}
          </dd>
        </div>
      </dl>
      <Deferred
        server={DecodeChartOnServer}
        load={() => import('./DecodeChart').then((m) => m.DecodeChart)}
        props={{
          id: `${id}-chart`,
          series: v.series,
          ridge: v.ridge,
          fitLimit: v.concurrentSequences,
          n: (x: number) => f.n(x),
          lang,
        }}
      />
      <p class="srv-bounds" id={`${id}-bounds`}>
        {t.boundsNote}
      </p>
      <Deferred
        server={FormulasOnServer}
        load={() => import('./ServingFormulas').then((m) => m.ServingFormulas)}
        class="calc-layout-when-near"
        props={{ formulas, view: v, inputs, state, lang }}
      />
    </div>
  );
}
