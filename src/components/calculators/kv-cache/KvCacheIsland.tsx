import { computed, signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { DTYPES, type Dtype } from '~/lib/model/dtype';
import type { ByteUnits } from '~/lib/format/format-bytes';
import { createUrlSync } from '~/components/calculators/shared/url-sync';
import { useLinkedState } from '~/components/calculators/shared/use-linked-state';
import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { ChoiceGroup } from '~/components/calculators/shared/fields/ChoiceGroup';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { ModelPicker, type PickedModel, type PickerPreset } from '~/components/calculators/shared/model-picker/ModelPicker';
import type { PickerStrings } from '~/components/calculators/shared/model-picker/strings/en';
import { ATTENTION_CHOICES, WEIGHTS_CHOICES, type AttentionChoice, type GpuChoice, type KvReport, type WeightsChoice } from './view';
import { loadCore } from './core';
import { Deferred } from '~/components/calculators/shared/Deferred';
import { DeferredGpuFitTable } from '~/components/calculators/shared/DeferredGpuFitTable';
import { lazyCore } from '~/components/calculators/shared/lazy-core';
import { CoreLoadFailed } from '~/components/calculators/shared/CoreLoadFailed';
import type { KvStrings } from './strings/en';
import { withBase } from '~/base-path';
import { SERVING_LINK_TEXT, servingLink } from '~/components/calculators/serving-planner/link';
import { kvDefaults, kvSchema, MAX_SEQ, UNITS, type KvState } from './state';

// The chart and the formulas are secondary panels: rendered on the server, their code loaded after start-up.
const KvChartOnServer = import.meta.env.SSR ? (await import('./KvChart')).KvChart : null;
const KvFormulasOnServer = import.meta.env.SSR ? (await import('./KvFormulas')).KvFormulas : null;
const SolverOnServer = import.meta.env.SSR ? (await import('./SolverPanel')).SolverPanel : null;

/** Build-time KaTeX for each formula the calculator uses, with `\slot`s for the reader's numbers. */
export interface KvFormulas {
  elements: string;
  elementsMla: string;
  total: string;
  totalWindow: string;
  paged: string;
  weights: string;
  free: string;
  solver: string;
  solverState: string;
  state: string;
}

export interface KvCacheProps {
  /** Unique on the page; prefixes element ids. */
  id: string;
  lang: Lang;
  /** The page language's strings, bound by the per-language entry (KvCacheIsland.en.tsx / .zh.tsx). */
  t: KvStrings;
  /** The model picker's strings in the same language. */
  picker: PickerStrings;
  presets: PickerPreset[];
  gpus: GpuChoice[];
  /** Preset shown when the URL names none. */
  defaultPreset: string;
  focus?: 'attention' | 'context';
  formulas: KvFormulas;
  /** The server's report for the default setting: the first frame, drawn before the core has loaded. */
  initial: KvReport;
}

function presetModel(presets: PickerPreset[], id: string): PickedModel {
  const preset = presets.find((p) => p.id === id) ?? presets[0]!;
  return { id: preset.id, name: preset.name, spec: preset.spec };
}

/**
 * A model from a link's `kv.cfg` (a compacted config.json), or the message explaining why not.
 * The parser is loaded only when a link carries a config.
 */
async function linkedModel(cfg: string, lang: Lang, picker: PickerStrings): Promise<{ model?: PickedModel; error?: string }> {
  // ConfigError too: a static import would put its module in every KV page's start-up code for this rare path.
  const [{ parseHfConfig }, { ConfigError }] = await Promise.all([import('~/lib/model/hf-config'), import('~/lib/model/config-error')]);
  try {
    const config = JSON.parse(cfg) as Record<string, unknown>;
    const spec = parseHfConfig(config);
    const name = typeof config._name_or_path === 'string' && config._name_or_path.trim() !== '' ? config._name_or_path.trim() : spec.family;
    return { model: { id: null, name, spec, config } };
  } catch (error) {
    const why =
      error instanceof ConfigError
        ? picker.configError(error, error.feature ? await picker.unsupportedSentences() : null)
        : String(error instanceof Error ? error.message : error);
    return { error: lang === 'en' ? `Ignored link parameter kv.cfg: ${why}` : `链接参数 kv.cfg 已忽略：${why}` };
  }
}

export type KvStore = ReturnType<typeof createStore>;

function createStore(props: KvCacheProps) {
  const defaultModel = props.presets.some((p) => p.id === props.defaultPreset) ? props.defaultPreset : props.presets[0]!.id;
  const gpuIds = props.gpus.map((g) => g.id);
  const schema = kvSchema(
    props.presets.map((p) => p.id),
    gpuIds,
  );
  const defaults = kvDefaults(defaultModel, gpuIds);
  const sync = createUrlSync(schema, defaults, 'kv.');
  // The first render matches the server's (defaults): Preact's hydration does not correct attributes such
  // as a select's value, so the link's state is applied right after, in `applyLink`.
  const start = defaults;
  const s = {
    model: signal<PickedModel>(presetModel(props.presets, start.model)),
    seq: signal(start.seq),
    batch: signal(start.batch),
    kvdt: signal(start.kvdt as Dtype),
    wdt: signal(start.wdt as WeightsChoice),
    attn: signal(start.attn as AttentionChoice),
    groups: signal(start.groups),
    gpu: signal(start.gpu),
    ngpu: signal(start.ngpu),
    util: signal(start.util),
    block: signal(start.block),
    units: signal(start.units as ByteUnits),
  };
  const lastPreset = signal(start.model);
  const linkError = signal<string | undefined>(undefined);
  // The core arrives in the start-up's async step, before the reader's early edits are replayed and the island
  // goes live; until then (and on the server) the report is the server's, for the default setting.
  const { core, failed: coreFailed, load } = lazyCore(loadCore);
  /** Puts the link's state in and loads the core; a config the link carries (`kv.cfg`) is parsed meanwhile. */
  function applyLink(link: KvState): Promise<void> {
    const coreLoaded = load();
    s.model.value = presetModel(props.presets, link.model);
    lastPreset.value = link.model;
    s.seq.value = link.seq;
    s.batch.value = link.batch;
    s.kvdt.value = link.kvdt as Dtype;
    s.wdt.value = link.wdt as WeightsChoice;
    s.attn.value = link.attn as AttentionChoice;
    s.groups.value = link.groups;
    s.gpu.value = link.gpu;
    s.ngpu.value = link.ngpu;
    s.util.value = link.util;
    s.block.value = link.block;
    s.units.value = link.units as ByteUnits;
    if (link.cfg === '') return coreLoaded;
    const linked = linkedModel(link.cfg, props.lang, props.picker).then(({ model, error }) => {
      if (model) s.model.value = model;
      linkError.value = error;
    });
    return Promise.all([coreLoaded, linked]).then(() => undefined);
  }
  const state = computed<KvState>(() => {
    const model = s.model.value;
    return {
      model: model.id ?? lastPreset.value,
      cfg: model.id === null && model.config ? JSON.stringify(model.config) : '',
      seq: s.seq.value,
      batch: s.batch.value,
      kvdt: s.kvdt.value,
      wdt: s.wdt.value,
      attn: s.attn.value,
      groups: s.groups.value,
      gpu: s.gpu.value,
      ngpu: s.ngpu.value,
      util: s.util.value,
      block: s.block.value,
      units: s.units.value,
    };
  });
  const report = computed(() => {
    const computing = core.value;
    if (!computing) return props.initial;
    return computing.computeKv({
      model: s.model.value.spec,
      attention: s.attn.value,
      groups: s.groups.value,
      seqLen: s.seq.value,
      batch: s.batch.value,
      kvDtype: s.kvdt.value,
      weightsDtype: s.wdt.value,
      gpus: props.gpus,
      gpuId: s.gpu.value,
      gpuCount: s.ngpu.value,
      utilization: s.util.value,
      blockSize: s.block.value,
    });
  });
  const chartMax = computed(() => {
    const spec = s.model.value.spec;
    const reach = Math.max(s.seq.value, spec.maxPositionEmbeddings ?? 0, 1024);
    // Round the axis up to 1, 2 or 5 × a power of ten.
    const magnitude = 10 ** Math.floor(Math.log10(reach));
    return [1, 2, 5, 10].map((m) => m * magnitude).find((v) => v >= reach)!;
  });
  return { sync, s, lastPreset, state, report, chartMax, linkError, coreFailed, applyLink };
}

export function KvCacheIsland(props: KvCacheProps) {
  const { id, lang, t, presets, gpus, formulas, focus } = props;
  const store = useMemo(() => createStore(props), []);
  const { s, report, state } = store;

  const { root, notices: linkNotices } = useLinkedState(store.sync, { state, apply: store.applyLink });

  const r = report.value;
  const spec = r.spec;
  const base = s.model.value.spec;
  const f = formatterFor(lang, s.units.value);
  const seqText = f.n(s.seq.value);
  const batchText = f.n(s.batch.value);
  const kindLabel = (kind: string, kv: number) => (kind === 'gqa' ? `GQA-${kv}` : kind.toUpperCase());
  const maxPos = base.maxPositionEmbeddings;
  const sliderMax = Math.max(maxPos ?? 131072, 4096) * (focus === 'context' ? 2 : 1);
  const window = spec.slidingWindow?.window;
  const windowed = r.layers.local > 0 && window !== undefined;
  const groupsChoices = r.groupChoices;
  const groups = r.groups;
  const notices = linkNotices.value;

  const maxContextText =
    r.maxContext.kind === 'limited' ? t.tokens(f.n(r.maxContext.seqLen), r.maxContext.seqLen) : r.maxContext.kind === 'unbounded' ? t.unbounded : t.none;
  const maxBatchText = r.maxBatch >= Number.MAX_SAFE_INTEGER ? t.unbounded : r.maxBatch === 0 ? t.none : t.sequences(f.n(r.maxBatch), r.maxBatch);

  const weightsNames = Object.fromEntries(
    WEIGHTS_CHOICES.map((w) => [w, t.weightsNames[w] ?? (w.startsWith('gguf-') ? `GGUF ${w.slice(5).toUpperCase()}` : w)]),
  );
  const attentionNames: Record<AttentionChoice, string> = {
    model: t.attentionModel(kindLabel(base.attention, base.numKvHeads)),
    mha: t.asMha,
    gqa: t.asGqa,
    mqa: t.asMqa,
    mla: t.asMla,
  };
  const attentionSelect = (
    <SelectField
      id={`${id}-attn`}
      label={t.attention}
      value={s.attn.value}
      values={ATTENTION_CHOICES.filter((c) => c !== 'gqa' || groupsChoices.length > 0)}
      names={attentionNames}
      onChange={(v) => (s.attn.value = v)}
    />
  );

  return (
    <div class="kv-calc" data-focus={focus} ref={root}>
      <UrlNotices notices={notices} lang={lang} />
      {store.linkError.value && (
        <div class="calc-url-notices" role="status">
          <p>{store.linkError.value}</p>
        </div>
      )}
      <ModelPicker
        id={`${id}-model`}
        t={props.picker}
        presets={presets}
        value={s.model.value}
        onChange={(model) => {
          if (model.id !== null) store.lastPreset.value = model.id;
          s.model.value = model;
        }}
      />
      {/* The same model, context and card in the serving planner (a pasted config travels as srv.cfg). */}
      <p class="calc-field-hint kv-to-serving">
        <a
          id={`${id}-to-serving`}
          href={withBase(
            servingLink(lang, {
              model: s.model.value.id ?? store.lastPreset.value,
              config: s.model.value.id === null ? s.model.value.config : undefined,
              contextTokens: s.seq.value,
              kvDtype: s.kvdt.value,
              gpu: s.gpu.value,
            }),
          )}
        >
          {SERVING_LINK_TEXT[lang]}
        </a>
      </p>
      <div class="calc-inputs">
        {focus === 'attention' && attentionSelect}
        <NumberField
          id={`${id}-seq`}
          label={t.seqLen}
          value={s.seq.value}
          rule={{ min: 1, max: MAX_SEQ, integer: true }}
          lang={lang}
          onValue={(v) => (s.seq.value = v)}
          slider={{ min: 256, max: sliderMax, step: 256 }}
          hint={t.seqHint}
          warning={maxPos !== undefined && s.seq.value > maxPos ? t.beyondMax(f.n(maxPos)) : undefined}
        />
        <NumberField
          id={`${id}-batch`}
          label={t.batch}
          value={s.batch.value}
          rule={{ min: 1, max: 1_000_000, integer: true }}
          lang={lang}
          onValue={(v) => (s.batch.value = v)}
        />
        <SelectField
          id={`${id}-kvdt`}
          label={t.kvDtype}
          value={s.kvdt.value}
          values={DTYPES}
          names={t.kvNames}
          hint={s.kvdt.value === 'int4' ? t.int4Note : null}
          onChange={(v) => (s.kvdt.value = v)}
        />
        <SelectField
          id={`${id}-wdt`}
          label={t.weightsDtype}
          value={s.wdt.value}
          values={WEIGHTS_CHOICES}
          names={weightsNames}
          hint={base.expertFormat === 'mxfp4' && s.wdt.value !== 'mxfp4' ? t.mxfp4Native : s.wdt.value === 'int4' ? t.int4Note : null}
          onChange={(v) => (s.wdt.value = v)}
        />
        {focus !== 'attention' && attentionSelect}
        {s.attn.value === 'gqa' && groupsChoices.length > 0 && (
          <SelectField
            id={`${id}-groups`}
            label={t.groups}
            value={String(groups)}
            values={groupsChoices.map(String)}
            onChange={(v) => (s.groups.value = Number(v))}
          />
        )}
        <ChoiceGroup
          id={`${id}-units`}
          class="kv-units"
          legend={t.units}
          value={s.units.value}
          values={UNITS}
          names={{ binary: t.binary, decimal: t.decimal }}
          onChange={(u) => (s.units.value = u)}
        />
      </div>

      {store.coreFailed.value && <CoreLoadFailed lang={lang} />}
      <div class="calc-results" aria-live="polite">
        <dl class="kv-results">
          <div>
            <dt>{t.perToken}</dt>
            <dd>
              <output id={`${id}-per-token`} data-bytes={String(r.perToken)}>
                {f.bytes(r.perToken)}
              </output>
            </dd>
          </div>
          <div>
            <dt>{t.total(seqText, batchText, s.seq.value, s.batch.value)}</dt>
            <dd>
              <output id={`${id}-total`} data-bytes={String(r.total)}>
                {f.bytes(r.total)}
              </output>
              {r.waste > 0 && (
                <span class="kv-sub">
                  {' · '}
                  {t.paged} {f.bytes(r.pagedTotal)} ({t.waste(f.bytes(r.waste))})
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t.weights(f.n(r.params))}</dt>
            <dd>
              <output id={`${id}-weights`} data-bytes={String(r.weights)}>
                {f.bytes(r.weights)}
              </output>
              {r.activeParams !== null && r.activeParamsWithoutEmbeddings !== null && (
                <span class="kv-sub"> · {t.activeParams(f.n(r.activeParams), f.n(r.activeParamsWithoutEmbeddings))}</span>
              )}
              {r.visionParams !== null && <span class="kv-sub"> · {t.visionNote(f.n(r.visionParams))}</span>}
            </dd>
          </div>
          {r.recurrent && (
            <div>
              <dt>{t.stateTitle(f.n(r.recurrent.layers), t.stateKinds[r.recurrent.kind] ?? r.recurrent.kind)}</dt>
              <dd>
                <output id={`${id}-state`} data-bytes={String(r.recurrent.perSequence)}>
                  {f.bytes(r.recurrent.perSequence)}
                </output>
                <span class="kv-sub">
                  {' · '}
                  {t.stateNote(f.bytes(r.recurrent.perSequence), batchText, f.bytes(r.recurrent.total))}
                  {r.recurrent.ssmBytes === 4 ? ` ${t.stateFp32}` : ''}
                </span>
              </dd>
            </div>
          )}
        </dl>
        {windowed && <p class="calc-field-hint">{t.windowNote(f.n(r.layers.local), f.n(r.layers.global), f.n(window!))}</p>}
        {r.layers.withoutKv > 0 && <p class="calc-field-hint">{t.noKvLayers(f.n(r.layers.withoutKv))}</p>}
      </div>

      <Deferred
        server={KvChartOnServer}
        load={() => import('./KvChart').then((m) => m.KvChart)}
        props={{
          id: `${id}-chart`,
          lang,
          model: s.model.value.spec,
          inputs: { groups: s.groups.value, batch: s.batch.value, kvDtype: s.kvdt.value },
          maxSeqLen: store.chartMax.value,
          current: { seqLen: s.seq.value, bytes: r.total, kind: kindLabel(spec.attention, spec.numKvHeads) },
          freeBytes: r.freeBytes,
          units: s.units.value,
          text: { title: t.chartTitle, x: t.chartX, y: t.chartY, now: t.chartNow, free: t.chartFree },
        }}
      />

      <h3>{t.solverTitle}</h3>
      <Deferred
        class="kv-solver"
        server={SolverOnServer}
        load={() => import('./SolverPanel').then((m) => m.SolverPanel)}
        props={{ id, t, lang, s, report: r, f, gpus, seqText, batchText, maxContextText, maxBatchText }}
      />

      <DeferredGpuFitTable
        class="kv-gpus"
        caption={t.fitsTitle}
        headers={{ gpu: t.gpuCol, capacity: t.capacityCol, need: t.needCol, fit: t.fitCol }}
        rows={r.gpuRows.map((row) => ({
          id: row.id,
          name: `${s.ngpu.value > 1 ? `${f.n(s.ngpu.value)} × ` : ''}${row.name}`,
          capacity: f.bytes(row.usableBytes),
          need: f.bytes(row.neededBytes),
          fits: row.fits,
          verdict: row.fits ? `✓ ${t.fits}` : `✗ ${t.noFit}`,
        }))}
      />

      <Deferred
        server={KvFormulasOnServer}
        load={() => import('./KvFormulas').then((m) => m.KvFormulas)}
        class="calc-layout-when-near"
        props={{
          t,
          formulas,
          report: r,
          state: state.value,
          lang,
          mla: spec.mla !== undefined,
          windowed,
          recurrent: r.recurrent !== null,
          perToken: f.bytes(r.perToken),
        }}
      />

      <CopyLinkButton lang={lang} link={() => store.sync.linkTo(state.value, id)} />
    </div>
  );
}
