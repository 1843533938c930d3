import { useMemo } from 'preact/hooks';
import { lazyCore } from '~/components/calculators/shared/lazy-core';
import type { ByteUnits } from '~/lib/format/format-bytes';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { keepLastGood } from '~/components/calculators/shared/last-good';
import { writeUrlState } from '~/components/calculators/shared/url-state';
import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { Checkbox } from '~/components/calculators/shared/fields/Checkbox';
import { ChoiceGroup } from '~/components/calculators/shared/fields/ChoiceGroup';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { Deferred } from '~/components/calculators/shared/Deferred';
import { CoreLoadFailed } from '~/components/calculators/shared/CoreLoadFailed';
import { formatterFor, type Formatter, type Lang } from '~/components/calculators/shared/locale';
import { loadCore } from './core';
import {
  CHECKPOINT_CHOICES,
  inputsOf,
  OPTIMIZER_CHOICES,
  PRECISION_CHOICES,
  PREFIX,
  trainingSchema,
  UNITS,
  ZERO_CHOICES,
  type TrainingSchema,
  type TrainingState,
} from './state';
import {
  MEMORY_KEYS,
  type FieldProblem,
  type ProblemField,
  type TrainingGpu,
  type TrainingInputs,
  type TrainingModel,
  type TrainingPreset,
  type TrainingView,
} from './view';
import type { FormulaName } from './formulas';
import type { TrainingStrings } from './strings/en';

// Secondary panels: rendered on the server, their code loaded when the browser is idle.
const LayoutOnServer = import.meta.env.SSR ? (await import('./LayoutGrid')).LayoutGrid : null;
const StepOnServer = import.meta.env.SSR ? (await import('./StepBreakdown')).StepBreakdown : null;
const SolverOnServer = import.meta.env.SSR ? (await import('./SolverPanel')).SolverPanel : null;
const FormulasOnServer = import.meta.env.SSR ? (await import('./TrainingFormulas')).TrainingFormulas : null;

type NumberKey = 'gpus' | 'tp' | 'pp' | 'vpp' | 'cp' | 'ep' | 'mb' | 'seq' | 'gbs' | 'node' | 'ib' | 'eff' | 'eov' | 'edge' | 'tokens' | 'price';

export interface TrainingPlannerProps {
  id: string;
  lang: Lang;
  t: TrainingStrings;
  models: TrainingModel[];
  gpus: TrainingGpu[];
  presets: TrainingPreset[];
  /** The state the page starts from (a preset's). */
  defaults: TrainingState;
  formulas: Record<FormulaName, string>;
  /** The server's view for the default setting: the first frame, drawn before the core has loaded. */
  initial: TrainingView;
}

