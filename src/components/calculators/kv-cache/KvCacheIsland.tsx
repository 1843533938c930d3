import { computed, effect, signal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { DTYPES, type Dtype } from '~/lib/model/dtype';
import { ConfigError } from '~/lib/model/config-error';
import { divisorKvHeads } from '~/lib/memory/kv-cache';
import { formatBytes, type ByteUnits } from '~/lib/format/format-bytes';
import { formatNumber } from '~/lib/format/format-number';
import { createUrlSync } from '~/components/calculators/shared/url-sync';
import { replayEarlyInput } from '~/components/calculators/shared/early-input';
import { NumberField } from '~/components/calculators/shared/NumberField';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { ModelPicker, type PickedModel, type PickerPreset } from '~/components/calculators/shared/model-picker/ModelPicker';
import type { PickerStrings } from '~/components/calculators/shared/model-picker/strings/en';
import { chartSeries, computeKv, nearestGroups, type AttentionChoice, type GpuChoice } from './view';
import { KvChart } from './KvChart';
import type { KvStrings } from './strings/en';
import { kvDefaults, kvSchema, kvSlots, MAX_SEQ, UNITS, type KvState } from './state';

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
}

export type KvLang = 'zh-CN' | 'en';

export interface KvCacheProps {
  /** Unique on the page; prefixes element ids. */
  id: string;
  lang: KvLang;
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
}

function presetModel(presets: PickerPreset[], id: string): PickedModel {
  const preset = presets.find((p) => p.id === id) ?? presets[0]!;
  return { id: preset.id, name: preset.name, spec: preset.spec };
}

/**
 * A model from a link's `kv.cfg` (a compacted config.json), or the message explaining why not.
 * The parser is loaded only when a link carries a config.
 */
async function linkedModel(cfg: string, lang: KvLang, picker: PickerStrings): Promise<{ model?: PickedModel; error?: string }> {
  const { parseHfConfig } = await import('~/lib/model/hf-config');
  try {
    const config = JSON.parse(cfg) as Record<string, unknown>;
    const spec = parseHfConfig(config);
    const name = typeof config._name_or_path === 'string' ? config._name_or_path : `${spec.family} (config.json)`;
    return { model: { id: null, name, spec, config } };
  } catch (error) {
    const why = error instanceof ConfigError ? picker.configError(error) : String(error instanceof Error ? error.message : error);
    return { error: lang === 'en' ? `Ignored link parameter kv.cfg: ${why}` : `链接参数 kv.cfg 已忽略：${why}` };
  }
}

