import { useMemo, useEffect, useRef } from 'preact/hooks';
import { useSignal, useComputed } from '@preact/signals';
import type { ModelSpec } from '~/lib/model/model-spec';
import {
  fineTuneMemory,
  largestFit,
  FineTuneOptionError,
  LORA_TARGETS,
  type FineTuneMemory,
  type FineTuneOptions,
} from '~/lib/memory/finetune-memory';
import { NumberField } from '~/components/calculators/shared/NumberField';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { createUrlSync } from '~/components/calculators/shared/url-sync';
import { replayEarlyInput } from '~/components/calculators/shared/early-input';
import type { UrlNotice } from '~/lib/input/url-state';
import { formatNumber } from '~/lib/format/format-number';
import type { FtStrings } from './strings/zh';
import type { PickerStrings } from '~/components/calculators/shared/model-picker/strings/en';
import {
  stateSchema,
  defaultState,
  toOptions,
  URL_PREFIX,
  METHODS,
  PRECISIONS,
  OPTIMIZERS,
  ZERO_STAGES,
  OFFLOADS,
  ADAPTER_PRECISIONS,
  LIMITS,
  type FtState,
} from './state';
import type { FormulaName } from './formulas';
import { formatCount, formatPercent, formatBytesPerParam, type Lang } from './format';
import { formatBytes } from '~/lib/format/format-bytes';
import { StackedBar, BUCKETS } from './StackedBar';
import { ModelPicker, type PickerPreset, type PickedModel } from '~/components/calculators/shared/model-picker/ModelPicker';

export interface Gpu {
  id: string;
  label: string;
  /** Memory in bytes. */
  bytes: number;
}

export interface FineTuneMemoryProps {
  lang: Lang;
  models: PickerPreset[];
  gpus: Gpu[];
  formulas: Record<FormulaName, string>;
  /** Initial preset id. */
  preset: string;
  /** Fewer controls, no formulas: for embedding in a prose page. */
  compact?: boolean;
  /** id of the calculator's section, the fragment of copied links. */
  anchor: string;
}

type Attempt = { ok: true; result: FineTuneMemory } | { ok: false; field: string };

const COMPARED = ['full', 'lora', 'qlora', 'p-tuning-v2'] as const;

function attempt(spec: ModelSpec, options: FineTuneOptions): Attempt {
  try {
    return { ok: true, result: fineTuneMemory(spec, options) };
  } catch (error) {
    if (error instanceof FineTuneOptionError) return { ok: false, field: error.field };
    return { ok: false, field: 'generic' };
  }
}

/**
 * The calculator itself. Pages get it through the per-language entries (`FineTuneMemoryIsland.en.tsx`,
 * `.zh.tsx`), so each page ships only its own language's strings.
 */
