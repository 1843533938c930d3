import { useMemo } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { lazyCore } from '~/components/calculators/shared/lazy-core';
import type { ByteUnits } from '~/lib/format/format-bytes';
import { GiB } from '~/lib/model/dtype';
import { WEIGHT_FORMATS, type WeightFormat } from '~/lib/memory/weight-format-list';
import { vllmBatchDefaults } from '~/lib/memory/serving-defaults';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { keepLastGood } from '~/components/calculators/shared/last-good';
import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { ChoiceGroup } from '~/components/calculators/shared/fields/ChoiceGroup';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { Deferred } from '~/components/calculators/shared/Deferred';
import { CoreLoadFailed } from '~/components/calculators/shared/CoreLoadFailed';
import { ModelPicker, type PickedModel, type PickerPreset } from '~/components/calculators/shared/model-picker/ModelPicker';
import type { PickerStrings } from '~/components/calculators/shared/model-picker/strings/en';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import { KV_DTYPES, type FieldProblem, type ServingGpu, type ServingInputs, type ServingModel, type ServingPreset, type ServingView } from './view';
import { loadCore } from './core';
import {
  CUSTOM_GPU,
  GPU_LAYER_US,
  inputsOf,
  LLAMA_CPP_FORMATS,
  METAL_LAYER_US,
  PREFIX,
  presetModel,
  servingDefaults,
  servingSchema,
  UNITS,
  type ServingState,
} from './state';
import type { FormulaName } from './formulas';
import type { logSettings } from './reconcile';
import { GpuBar } from './GpuBar';
import { Verdict } from './Verdict';
import type { ServingStrings } from './strings/en';

// Secondary panels (chart, formulas, log check): rendered on the server, their code loaded after start-up.
const DecodeChartOnServer = import.meta.env.SSR ? (await import('./DecodeChart')).DecodeChart : null;
const FormulasOnServer = import.meta.env.SSR ? (await import('./ServingFormulas')).ServingFormulas : null;
const LogPanelOnServer = import.meta.env.SSR ? (await import('./LogPanel')).LogPanel : null;
const SettingsOnServer = import.meta.env.SSR ? (await import('./SettingsPanel')).SettingsPanel : null;

type NumberKey = 'tp' | 'pp' | 'util' | 'ctx' | 'prompt' | 'batch' | 'mns' | 'gmem' | 'gbw' | 'gbf16' | 'gfp8' | 'glink';

export interface ServingPlannerProps {
  id: string;
  lang: Lang;
  t: ServingStrings;
  /** The model picker's strings in the same language. */
  picker: PickerStrings;
  presets: (ServingPreset & PickerPreset)[];
  gpus: ServingGpu[];
  defaultPreset: string;
  formulas: Record<FormulaName, string>;
  /** The server's view for the default setting: the first frame, drawn before the core has loaded. */
  initial: ServingView;
}

/**
 * A model from a link's `srv.cfg` (a compacted config.json), or the message explaining why not. The parser is
 * loaded only when a link carries a config.
 */