export function TrainingPlannerIsland(props: TrainingPlannerProps) {
  const { id, lang, t, models, gpus, presets, defaults } = props;
  const schema = useMemo(
    () =>
      trainingSchema(
        models.map((m) => m.id),
        gpus.map((g) => g.id),
      ),
    [],
  );
  const { core, failed: coreFailed, load } = useMemo(() => lazyCore(loadCore), []);
  const { root, notices, state, linkTo } = useLinkedSignal(schema, defaults, PREFIX, { afterLink: () => load() });
  const keep = useMemo(() => keepLastGood<{ view: TrainingView; inputs: TrainingInputs; state: TrainingState }, FieldProblem>(), []);

  const s = state.value;
  const set = <K extends keyof TrainingState>(key: K, value: TrainingState[K]) => (state.value = { ...state.value, [key]: value });
  const computing = core.value;
  const used = computing ? s : defaults;
  const inputs = inputsOf(used, models, gpus);
  const attempt = computing ? computing.computeTraining(inputs) : ({ ok: true, value: props.initial } as const);
  const kept = keep(attempt.ok ? { ok: true, value: { view: attempt.value, inputs, state: used } } : { ok: false, error: attempt.error });
  const problem = kept.error;
  const shown = kept.value;
  const f = formatterFor(lang, s.units as ByteUnits);
  const message = (field: ProblemField) => (problem && problem.field === field ? t.problem(problem) : undefined);
  const num = (key: NumberKey, label: string, hint?: string) => (
    <NumberField
      id={`${id}-${key}`}
      label={label}
      value={s[key]}
      rule={schema[key]}
      lang={lang}
      onValue={(v) => set(key, v)}
      hint={hint}
      warning={message(key)}
    />
  );
  const modelRanks = s.tp * s.pp * s.cp;
  const dp = s.gpus % modelRanks === 0 ? f.n(s.gpus / modelRanks) : '–';
  const presetHref = (preset: TrainingPreset) => `${writeUrlState('', schema, preset.state, defaults, PREFIX) || '?'}#${id}`;

  return (
    <div class="trn-calc" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      <nav class="trn-presets" aria-labelledby={`${id}-presets-title`}>
        <h3 id={`${id}-presets-title`}>{t.presetsTitle}</h3>
        <ul>
          {presets.map((p) => (
            <li key={p.id}>
              <a
                href={presetHref(p)}
                data-preset={p.id}
                onClick={(e) => {
                  e.preventDefault();
                  state.value = { ...p.state };
                }}
              >
                {t.presetNames[p.id] ?? p.id}
              </a>{' '}
              <a class="trn-source" href={p.source} rel="external">
                ↗
              </a>
            </li>
          ))}
        </ul>
        <p class="calc-field-hint">{t.presetsHint}</p>
      </nav>
      <div class="calc-inputs">
        <SelectField
          id={`${id}-model`}
          label={t.model}
          value={s.model}
          values={models.map((m) => m.id)}
          names={Object.fromEntries(models.map((m) => [m.id, m.name]))}
          onChange={(v) => set('model', v)}
        />
        <SelectField
          id={`${id}-gpu`}
          label={t.gpu}
          value={s.gpu}
          values={gpus.map((g) => g.id)}
          names={Object.fromEntries(gpus.map((g) => [g.id, g.name]))}
          onChange={(v) => set('gpu', v)}
          error={message('gpu')}
        />
        {num('gpus', t.gpus, t.dpDerived(dp))}
        {num('tp', t.tp)}
        {num('pp', t.pp)}
        {num('vpp', t.vpp)}
        {num('cp', t.cp)}
        {num('ep', t.ep)}
        <SelectField
          id={`${id}-zero`}
          label={t.zero}
          value={s.zero}
          values={ZERO_CHOICES}
          names={t.zeroNames}
          onChange={(v) => set('zero', v)}
          error={message('zero')}
        />
        {num('seq', t.seq)}
        {num('gbs', t.gbs, t.gbsHint(f.n(s.gbs * s.seq)))}
        {num('mb', t.mb)}
        <SelectField id={`${id}-ckpt`} label={t.ckpt} value={s.ckpt} values={CHECKPOINT_CHOICES} names={t.ckptNames} onChange={(v) => set('ckpt', v)} />
        <SelectField
          id={`${id}-prec`}
          label={t.prec}
          value={s.prec}
          values={PRECISION_CHOICES}
          names={t.precNames}
          onChange={(v) => set('prec', v)}
          error={message('prec')}
        />
        <SelectField id={`${id}-opt`} label={t.opt} value={s.opt} values={OPTIMIZER_CHOICES} names={t.optNames} onChange={(v) => set('opt', v)} />
        <Checkbox id={`${id}-sp`} label={t.sp} checked={s.sp} onChange={(v) => set('sp', v)} />
        {num('tokens', t.tokens)}
        {num('price', t.price)}
      </div>
      <details class="trn-more">
        <summary>{t.network}</summary>
        <div class="calc-inputs">
          {num('node', t.node)}
          {num('ib', t.ib, t.ibHint)}
          {num('eff', t.eff)}
          {num('eov', t.eov)}
          {num('edge', t.edge)}
          <Checkbox id={`${id}-drop`} label={t.drop} checked={s.drop} onChange={(v) => set('drop', v)} />
          <ChoiceGroup
            id={`${id}-units`}
            legend={t.units}
            value={s.units}
            values={UNITS}
            names={{ binary: t.binary, decimal: t.decimal }}
            onChange={(u) => set('units', u)}
          />
        </div>
      </details>
      {problem && (
        <p class="calc-field-error" role="alert" id={`${id}-problem`} data-field={problem.field}>
          {t.problem(problem)} {t.keptNote}
        </p>
      )}
      {coreFailed.value && <CoreLoadFailed lang={lang} />}
      {shown && (
        <Results
          {...props}
          schema={schema}
          view={shown.view}
          inputs={shown.inputs}
          state={shown.state}
          f={f}
          apply={(patch) => (state.value = { ...state.value, ...patch })}
        />
      )}
      {shown && (
        <Deferred
          server={SolverOnServer}
          load={() => import('./SolverPanel').then((m) => m.SolverPanel)}
          props={{
            id,
            t,
            f,
            inputs,
            solve: computing?.solveTraining ?? null,
            apply: (patch: Partial<TrainingState>) => (state.value = { ...state.value, ...patch }),
          }}
        />
      )}
      <CopyLinkButton lang={lang} link={() => linkTo(id)} />
    </div>
  );
}

/** The verdict sentence: fits, with the headline figures, or by how much and what takes the most. */
export function verdictSentence(t: TrainingStrings, f: Formatter, v: TrainingView): string {
  const capacity = f.bytes(v.gpuMemoryBytes);
  if (v.fits) return t.verdict.fits(f.bytes(v.perGpu.total), capacity, f.percent(v.mfu), t.days(f.n(v.trainSeconds / 86_400, 1)));
  return t.verdict.over(t.memoryNames[v.largest] ?? v.largest, f.bytes(v.overBytes), capacity, f.bytes(v.perGpu.total));
}