export function FineTuneMemory({ t, picker, lang, models, gpus, formulas, preset, compact = false, anchor }: FineTuneMemoryProps & { t: FtStrings; picker: PickerStrings }) {
  const ids = `${anchor}-`;
  const schema = useMemo(() => stateSchema(models.map((m) => m.id), gpus.map((g) => g.id)), [models, gpus]);
  const defaults = useMemo(() => defaultState(preset, gpus.find((g) => g.id === 'h100-80gb')?.id ?? gpus[0]!.id), [preset, gpus]);
  const sync = useMemo(() => createUrlSync(schema, defaults, URL_PREFIX), [schema, defaults]);
  // Server render and first client render use the defaults (same markup); the link's state applies after hydration.
  const state = useSignal<FtState>(defaults);
  const notices = useSignal<UrlNotice[]>([]);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    state.value = sync.initial.state;
    notices.value = sync.initial.notices;
    replayEarlyInput(root.current);
  }, [sync]);

  function set<K extends keyof FtState>(key: K, value: FtState[K]) {
    state.value = { ...state.value, [key]: value };
    sync.write(state.value);
  }

  // A pasted config.json is not in the URL (only preset ids are); it stays in use until another preset is chosen.
  const pasted = useSignal<PickedModel | null>(null);
  const model = useComputed<PickedModel>(() => {
    if (pasted.value) return pasted.value;
    const preset = models.find((m) => m.id === state.value.model) ?? models[0]!;
    return { id: preset.id, name: preset.name, spec: preset.spec };
  });
  // Keep the last result that could be computed: a reader's contradictory settings never blank the panel.
  const lastGood = useMemo(() => ({ current: null as FineTuneMemory | null }), []);
  const current = useComputed(() => {
    const a = attempt(model.value.spec, toOptions(state.value));
    if (a.ok) lastGood.current = a.result;
    return { error: a.ok ? null : a.field, result: a.ok ? a.result : lastGood.current };
  });
  const comparison = useComputed(() => COMPARED.map((method) => ({ method, attempt: attempt(model.value.spec, toOptions(state.value, method)) })));
  const gpu = useComputed(() => gpus.find((g) => g.id === state.value.gpu) ?? gpus[0]!);
  const solver = useComputed(() => {
    if (current.value.error) return null;
    try {
      return largestFit(model.value.spec, toOptions(state.value), gpu.value.bytes);
    } catch {
      return null;
    }
  });

  const s = state.value;
  const result = current.value.result;
  const error = current.value.error;
  const errorText = (field: string) =>
    error === field
      ? field === 'trainableLayers'
        ? t.errors.trainableLayers(model.value.spec.numLayers)
        : field === 'lora.targets'
          ? t.errors['lora.targets']
          : field === 'offload'
            ? t.errors.offload
            : null
      : null;
  const generic = error && !['trainableLayers', 'lora.targets', 'offload'].includes(error) ? t.errors.generic : null;
  const isLora = s.method === 'lora' || s.method === 'qlora';

  const select = <K extends keyof FtState>(key: K, label: string, values: readonly string[], names: Record<string, string>, invalid?: string | null) => (
    <div class="calc-field" data-invalid={invalid ? 'true' : undefined}>
      <label for={`${ids}${String(key)}`}>{label}</label>
      <select
        id={`${ids}${String(key)}`}
        value={s[key] as string}
        aria-invalid={invalid ? 'true' : 'false'}
        aria-describedby={invalid ? `${ids}${String(key)}-message` : undefined}
        onChange={(e) => set(key, (e.currentTarget as HTMLSelectElement).value as FtState[K])}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {names[v] ?? v}
          </option>
        ))}
      </select>
      {invalid && (
        <p id={`${ids}${String(key)}-message`} class="calc-field-error">
          {invalid}
        </p>
      )}
    </div>
  );
  const checkbox = (key: 'ckpt' | 'flash' | 'proj' | 'grad32', label: string) => (
    <div class="calc-field ft-check">
      <input id={`${ids}${key}`} type="checkbox" checked={s[key]} onChange={(e) => set(key, (e.currentTarget as HTMLInputElement).checked)} />
      <label for={`${ids}${key}`}>{label}</label>
    </div>
  );
  const number = (key: 'batch' | 'seq' | 'rank' | 'prefix' | 'layers' | 'gpus', label: string, crossFieldError?: string | null) => (
    <NumberField
      id={`${ids}${key}`}
      label={label}
      value={s[key]}
      rule={key === 'layers' ? { ...LIMITS.layers, max: model.value.spec.numLayers } : LIMITS[key]}
      lang={lang}
      onValue={(v) => set(key, v)}
      warning={crossFieldError ?? undefined}
    />
  );

  // Binary units (GiB = 2^30 bytes), as PyTorch and nvidia-smi report memory.
  const bytes = (b: number) => formatBytes(b, 'binary', lang);
  const count = (n: number) => formatCount(n, lang);

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
        {select('method', t.method, METHODS, t.methods)}
        {number('batch', t.batch)}
        {number('seq', t.seq)}
        {!compact && select('precision', t.precision, PRECISIONS, t.precisions)}
        {!compact && select('opt', t.optimizer, OPTIMIZERS, t.optimizers)}
        {checkbox('ckpt', t.ckpt)}
        {checkbox('flash', t.flash)}
        {!compact && s.precision === 'mixed' && checkbox('grad32', t.grad32)}
      </div>

      {(isLora || s.method === 'p-tuning-v2' || s.method === 'freeze') && (
        <div class="calc-inputs ft-method-settings">
          {isLora && number('rank', t.rank)}
          {isLora && (
            <fieldset class="calc-field ft-targets" aria-describedby={errorText('lora.targets') ? `${ids}targets-message` : undefined}>
              <legend>{t.targets}</legend>
              {LORA_TARGETS.map((target) => (
                <span class="ft-target" key={target}>
                  <input
                    id={`${ids}target-${target}`}
                    type="checkbox"
                    checked={s.targets.includes(target)}
                    aria-invalid={errorText('lora.targets') ? 'true' : 'false'}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      const next = LORA_TARGETS.filter((x) => (x === target ? on : s.targets.includes(x)));
                      set('targets', next);
                    }}
                  />
                  <label for={`${ids}target-${target}`}>{t.targetNames[target]}</label>
                </span>
              ))}
              {errorText('lora.targets') && (
                <p id={`${ids}targets-message`} class="calc-field-error">
                  {errorText('lora.targets')} {t.keepLast}
                </p>
              )}
            </fieldset>
          )}
          {s.method === 'qlora' && select('adapter', t.adapter, ADAPTER_PRECISIONS, t.adapters)}
          {s.method === 'p-tuning-v2' && number('prefix', t.prefix)}
          {s.method === 'p-tuning-v2' && checkbox('proj', t.proj)}
          {s.method === 'freeze' && number('layers', t.layers, errorText('trainableLayers') && `${errorText('trainableLayers')} ${t.keepLast}`)}
        </div>
      )}

      {!compact && (
        <div class="calc-inputs ft-parallel">
          {number('gpus', t.gpus)}
          {select('zero', t.zero, ZERO_STAGES, t.zeros)}
          {select('offload', t.offload, OFFLOADS, t.offloads, errorText('offload') && `${errorText('offload')} ${t.keepLast}`)}
          {select('gpu', t.gpu, gpus.map((g) => g.id), Object.fromEntries(gpus.map((g) => [g.id, g.label])))}
        </div>
      )}
      {generic && (
        <p class="calc-field-error" role="alert">
          {generic} {t.keepLast}
        </p>
      )}

      {result && (
        <div class="calc-results ft-results">
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
            bytes={result.bytes}
            capacity={gpu.value.bytes}
            capacityLabel={gpu.value.label}
            names={t.buckets}
            label={t.barLabel(BUCKETS.map((b) => `${t.buckets[b]} ${bytes(result.bytes[b])}`).join(', '))}
            format={bytes}
          />

          {!compact && (
            <>
              <h3 id={`${ids}fits`}>{t.fitsTitle}</h3>
              <table class="ft-fits" aria-labelledby={`${ids}fits`}>
                <thead>
                  <tr>
                    <th scope="col">{t.gpuCol}</th>
                    <th scope="col">{t.memCol}</th>
                    <th scope="col">{t.fitCol}</th>
                  </tr>
                </thead>
                <tbody>
                  {gpus.map((g) => {
                    const fits = result.bytes.total <= g.bytes;
                    return (
                      <tr key={g.id} data-fits={fits ? 'yes' : 'no'}>
                        <th scope="row">{g.label}</th>
                        <td>{bytes(g.bytes)}</td>
                        <td>{fits ? `✓ ${t.fits}` : `✗ ${t.doesNotFit(bytes(result.bytes.total - g.bytes))}`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>

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
            </>
          )}

          <h3 id={`${ids}compare`}>{t.compareTitle}</h3>
          <ul class="ft-compare" aria-labelledby={`${ids}compare`}>
            {comparison.value.map(({ method, attempt: a }) => {
              const max = Math.max(...comparison.value.map((c) => (c.attempt.ok ? c.attempt.result.bytes.total : 0)), 1);
              return (
                <li key={method} data-method={method}>
                  <button type="button" aria-pressed={s.method === method ? 'true' : 'false'} onClick={() => set('method', method)}>
                    {t.methodsShort[method]}
                  </button>
                  {a.ok ? (
                    <>
                      <span class="ft-compare-bar" aria-hidden="true">
                        <span style={{ width: `${(a.result.bytes.total / max) * 100}%` }} />
                      </span>
                      <output data-testid={`ft-compare-${method}`}>{bytes(a.result.bytes.total)}</output>
                      <span class="ft-muted">
                        {t.trainable}: {formatPercent(a.result.trainableParams / a.result.totalParams, lang)}
                      </span>
                    </>
                  ) : (
                    <span class="ft-muted">{t.compareError}</span>
                  )}
                </li>
              );
            })}
          </ul>

          {!compact && <Formulas t={t} result={result} state={s} model={model.value} formulas={formulas} lang={lang} anchor={ids} />}
          {!compact && <p class="ft-assumptions">{t.assumptions}</p>}
        </div>
      )}
      <CopyLinkButton lang={lang} link={() => sync.linkTo(state.value, anchor)} />
      {pasted.value && <p class="calc-field-hint">{t.pastedNotInLink}</p>}
    </div>
  );
}

function Formulas({ t, result, state, model, formulas, lang, anchor }: { t: FtStrings; result: FineTuneMemory; state: FtState; model: PickedModel; formulas: Record<FormulaName, string>; lang: Lang; anchor: string }) {
  // Binary units (GiB = 2^30 bytes), as PyTorch and nvidia-smi report memory.
  const bytes = (b: number) => formatBytes(b, 'binary', lang);
  const count = (n: number) => formatCount(n, lang);
  const bpp = (n: number) => formatBytesPerParam(n, lang);
  const o = toOptions(state);
  const spec = model.spec;
  const qlora = o.method === 'qlora';
  const added = o.method === 'lora' || o.method === 'qlora' || o.method === 'p-tuning-v2' ? result.trainableParams : 0;
  const fp32 = o.precision === 'fp32';
  const weightBytes = fp32 ? 4 : 2;
  const adapterBytes = qlora ? (o.adapterPrecision === 'fp32' ? 4 : 2) : weightBytes;
  const pBase = result.totalParams - result.quantizedParams;
  const T = result.trainableParams;
  const bG = T > 0 ? result.unsharded.gradients / T : 0;
  const bM = !qlora && o.precision === 'mixed' ? 4 : 0;
  const bS = T > 0 ? result.unsharded.optimizer / T - bM : 0;
  const flash = o.flashAttention ?? false;
  const h = spec.hiddenSize;
  const scale = fp32 ? 2 : 1;
  const core = 34 * o.seqLen * o.batchSize * h + (flash ? 0 : 5 * spec.numHeads * o.seqLen * o.seqLen * o.batchSize);
  const extra = result.activations.perLayer - core * scale;
  const kept = o.gradientCheckpointing ? result.activations.checkpoints / Math.max(result.activations.layers, 1) : result.activations.perLayer;
  const stage = o.zeroStage ?? 0;
  const gpus = o.gpus ?? 1;
  const n = (on: boolean) => (on ? count(gpus) : '1');
  const offload = o.offload ?? 'none';
  const values: Record<FormulaName, Record<string, string>> = {
    weights: { pBase: count(pBase), bBase: bpp(qlora ? 2 : weightBytes), pQ: count(result.quantizedParams), pA: count(added), bA: bpp(adapterBytes), mW: bytes(result.unsharded.weights) },
    gradients: { T: count(T), bG: bpp(bG), mG: bytes(result.unsharded.gradients) },
    optimizer: { T: count(T), bM: bpp(bM), bS: bpp(bS), mO: bytes(result.unsharded.optimizer) },
    actLayer: {
      s: count(o.seqLen),
      b: count(o.batchSize),
      h: count(h),
      attn: flash ? '0' : formatCount(Math.round(((5 * spec.numHeads * o.seqLen) / h) * 100) / 100, lang),
      scale: String(scale),
      extra: count(extra),
      mL: bytes(result.activations.perLayer),
    },
    actTotal: {
      La: count(result.activations.layers),
      kept: bytes(kept),
      re: bytes(o.gradientCheckpointing ? result.activations.perLayer : 0),
      logits: bytes(result.activations.logits),
      mA: bytes(result.bytes.activations),
    },
    total: { nW: n(stage >= 3), nG: n(stage >= 2), nO: n(stage >= 1), total: bytes(result.bytes.total) },
  };
  const titles: Record<FormulaName, string> = {
    weights: t.fWeights,
    gradients: t.fGradients,
    optimizer: t.fOptimizer,
    actLayer: t.fActLayer,
    actTotal: t.fActTotal,
    total: t.fTotal,
  };
  return (
    <>
      <h3 id={`${anchor}formulas`}>{t.formulasTitle}</h3>
      {(Object.keys(formulas) as FormulaName[]).map((name) => (
        <figure key={name} class="ft-formula" data-formula={name}>
          <figcaption>{titles[name]}</figcaption>
          <FormulaView html={formulas[name]} values={values[name]} spoken={`${titles[name]}: ${Object.values(values[name]).join(', ')}`} />
        </figure>
      ))}
      {offload !== 'none' && <p class="ft-muted">{t.offloads[offload]} → CPU: {bytes(result.cpuBytes)}</p>}
    </>
  );
}