function createStore(props: KvCacheProps) {
  const defaultModel = props.presets.some((p) => p.id === props.defaultPreset) ? props.defaultPreset : props.presets[0]!.id;
  const gpuIds = props.gpus.map((g) => g.id);
  const schema = kvSchema(props.presets.map((p) => p.id), gpuIds);
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
    wdt: signal(start.wdt as Dtype),
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
  const notices = signal<typeof sync.initial.notices>([]);
  // The URL is left alone until the link's state (and any linked config) is in, so nothing is dropped.
  const ready = signal(false);
  function applyLink() {
    const link = sync.initial.state;
    notices.value = sync.initial.notices;
    s.model.value = presetModel(props.presets, link.model);
    lastPreset.value = link.model;
    s.seq.value = link.seq;
    s.batch.value = link.batch;
    s.kvdt.value = link.kvdt as Dtype;
    s.wdt.value = link.wdt as Dtype;
    s.attn.value = link.attn as AttentionChoice;
    s.groups.value = link.groups;
    s.gpu.value = link.gpu;
    s.ngpu.value = link.ngpu;
    s.util.value = link.util;
    s.block.value = link.block;
    s.units.value = link.units as ByteUnits;
    if (link.cfg === '') {
      ready.value = true;
      return;
    }
    void linkedModel(link.cfg, props.lang, props.picker).then(({ model, error }) => {
      if (model) s.model.value = model;
      linkError.value = error;
      ready.value = true;
    });
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
  const report = computed(() =>
    computeKv({
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
    }),
  );
  const chartMax = computed(() => {
    const spec = s.model.value.spec;
    const reach = Math.max(s.seq.value, spec.maxPositionEmbeddings ?? 0, 1024);
    // Round the axis up to 1, 2 or 5 × a power of ten.
    const magnitude = 10 ** Math.floor(Math.log10(reach));
    return [1, 2, 5, 10].map((m) => m * magnitude).find((v) => v >= reach)!;
  });
  const chart = computed(() => chartSeries(s.model.value.spec, { groups: s.groups.value, batch: s.batch.value, kvDtype: s.kvdt.value }, chartMax.value));
  return { sync, s, lastPreset, state, report, chart, chartMax, linkError, ready, notices, applyLink };
}

/** Formats for the reader's locale; the core keeps full precision. */
function useFormat(lang: KvLang, units: ByteUnits) {
  return {
    n: (value: number, digits = 0) => formatNumber(value, { lang, digits }),
    bytes: (value: number) => formatBytes(value, units, lang),
  };
}

export function KvCacheIsland(props: KvCacheProps) {
  const { id, lang, t, presets, gpus, formulas, focus } = props;
  const store = useMemo(() => createStore(props), []);
  const { s, report, state } = store;

  // The URL follows the state (debounced inside the sync); only in the browser.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    store.applyLink();
    replayEarlyInput(root.current);
    return effect(() => {
      if (store.ready.value) store.sync.write(state.value);
    });
  }, []);

  const r = report.value;
  const spec = r.spec;
  const base = s.model.value.spec;
  const f = useFormat(lang, s.units.value);
  const seqText = f.n(s.seq.value);
  const batchText = f.n(s.batch.value);
  const kindLabel = (kind: string, kv: number) => (kind === 'gqa' ? `GQA-${kv}` : kind.toUpperCase());
  const maxPos = base.maxPositionEmbeddings;
  const sliderMax = Math.max(maxPos ?? 131072, 4096) * (focus === 'context' ? 2 : 1);
  const window = spec.slidingWindow?.window;
  const windowed = r.layers.local > 0 && window !== undefined;
  const groupsChoices = divisorKvHeads(base).filter((g) => g !== 1 && g !== base.numHeads);
  const groups = nearestGroups(base, s.groups.value);
  const notices = store.notices.value;

  const maxContextText =
    r.maxContext.kind === 'limited' ? t.tokens(f.n(r.maxContext.seqLen)) : r.maxContext.kind === 'unbounded' ? t.unbounded : t.none;
  const maxBatchText = r.maxBatch >= Number.MAX_SAFE_INTEGER ? t.unbounded : r.maxBatch === 0 ? t.none : t.sequences(f.n(r.maxBatch));

  const slots = kvSlots(r, state.value, lang);

  const attentionSelect = (
    <div class="calc-field">
      <label for={`${id}-attn`}>{t.attention}</label>
      <select id={`${id}-attn`} value={s.attn.value} onChange={(e) => (s.attn.value = (e.currentTarget as HTMLSelectElement).value as AttentionChoice)}>
        <option value="model">{t.attentionModel(kindLabel(base.attention, base.numKvHeads))}</option>
        <option value="mha">{t.asMha}</option>
        {groupsChoices.length > 0 && <option value="gqa">{t.asGqa}</option>}
        <option value="mqa">{t.asMqa}</option>
        <option value="mla">{t.asMla}</option>
      </select>
    </div>
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
        <NumberField id={`${id}-batch`} label={t.batch} value={s.batch.value} rule={{ min: 1, max: 1_000_000, integer: true }} lang={lang} onValue={(v) => (s.batch.value = v)} />
        <div class="calc-field">
          <label for={`${id}-kvdt`}>{t.kvDtype}</label>
          <select id={`${id}-kvdt`} value={s.kvdt.value} onChange={(e) => (s.kvdt.value = (e.currentTarget as HTMLSelectElement).value as Dtype)}>
            {DTYPES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
          {s.kvdt.value === 'int4' && <p class="calc-field-hint">{t.int4Note}</p>}
        </div>
        <div class="calc-field">
          <label for={`${id}-wdt`}>{t.weightsDtype}</label>
          <select id={`${id}-wdt`} value={s.wdt.value} onChange={(e) => (s.wdt.value = (e.currentTarget as HTMLSelectElement).value as Dtype)}>
            {DTYPES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        {focus !== 'attention' && attentionSelect}
        {s.attn.value === 'gqa' && groupsChoices.length > 0 && (
          <div class="calc-field">
            <label for={`${id}-groups`}>{t.groups}</label>
            <select id={`${id}-groups`} value={String(groups)} onChange={(e) => (s.groups.value = Number((e.currentTarget as HTMLSelectElement).value))}>
              {groupsChoices.map((g) => (
                <option key={g} value={String(g)}>
                  {g}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset class="calc-field kv-units">
          <legend>{t.units}</legend>
          {UNITS.map((u) => (
            <label key={u}>
              <input type="radio" name={`${id}-units`} value={u} checked={s.units.value === u} onChange={() => (s.units.value = u)} />
              {u === 'binary' ? t.binary : t.decimal}
            </label>
          ))}
        </fieldset>
      </div>

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
            <dt>{t.total(seqText, batchText)}</dt>
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
              {r.activeParams !== null && <span class="kv-sub"> · {t.activeParams(f.n(r.activeParams))}</span>}
            </dd>
          </div>
        </dl>
        {windowed && <p class="calc-field-hint">{t.windowNote(f.n(r.layers.local), f.n(r.layers.global), f.n(window!))}</p>}
        {r.layers.withoutKv > 0 && <p class="calc-field-hint">{t.noKvLayers(f.n(r.layers.withoutKv))}</p>}
      </div>

      <KvChart
        id={`${id}-chart`}
        lang={lang}
        series={store.chart.value}
        maxSeqLen={store.chartMax.value}
        current={{ seqLen: s.seq.value, bytes: r.total, kind: kindLabel(spec.attention, spec.numKvHeads) }}
        freeBytes={r.freeBytes}
        units={s.units.value}
        text={{ title: t.chartTitle, x: t.chartX, y: t.chartY, now: t.chartNow, free: t.chartFree }}
      />

      <h3>{t.solverTitle}</h3>
      <div class="calc-inputs">
        <div class="calc-field">
          <label for={`${id}-gpu`}>{t.gpu}</label>
          <select id={`${id}-gpu`} value={s.gpu.value} onChange={(e) => (s.gpu.value = (e.currentTarget as HTMLSelectElement).value)}>
            {gpus.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <NumberField id={`${id}-ngpu`} label={t.gpuCount} value={s.ngpu.value} rule={{ min: 1, max: 1024, integer: true }} lang={lang} onValue={(v) => (s.ngpu.value = v)} />
        <NumberField id={`${id}-util`} label={t.utilization} value={s.util.value} rule={{ min: 0.05, max: 1 }} lang={lang} onValue={(v) => (s.util.value = v)} hint={t.utilizationHint} />
        <NumberField id={`${id}-block`} label={t.blockSize} value={s.block.value} rule={{ min: 1, max: 4096, integer: true }} lang={lang} onValue={(v) => (s.block.value = v)} hint={t.blockHint} />
      </div>
      <dl class="kv-results">
        <div>
          <dt>{t.free(r.gpu.name)}</dt>
          <dd>
            <output id={`${id}-free`} data-bytes={String(r.freeBytes)}>
              {f.bytes(r.freeBytes)}
            </output>
          </dd>
        </div>
        <div>
          <dt>{t.maxContext(batchText)}</dt>
          <dd>
            <output id={`${id}-max-context`}>{maxContextText}</output>
          </dd>
        </div>
        <div>
          <dt>{t.maxBatch(seqText)}</dt>
          <dd>
            <output id={`${id}-max-batch`}>{maxBatchText}</output>
          </dd>
        </div>
      </dl>

      <table class="kv-gpus">
        <caption>{t.fitsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.gpuCol}</th>
            <th scope="col">{t.capacityCol}</th>
            <th scope="col">{t.needCol}</th>
            <th scope="col">{t.fitCol}</th>
          </tr>
        </thead>
        <tbody>
          {r.gpuRows.map((row) => (
            <tr key={row.id} data-gpu={row.id} data-fits={row.fits ? 'true' : 'false'}>
              <th scope="row">
                {s.ngpu.value > 1 ? `${f.n(s.ngpu.value)} × ` : ''}
                {row.name}
              </th>
              <td>{f.bytes(row.usableBytes)}</td>
              <td>{f.bytes(row.neededBytes)}</td>
              <td>
                <output>{row.fits ? `✓ ${t.fits}` : `✗ ${t.noFit}`}</output>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <details class="kv-formulas" open>
        <summary>{t.formulaTitle}</summary>
        <FormulaView html={spec.mla ? formulas.elementsMla : formulas.elements} values={slots} spoken={spec.mla ? `e = ${slots.dc} + ${slots.dr} = ${slots.e}` : `e = 2 × ${slots.nkv} × ${slots.dh} = ${slots.e}`} />
        <FormulaView
          html={windowed ? formulas.totalWindow : formulas.total}
          values={slots}
          spoken={t.spokenTotal(f.bytes(r.perToken), slots.total)}
        />
        <FormulaView html={formulas.paged} values={slots} spoken={`${slots.sp}; ${slots.paged}; ${slots.waste}`} />
        <FormulaView html={formulas.weights} values={slots} spoken={`${slots.P} × ${slots.bw} = ${slots.weights}`} />
        <FormulaView html={formulas.free} values={slots} spoken={`${slots.u} × ${slots.N} × ${slots.M} − ${slots.weights} = ${slots.free}`} />
        <FormulaView html={formulas.solver} values={slots} spoken={`${slots.smax}; ${slots.Bmax}`} />
      </details>

      <CopyLinkButton lang={lang} link={() => store.sync.linkTo(state.value, id)} />
    </div>
  );
}