async function linkedModel(
  cfg: string,
  lang: Lang,
  picker: PickerStrings,
): Promise<{ model?: ServingModel & { config: Record<string, unknown> }; error?: string }> {
  const [{ parseHfConfig }, { ConfigError }] = await Promise.all([import('~/lib/model/hf-config'), import('~/lib/model/config-error')]);
  try {
    const config = JSON.parse(cfg) as Record<string, unknown>;
    const spec = parseHfConfig(config);
    const name = typeof config._name_or_path === 'string' ? config._name_or_path : `${spec.family} (config.json)`;
    return { model: { id: null, name, spec, config } };
  } catch (error) {
    const why = error instanceof ConfigError ? picker.configError(error) : error instanceof SyntaxError ? picker.badJson('') : picker.readFailed;
    return { error: lang === 'en' ? `Ignored link parameter srv.cfg: ${why}` : `链接参数 srv.cfg 已忽略：${why}` };
  }
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
  // A supplied config (pasted, or carried by the link) and why a linked one was ignored.
  const custom = useSignal<(ServingModel & { config: Record<string, unknown> }) | null>(null);
  const linkError = useSignal<string | undefined>(undefined);
  // The core arrives in the start-up's async step, before the reader's early edits are replayed and the island
  // goes live; until then (and on the server) the results are the server's, for the setting they were computed for.
  const { core, failed: coreFailed, load } = useMemo(() => lazyCore(loadCore), []);
  const { root, notices, state, linkTo } = useLinkedSignal(schema, defaults, PREFIX, {
    afterLink: (linked) => {
      const loading = load();
      if (linked.cfg === '') return loading;
      const parsed = linkedModel(linked.cfg, lang, props.picker).then(({ model, error }) => {
        custom.value = model ?? null;
        linkError.value = error;
        if (!model) state.value = { ...state.value, cfg: '' };
      });
      return Promise.all([loading, parsed]).then(() => undefined);
    },
  });
  const keep = useMemo(() => keepLastGood<{ view: ServingView; inputs: ServingInputs; state: ServingState }, FieldProblem>(), []);

  const s = state.value;
  const set = <K extends keyof ServingState>(key: K, value: ServingState[K]) => (state.value = { ...state.value, [key]: value });
  const computing = core.value;
  const used = computing ? s : defaults;
  const model: ServingModel = used.cfg !== '' && custom.value ? custom.value : presetModel(presets, used.model);
  const inputs = inputsOf(used, model, gpus, t.customGpuName);
  const attempt = computing ? computing.computeServing(inputs) : ({ ok: true, value: props.initial } as const);
  const kept = keep(attempt.ok ? { ok: true, value: { view: attempt.value, inputs, state: used } } : { ok: false, error: attempt.error });
  const problem = kept.error;
  const shown = kept.value;
  const f = formatterFor(lang, s.units as ByteUnits);
  const message = (field: FieldProblem['field']) => (problem && problem.field === field ? t.problems[problem.code](problem) : null);
  const vllmDefaults = vllmBatchDefaults(inputs.gpu.memoryBytes, inputs.gpu.name);

  const tpError = message('tp');
  const ppError = message('pp');
  // Every number field: its id, URL key and validation rule are the state key's (one rule, in state.ts).
  const num = (key: NumberKey, label: string, more: { hint?: string; warning?: string } = {}) => (
    <NumberField id={`${id}-${key}`} label={label} value={s[key]} rule={schema[key]} lang={lang} onValue={(v) => set(key, v)} {...more} />
  );
  const formatNames = Object.fromEntries(WEIGHT_FORMATS.map((w) => [w, t.formats[w] ?? w]));
  const picked: PickedModel =
    s.cfg !== '' && custom.value ? { id: null, name: custom.value.name, spec: custom.value.spec, config: custom.value.config } : presetModel(presets, s.model);
  const onModel = (next: PickedModel) => {
    // A checkpoint released with MXFP4 experts (gpt-oss: `quantization_config.quant_method: "mxfp4"`) is served so:
    // choose that format; leaving such a model for one without it goes back to bf16.
    const w = next.spec.expertFormat === 'mxfp4' ? 'mxfp4' : picked.spec.expertFormat === 'mxfp4' && s.w === 'mxfp4' ? 'bf16' : s.w;
    if (next.id === null) {
      const config = next.config ?? {};
      custom.value = { id: null, name: next.name, spec: next.spec, config };
      state.value = { ...state.value, cfg: JSON.stringify(config), w };
    } else {
      state.value = { ...state.value, model: next.id, cfg: '', w };
    }
  };
  const onGpu = (next: string) => {
    // Choosing "custom" starts from the card in use, so the reader edits figures instead of typing them all.
    if (next === CUSTOM_GPU && s.gpu !== CUSTOM_GPU) {
      const g = inputs.gpu;
      state.value = {
        ...state.value,
        gpu: next,
        gmem: Math.round((g.memoryBytes / GiB) * 100) / 100,
        gbw: g.bandwidthBytesPerSecond / 1e9,
        gbf16: g.flopsPerSecond.bf16 / 1e12,
        gfp8: (g.flopsPerSecond.fp8 ?? 0) / 1e12,
        glink: g.interconnectBytesPerSecond / 1e9,
      };
    } else {
      // Apple silicon and CPUs decode alone with llama.cpp: one device, a format llama.cpp reads (its GGUF files,
      // 16-bit, MXFP4), and Metal's per-layer time for the expected figure; back on a GPU, the GPUs' per-layer time.
      const device = gpus.find((g) => g.id === next)?.device ?? 'gpu';
      const was = gpus.find((g) => g.id === s.gpu)?.device ?? 'gpu';
      const alone = device !== 'gpu';
      const lov =
        device === 'unified-memory' && s.lov === GPU_LAYER_US ? METAL_LAYER_US : was === 'unified-memory' && s.lov === METAL_LAYER_US ? GPU_LAYER_US : s.lov;
      state.value = {
        ...state.value,
        gpu: next,
        ...(alone ? { tp: 1, pp: 1, w: LLAMA_CPP_FORMATS.has(s.w as WeightFormat) ? s.w : 'gguf-q4_k_m' } : {}),
        lov,
      };
    }
  };
  const applyLog = (settings: ReturnType<typeof logSettings>) => {
    const next = { ...state.value };
    if (settings.tp !== undefined) next.tp = settings.tp;
    if (settings.util !== undefined) next.util = settings.util;
    if (settings.ctx !== undefined) next.ctx = settings.ctx;
    if (settings.mnbt !== undefined) next.mnbt = settings.mnbt;
    if (settings.mns !== undefined) next.mns = settings.mns;
    if (settings.kvdt !== undefined && (KV_DTYPES as readonly string[]).includes(settings.kvdt)) next.kvdt = settings.kvdt;
    if (settings.sampler !== undefined) next.sampler = settings.sampler;
    if (settings.graphs !== undefined) next.graphs = settings.graphs;
    state.value = next;
  };
  const gpuValues = [...gpuIds, CUSTOM_GPU];
  const gpuNames = { ...Object.fromEntries(gpus.map((g) => [g.id, g.name])), [CUSTOM_GPU]: t.customGpu };
  const activationEstimate = shown ? Math.max(shown.view.memory.perGpu.activationForward, shown.view.memory.perGpu.activationSampler) : 0;

  return (
    <div class="srv-calc" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      {linkError.value && (
        <div class="calc-url-notices" role="status">
          <p>{linkError.value}</p>
        </div>
      )}
      <ModelPicker id={`${id}-model`} t={props.picker} presets={presets} value={picked} onChange={onModel} />
      <div class="calc-inputs">
        <SelectField id={`${id}-gpu`} label={t.gpu} value={s.gpu} values={gpuValues} names={gpuNames} onChange={onGpu} />
        {s.gpu === CUSTOM_GPU && (
          <>
            {num('gmem', t.gmem, { hint: t.gmemHint })}
            {num('gbw', t.gbw)}
            {num('gbf16', t.gbf16)}
            {num('gfp8', t.gfp8)}
            {num('glink', t.glink)}
          </>
        )}
        {num('tp', t.tp, { hint: t.gpuCount(s.tp * s.pp, f.n(s.tp * s.pp)), warning: tpError ?? undefined })}
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
        {num('mns', t.mns, { hint: t.mnsHint(f.n(vllmDefaults.maxNumSeqs)) })}
        {num('prompt', t.prompt)}
        {num('batch', t.batch, { hint: t.batchHint })}
        <ChoiceGroup
          id={`${id}-units`}
          legend={t.units}
          value={s.units}
          values={UNITS}
          names={{ binary: t.binary, decimal: t.decimal }}
          onChange={(u) => set('units', u)}
        />
      </div>
      <Deferred
        server={SettingsOnServer}
        load={() => import('./SettingsPanel').then((m) => m.SettingsPanel)}
        props={{ id, lang, f, state: s, schema, set, defaultBatchedTokens: vllmDefaults.maxNumBatchedTokens, activationEstimate }}
      />
      {(tpError || ppError) && (
        <p class="calc-field-error" role="alert" id={`${id}-problem`}>
          {tpError ?? ppError} {t.keptNote}
        </p>
      )}
      {problem && !tpError && !ppError && (
        <p class="calc-field-error" role="alert" id={`${id}-problem`}>
          {t.problems[problem.code](problem)} {t.keptNote}
        </p>
      )}
      {coreFailed.value && <CoreLoadFailed lang={lang} />}
      {shown && <Verdict id={id} t={t} f={f} view={shown.view} inputs={shown.inputs} />}
      {shown && <Results {...props} view={shown.view} inputs={shown.inputs} state={shown.state} f={f} />}

      <h3 id={`${id}-log-title`}>{t.logTitle}</h3>
      <Deferred
        server={LogPanelOnServer}
        load={() => import('./LogPanel').then((m) => m.LogPanel)}
        props={{ id, lang, f, inputs, view: attempt.ok ? attempt.value : (shown?.view ?? null), onApply: applyLog }}
      />
      <CopyLinkButton lang={lang} link={() => linkTo(id)} />
    </div>
  );
}

