import { useMemo } from 'preact/hooks';
import { useSignal, useComputed } from '@preact/signals';
import { lazyCore } from '~/components/calculators/shared/lazy-core';
import { DeferredGpuFitTable } from '~/components/calculators/shared/DeferredGpuFitTable';
import type { FineTuneMemory } from '~/lib/memory/finetune-memory';
import { LORA_TARGETS } from '~/lib/memory/lora-targets';
import { loadCore, type InitialResults } from './core';
import { formatNumber } from '~/lib/format/format-number';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { Checkbox } from '~/components/calculators/shared/fields/Checkbox';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { keepLastGood } from '~/components/calculators/shared/last-good';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import { ModelPicker, type PickerPreset, type PickedModel } from '~/components/calculators/shared/model-picker/ModelPicker';
import type { PickerStrings } from '~/components/calculators/shared/model-picker/strings/en';
import type { FtStrings } from './strings/en';
import {
  stateSchema,
  defaultState,
  URL_PREFIX,
  METHODS,
  PRECISIONS,
  OPTIMIZERS,
  ZERO_STAGES,
  OFFLOADS,
  ADAPTER_PRECISIONS,
  OBJECTIVES,
  QLORA_BITS,
  FREEZE_SCOPES,
  TP_DEGREES,
  FRAMEWORKS,
  LIMITS,
  referenceFor,
  referencesFor,
  type FtState,
} from './state';
import type { FormulaName } from './formulas';
import {
  bandText,
  comparison,
  fieldMessage,
  fitRows,
  formatCount,
  formatPercent,
  genericMessage,
  memoryAttempt,
  peakSegments,
  solve,
  solverNoneMessage,
  verdict,
  type ErrorBand,
  type FtRefusal,
  type Gpu,
} from './view';
import { StackedBar } from './StackedBar';
import { Deferred } from '~/components/calculators/shared/Deferred';
import { CoreLoadFailed } from '~/components/calculators/shared/CoreLoadFailed';

// The formulas are a secondary panel: rendered on the server, their code loaded after start-up.
const FormulasOnServer = import.meta.env.SSR ? (await import('./Formulas')).Formulas : null;

export type { Gpu } from './view';

export interface FineTuneMemoryProps {
  /** Element id of the calculator's section: prefixes its element ids and is the fragment of copied links. */
  id: string;
  lang: Lang;
  models: PickerPreset[];
  gpus: Gpu[];
  formulas: Record<FormulaName, string>;
  /** Initial preset id. */
  preset: string;
  /** Fewer controls, no formulas: for embedding in a prose page. */
  compact?: boolean;
  /** The server's results for the default state: the first frame, drawn before the core has loaded. */
  initial: InitialResults;
  /** Error bands of measured runs by `framework:method`, from the corpus (computed at build time). */
  bands: Record<string, ErrorBand>;
}

/**
 * The calculator itself. Pages get it through the per-language entries (`FineTuneMemory.en.tsx`, `.zh.tsx`),
 * so each page ships only its own language's strings.
 */