function Results(
  props: TrainingPlannerProps & {
    schema: TrainingSchema;
    view: TrainingView;
    inputs: TrainingInputs;
    state: TrainingState;
    f: Formatter;
    apply: (patch: Partial<TrainingState>) => void;
  },
) {
  const { id, t, lang, view: v, state, f, formulas } = props;
  const capacity = v.gpuMemoryBytes;
  const scale = Math.max(capacity, v.perGpu.total);
  const parts = MEMORY_KEYS.filter((k) => v.perGpu[k] > 0);
  return (
    <div class="calc-results">
      <section
        class="trn-verdict"
        id={`${id}-verdict`}
        data-verdict={v.fits ? 'fits' : 'over'}
        data-largest={v.largest}
        aria-labelledby={`${id}-verdict-title`}
      >
        <h3 id={`${id}-verdict-title`}>{t.verdictTitle}</h3>
        <p id={`${id}-verdict-sentence`} role="status" aria-live="polite" aria-atomic="true">
          <span aria-hidden="true">{v.fits ? '✓ ' : '✗ '}</span>
          {verdictSentence(t, f, v)}
        </p>
      </section>
      <Deferred
        server={LayoutOnServer}
        load={() => import('./LayoutGrid').then((m) => m.LayoutGrid)}
        props={{ id, t, f, layout: v.layout, gpusPerNode: state.node }}
      />
      <h3>{t.memoryTitle}</h3>
      <figure class="trn-bar-figure" id={`${id}-memory`}>
        <div class="trn-bar" role="img" aria-label={t.spokenBar(parts.map((k) => `${t.memoryNames[k]} ${f.bytes(v.perGpu[k])}`).join(', '))}>
          {parts.map((k) => (
            <span key={k} class={`trn-seg trn-mem-${k}`} style={{ width: `${(v.perGpu[k] / scale) * 100}%` }} />
          ))}
          <span class="trn-capacity" style={{ left: `${(capacity / scale) * 100}%` }} aria-hidden="true" />
        </div>
        <ul class="trn-legend">
          {parts.map((k) => (
            <li key={k}>
              <span class={`trn-swatch trn-mem-${k}`} aria-hidden="true" />
              {t.memoryNames[k]}:{' '}
              <output data-segment={k} data-bytes={String(v.perGpu[k])}>
                {f.bytes(v.perGpu[k])}
              </output>
            </li>
          ))}
          <li>
            <strong>
              <output id={`${id}-total`} data-bytes={String(v.perGpu.total)}>
                {f.bytes(v.perGpu.total)}
              </output>
            </strong>{' '}
            {t.memoryOf(f.bytes(capacity))}
          </li>
        </ul>
      </figure>
      <Deferred server={StepOnServer} load={() => import('./StepBreakdown').then((m) => m.StepBreakdown)} props={{ id, t, f, view: v }} />
      <h3>{t.results}</h3>
      <dl class="trn-results">
        <div>
          <dt>{t.tokensPerSecond}</dt>
          <dd>
            <output id={`${id}-tps`}>{f.n(v.tokensPerSecond)}</output>
          </dd>
        </div>
        <div>
          <dt>{t.mfu}</dt>
          <dd>
            <output id={`${id}-mfu`} data-value={String(v.mfu)}>
              {f.percent(v.mfu)}
            </output>
          </dd>
        </div>
        <div>
          <dt>{t.hfu}</dt>
          <dd>
            <output id={`${id}-hfu`} data-value={String(v.hfu)}>
              {f.percent(v.hfu)}
            </output>
          </dd>
        </div>
        <div>
          <dt>{t.bubble}</dt>
          <dd>
            <output id={`${id}-bubble`}>{f.percent(v.bubbleFraction)}</output> · {t.microbatches(f.n(v.layout.microbatches))}
          </dd>
        </div>
        <div>
          <dt>{t.trainTime(f.n(v.tokens))}</dt>
          <dd>
            <output id={`${id}-days`} data-seconds={String(v.trainSeconds)}>
              {t.days(f.n(v.trainSeconds / 86_400, 1))}
            </output>
          </dd>
        </div>
        <div>
          <dt>{t.gpuHours}</dt>
          <dd>
            <output id={`${id}-gpu-hours`} data-value={String(v.gpuHours)}>
              {f.n(v.gpuHours)}
            </output>
          </dd>
        </div>
        {v.cost !== null && (
          <div>
            <dt>{t.cost}</dt>
            <dd>
              <output id={`${id}-cost`} data-value={String(v.cost)}>
                {f.n(v.cost)}
              </output>
            </dd>
          </div>
        )}
      </dl>
      <p class="calc-field-hint">{t.mfuNote}</p>
      <Deferred
        server={FormulasOnServer}
        load={() => import('./TrainingFormulas').then((m) => m.TrainingFormulas)}
        class="calc-layout-when-near"
        props={{ t, formulas, view: v, state, lang }}
      />
    </div>
  );
}