function Results(props: ServingPlannerProps & { view: ServingView; inputs: ServingInputs; state: ServingState; f: ReturnType<typeof formatterFor> }) {
  const { id, t, lang, view: v, inputs, state, f, formulas } = props;
  const m = v.memory;
  const p = m.perGpu;
  const speeds = v.speeds;
  return (
    <div class="calc-results">
      <h3>{t.perGpuTitle}</h3>
      <p class="calc-field-hint">{t.capacity(inputs.gpu.name, f.bytes(p.capacity), inputs.gpu.memorySource)}</p>
      <GpuBar id={`${id}-bar`} segments={v.bar} capacity={p.capacity} names={t.segments} format={(b) => f.bytes(b)} spoken={t.spokenBar} />
      <dl class="srv-results">
        <div>
          <dt>{t.weightsPerGpu}</dt>
          <dd>
            <output id={`${id}-weights`} data-bytes={String(p.weights)}>
              {f.bytes(p.weights)}
            </output>
          </dd>
        </div>
        <div>
          <dt>{t.tokensFit(f.n(m.layout.blockSize))}</dt>
          <dd>
            <output id={`${id}-tokens`}>{f.n(m.kvTokens)}</output>
          </dd>
        </div>
        {m.stateBytesPerRequest > 0 && (
          <div>
            <dt>{t.statePerRequest}</dt>
            <dd>
              <output id={`${id}-state`} data-bytes={String(m.stateBytesPerRequest)}>
                {f.bytes(m.stateBytesPerRequest)}
              </output>
            </dd>
          </div>
        )}
        <div>
          <dt>{t.kvPerToken}</dt>
          <dd>
            <output id={`${id}-per-token`}>{f.bytes(v.kvPerTokenPerGpu)}</output>
          </dd>
        </div>
        <div>
          <dt>{t.concurrency(f.n(inputs.contextTokens))}</dt>
          <dd>
            <output id={`${id}-concurrency`}>{t.concurrencyValue(f.n(m.maxConcurrency, 2), f.n(v.concurrentSequences))}</output>
          </dd>
        </div>
        {speeds && (
          <>
            <div>
              <dt>{t.ttft(f.n(inputs.promptTokens))}</dt>
              <dd>
                <output id={`${id}-ttft`}>{t.ms(f.n(v.speed.prefillSeconds * 1000, 1))}</output> · {t.bound[v.speed.bound.prefill]}
              </dd>
            </div>
            <div>
              <dt id={`${id}-per-seq-label`}>{t.perSeqAt(f.n(1))}</dt>
              <dd>
                <output id={`${id}-per-seq`} data-batch="1">
                  {t.tokPerSec(f.n(speeds.one.perSequence, 1))}
                </output>
              </dd>
            </div>
            {speeds.full && (
              <>
                <div>
                  <dt id={`${id}-per-seq-full-label`}>{t.perSeqAt(f.n(speeds.full.batch))}</dt>
                  <dd>
                    <output id={`${id}-per-seq-full`} data-batch={String(speeds.full.batch)}>
                      {t.tokPerSec(f.n(speeds.full.perSequence, 1))}
                    </output>
                  </dd>
                </div>
                <div>
                  <dt id={`${id}-aggregate-label`}>{t.aggregateAt(f.n(speeds.full.batch))}</dt>
                  <dd>
                    <output id={`${id}-aggregate`} data-batch={String(speeds.full.batch)}>
                      {t.tokPerSec(f.n(speeds.full.aggregate, 0))}
                    </output>{' '}
                    · {t.bound[speeds.full.bound]}
                  </dd>
                </div>
              </>
            )}
          </>
        )}
        {v.cost && (
          <>
            <div>
              <dt>{t.costInput}</dt>
              <dd>
                <output id={`${id}-cost-input`}>{f.n(v.cost.input, 2)}</output>
              </dd>
            </div>
            <div>
              <dt>{t.costOutput(f.n(v.cost.batch))}</dt>
              <dd>
                <output id={`${id}-cost-output`}>{f.n(v.cost.output, 2)}</output>
              </dd>
            </div>
          </>
        )}
      </dl>
      <p class="calc-field-hint" id={`${id}-limits`}>
        {t.limits(f.n(m.maxNumBatchedTokens), f.n(m.maxNumSeqs))}
      </p>
      {!speeds && (
        <p class="calc-field-hint" id={`${id}-no-speeds`}>
          {t.noSpeeds}
        </p>
      )}
      <Deferred
        server={DecodeChartOnServer}
        load={() => import('./DecodeChart').then((m) => m.DecodeChart)}
        props={{
          id: `${id}-chart`,
          boundsId: `${id}-bounds`,
          series: v.series,
          ridge: v.ridge,
          fitLimit: v.concurrentSequences,
          n: (x: number, digits?: number) => f.n(x, digits),
          lang,
        }}
      />
      <Deferred
        server={FormulasOnServer}
        load={() => import('./ServingFormulas').then((m) => m.ServingFormulas)}
        class="calc-layout-when-near"
        props={{ formulas, view: v, inputs, state, lang }}
      />
    </div>
  );
}