export function FineTuneMemory({
  t,
  picker,
  lang,
  models,
  gpus,
  formulas,
  preset,
  compact = false,
  id,
  initial,
  bands,
}: FineTuneMemoryProps & { t: FtStrings; picker: PickerStrings }) {
  const ids = `${id}-`;
  const schema = useMemo(
    () =>
      stateSchema(
        models.map((m) => m.id),
        gpus.map((g) => g.id),
      ),
    [models, gpus],
  );
  const defaults = useMemo(() => defaultState(preset, gpus.find((g) => g.id === 'h100-80gb')?.id ?? gpus[0]!.id), [preset, gpus]);
  // The core arrives in the start-up's async step; until then (and on the server) the first frame is `initial`.
  const { core, failed: coreFailed, load } = useMemo(() => lazyCore(loadCore), []);
  const { state, notices, root, linkTo } = useLinkedSignal(schema, defaults, URL_PREFIX, { afterLink: load });

  function set<K extends keyof FtState>(key: K, value: FtState[K]) {
    state.value = { ...state.value, [key]: value };
  }

  // A pasted config.json is not in the URL (only preset ids are); it stays in use until another preset is chosen.
  const pasted = useSignal<PickedModel | null>(null);
  const model = useComputed<PickedModel>(() => {
    if (pasted.value) return pasted.value;
    const preset = models.find((m) => m.id === state.value.model) ?? models[0]!;
    return { id: preset.id, name: preset.name, spec: preset.spec };
  });
  // A reader's contradictory settings never blank the panel: the last result that could be computed stays.
  const kept = useMemo(() => keepLastGood<FineTuneMemory, FtRefusal>(), []);
  const current = useComputed(() => kept(core.value ? memoryAttempt(core.value, model.value.spec, state.value) : initial.result));
  const compared = useComputed(() => (core.value ? comparison(core.value, model.value.spec, state.value) : initial.compared));
  const gpu = useComputed(() => gpus.find((g) => g.id === state.value.gpu) ?? gpus[0]!);
  const solver = useComputed(() =>
    core.value ? (current.value.error ? null : solve(core.value, model.value.spec, state.value, gpu.value.bytes)) : initial.solver,
  );

  const s = state.value;
  const spec = model.value.spec;
  const result = current.value.value;
  const error = current.value.error;
  const layersError = fieldMessage(error, 'trainableLayers', t, spec);
  const targetsError = fieldMessage(error, 'lora.targets', t, spec);
  const offloadError = fieldMessage(error, 'offload', t, spec);
  const tpError = fieldMessage(error, 'tensorParallel', t, spec);
  const generic = genericMessage(error, t);
  const isLora = s.method === 'lora' || s.method === 'qlora';

  const select = <
    K extends 'fw' | 'method' | 'precision' | 'opt' | 'zero' | 'offload' | 'adapter' | 'gpu' | 'objective' | 'ref' | 'tp' | 'qbits' | 'freezescope',
  >(
    key: K,
    label: string,
    values: readonly string[],
    names: Record<string, string>,
    invalid?: string | null,
    value: string = s[key] as string,
  ) => (
    <SelectField id={`${ids}${key}`} label={label} value={value} values={values} names={names} error={invalid} onChange={(v) => set(key, v as FtState[K])} />
  );
  const checkbox = (key: 'ckpt' | 'flash' | 'proj' | 'grad32' | 'fusedce' | 'actoffload' | 'sp', label: string) => (
    <Checkbox id={`${ids}${key}`} label={label} checked={s[key]} onChange={(on) => set(key, on)} />
  );
  const number = (key: 'batch' | 'seq' | 'rank' | 'prefix' | 'layers' | 'gpus' | 'gens' | 'overhead', label: string, crossFieldError?: string | null) => (
    <NumberField
      id={`${ids}${key}`}
      label={label}
      value={s[key]}
      rule={key === 'layers' ? { ...LIMITS.layers, max: spec.numLayers } : LIMITS[key]}
      lang={lang}
      onValue={(v) => set(key, v)}
      warning={crossFieldError ?? undefined}
    />
  );

  // Binary units (GiB = 2^30 bytes), as PyTorch and nvidia-smi report memory.
  const bytes = formatterFor(lang).bytes;
  const count = (n: number) => formatCount(n, lang);
  // The verdict's suggestions need the core: the server computed them for the first frame (the default state and
  // GPU); a GPU chosen before the core loads gets the verdict alone (the server's solver was for another card).
  const judged = result
    ? !core.value && initial.verdict?.gpu === gpu.value.id
      ? initial.verdict.verdict
      : verdict(core.value, spec, s, result, gpu.value, core.value ? solver.value : null, t, lang)
    : null;
  const band = bandText(bands, s, t, lang);
  const segments = result ? peakSegments(result) : [];
  const segmentNames = { ...t.buckets, ...t.extraBuckets, ...t.peakBuckets };

  return (
    <div class="ft-calc" role="group" aria-label={t.region} ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      <div class="calc-inputs">
        <div class="ft-model">
          <ModelPicker
            id={`${ids}model`}
            t={picker}
            presets={models}
            value={model.value}
            onChange={(next) => {
              pasted.value = next.id === null ? next : null;
              if (next.id !== null) set('model', next.id);
            }}
          />
          {result && <p class="calc-field-hint">{t.modelParams(count(result.totalParams))}</p>}
        </div>
        {select('fw', t.framework, FRAMEWORKS, t.frameworks)}
        {select('method', t.method, METHODS, t.methods)}
        {number('batch', t.batch)}
        {number('seq', t.seq)}
        {!compact && select('precision', t.precision, PRECISIONS, t.precisions)}
        {!compact && select('opt', t.optimizer, OPTIMIZERS, t.optimizers)}
        {checkbox('ckpt', t.ckpt)}
        {checkbox('flash', t.flash)}
        {!compact && s.precision === 'mixed' && checkbox('grad32', t.grad32)}
        {select('objective', t.objective, OBJECTIVES, t.objectives)}
      </div>

      {s.objective !== 'sft' && (
        <div class="calc-inputs ft-preference-settings">
          {select('ref', t.reference, referencesFor(s.objective), t.references, null, referenceFor(s))}
          {s.objective === 'grpo' && number('gens', t.gens)}
        </div>
      )}

      {(isLora || s.method === 'p-tuning-v2' || s.method === 'freeze') && (
        <div class="calc-inputs ft-method-settings">
          {isLora && number('rank', t.rank)}
          {isLora && (
            <fieldset class="calc-field ft-targets" aria-describedby={targetsError ? `${ids}targets-message` : undefined}>
              <legend>{t.targets}</legend>
              {LORA_TARGETS.map((target) => (
                <span class="ft-target" key={target}>
                  <input
                    id={`${ids}target-${target}`}
                    type="checkbox"
                    checked={s.targets.includes(target)}
                    aria-invalid={targetsError ? 'true' : 'false'}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      const next = LORA_TARGETS.filter((x) => (x === target ? on : s.targets.includes(x)));
                      set('targets', next);
                    }}
                  />
                  <label for={`${ids}target-${target}`}>{t.targetNames[target]}</label>
                </span>
              ))}
              {targetsError && (
                <p id={`${ids}targets-message`} class="calc-field-error">
                  {targetsError} {t.keepLast}
                </p>
              )}
            </fieldset>
          )}
          {s.method === 'qlora' && select('qbits', t.qbits, QLORA_BITS, t.qbitsNames)}
          {isLora && select('adapter', t.adapter, ADAPTER_PRECISIONS, t.adapters)}
          {s.method === 'p-tuning-v2' && number('prefix', t.prefix)}
          {s.method === 'p-tuning-v2' && checkbox('proj', t.proj)}
          {s.method === 'freeze' && number('layers', t.layers, layersError && `${layersError} ${t.keepLast}`)}
          {s.method === 'freeze' && select('freezescope', t.freezescope, FREEZE_SCOPES, t.freezescopes)}
        </div>
      )}

      {!compact && (
        <div class="calc-inputs ft-parallel">
          {number('gpus', t.gpus)}
          {select('zero', t.zero, ZERO_STAGES, t.zeros)}
          {select('offload', t.offload, OFFLOADS, t.offloads, offloadError && `${offloadError} ${t.keepLast}`)}
          {select(
            'gpu',
            t.gpu,
            gpus.map((g) => g.id),
            Object.fromEntries(gpus.map((g) => [g.id, g.label])),
          )}
        </div>
      )}
      {!compact && (
        <fieldset class="calc-inputs ft-realism">
          <legend>{t.realism}</legend>
          {checkbox('fusedce', t.fusedce)}
          {checkbox('actoffload', t.actoffload)}
          {select('tp', t.tp, TP_DEGREES, Object.fromEntries(TP_DEGREES.map((d) => [d, d])), tpError && `${tpError} ${t.keepLast}`)}
          {s.tp !== '1' && checkbox('sp', t.sp)}
          {number('overhead', t.overhead)}
        </fieldset>
      )}
      {coreFailed.value && <CoreLoadFailed lang={lang} />}
      {generic && (
        <p class="calc-field-error" role="alert">
          {generic} {t.keepLast}
        </p>
      )}

      {result && (
        <div class="calc-results ft-results" data-verdict={judged!.kind} data-testid="ft-results">
          <div class="ft-verdict" role="status" data-testid="ft-verdict">
            <p>{judged!.text}</p>
            {judged!.advice.length > 0 && (
              <ul>
                {judged!.advice.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            )}
            {band && (
              <p class="ft-band" data-testid="ft-band">
                {band}
              </p>
            )}
          </div>
          <dl class="ft-summary">
            <div>
              <dt>{t.trainable}</dt>
              <dd>
                <output data-testid="ft-trainable" for={`${ids}model ${ids}method`}>
                  {count(result.trainableParams)}
                </output>{' '}
                <span class="ft-muted">({t.ofTotal(formatPercent(result.trainableParams / result.totalParams, lang))})</span>
              </dd>
            </div>
            <div>
              <dt>{t.perGpu}</dt>
              <dd>
                <output data-testid="ft-total" data-bytes={String(result.bytes.total)}>
                  {bytes(result.bytes.total)}
                </output>{' '}
                <span class="ft-muted">({formatNumber(result.bytes.total / 1e9, { lang, digits: 2 })} GB)</span>
              </dd>
            </div>
            <div>
              <dt>{t.peakTitle}</dt>
              <dd>
                <output data-testid="ft-peak-device" data-bytes={String(result.peak.device)}>
                  {bytes(result.peak.device)}
                </output>{' '}
                <span class="ft-muted">
                  ({t.peakParts.allocated}: <output data-testid="ft-peak-allocated">{bytes(result.peak.allocated)}</output>; {t.peakParts.reserved}:{' '}
                  <output data-testid="ft-peak-reserved">{bytes(result.peak.reserved)}</output>)
                </span>
              </dd>
            </div>
            {s.objective !== 'sft' && (
              <div>
                <dt>{t.objectives[s.objective as keyof FtStrings['objectives']]}</dt>
                <dd>
                  <output data-testid="ft-sequences">{t.sequencesLine(count(result.sequences))}</output>
                </dd>
              </div>
            )}
            {result.bytes.rolloutKvCache > 0 && (
              <div>
                <dt>{t.extraBuckets.rolloutKvCache}</dt>
                <dd>
                  <output data-testid="ft-rollout-kv">{bytes(result.bytes.rolloutKvCache)}</output>{' '}
                  <span class="ft-muted">({result.peakBreakdown.activationsAtPeak ? t.rolloutAtPeak : t.rolloutNotAtPeak})</span>
                </dd>
              </div>
            )}
            {result.cpuBytes > 0 && (
              <div>
                <dt>{t.cpu}</dt>
                <dd>
                  <output data-testid="ft-cpu">{bytes(result.cpuBytes)}</output>
                </dd>
              </div>
            )}
          </dl>

          <StackedBar
            segments={segments}
            capacity={gpu.value.bytes}
            capacityLabel={gpu.value.label}
            names={segmentNames}
            label={t.barLabel(segments.map((b) => `${segmentNames[b.key]} ${bytes(b.bytes)}`).join(', '))}
            format={bytes}
          />

          {!compact && (
            <>
              <DeferredGpuFitTable
                class="ft-fits"
                caption={t.fitsTitle}
                headers={{ gpu: t.gpuCol, capacity: t.memCol, fit: t.fitCol }}
                rows={fitRows(result.peak.device, gpus, t, lang)}
              />

              <h3 id={`${ids}solver`}>{t.solverTitle}</h3>
              {solver.value && (
                <dl class="ft-summary" aria-labelledby={`${ids}solver`}>
                  <div>
                    <dt>{t.solverBatch(count(s.seq), gpu.value.label)}</dt>
                    <dd>
                      <output data-testid="ft-max-batch">{solver.value.maxBatchSize === null ? t.solverNone : count(solver.value.maxBatchSize)}</output>
                    </dd>
                  </div>
                  <div>
                    <dt>{t.solverSeq(count(s.batch), gpu.value.label)}</dt>
                    <dd>
                      <output data-testid="ft-max-seq">{solver.value.maxSeqLen === null ? t.solverNone : count(solver.value.maxSeqLen)}</output>
                    </dd>
                  </div>
                </dl>
              )}
              {solver.value?.cause && (
                <p class="ft-muted" data-testid="ft-solver-cause">
                  {solverNoneMessage(solver.value, gpu.value.bytes, t, lang)}
                </p>
              )}
            </>
          )}

          <h3 id={`${ids}compare`}>{t.compareTitle}</h3>
          <ul class="ft-compare" aria-labelledby={`${ids}compare`}>
            {compared.value.map(({ method, attempt: a }) => {
              const max = Math.max(...compared.value.map((c) => (c.attempt.ok ? c.attempt.value.bytes.total : 0)), 1);
              return (
                <li key={method} data-method={method}>
                  <button type="button" aria-pressed={s.method === method ? 'true' : 'false'} onClick={() => set('method', method)}>
                    {t.methodsShort[method]}
                  </button>
                  {a.ok ? (
                    <>
                      <span class="ft-compare-bar" aria-hidden="true">
                        <span style={{ width: `${(a.value.bytes.total / max) * 100}%` }} />
                      </span>
                      <output data-testid={`ft-compare-${method}`}>{bytes(a.value.bytes.total)}</output>
                      <span class="ft-muted">
                        {t.trainable}: {formatPercent(a.value.trainableParams / a.value.totalParams, lang)}
                      </span>
                    </>
                  ) : (
                    <span class="ft-muted">{t.compareError}</span>
                  )}
                </li>
              );
            })}
          </ul>

          {!compact && (
            <Deferred
              server={FormulasOnServer}
              load={() => import('./Formulas').then((m) => m.Formulas)}
              class="calc-layout-when-near"
              props={{ t, result, state: s, spec, formulas, lang, ids }}
            />
          )}
          {!compact && <p class="ft-assumptions">{t.assumptions}</p>}
        </div>
      )}
      <CopyLinkButton lang={lang} link={() => linkTo(id)} />
      {pasted.value && <p class="calc-field-hint">{t.pastedNotInLink}</p>}
    </div>
  );
}
