import { useComputed, useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { ChoiceGroup } from '~/components/calculators/shared/fields/ChoiceGroup';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import { ModelPicker, type PickedModel, type PickerPreset } from '~/components/calculators/shared/model-picker/ModelPicker';
import type { PickerStrings } from '~/components/calculators/shared/model-picker/strings/en';
import { attempt, keepLastGood } from '~/components/calculators/shared/last-good';
import { lazyCore } from '~/components/calculators/shared/lazy-core';
import { CoreLoadFailed } from '~/components/calculators/shared/CoreLoadFailed';
import { countsDefaults, countsSchema, MAX_CONTEXT, PHASES, URL_PREFIX, type Phase } from './state';
import { formulaNames, type FormulaName } from './variants';
import { loadCore } from './core';
import type { CountsReport } from './compute';
import type { CountsStrings } from './strings/en';

export interface CountsProps {
  /** Unique on the page; prefixes element ids and is the copied link's fragment. */
  id: string;
  lang: Lang;
  t: CountsStrings;
  picker: PickerStrings;
  presets: PickerPreset[];
  /** Preset shown when the link names none. */
  defaultPreset: string;
  /** Build-time KaTeX of every formula variant, with slots for the reader's numbers. */
  formulas: Record<FormulaName, string>;
  /** The server's report for the default setting: the first frame, drawn before the core has loaded. */
  initial: CountsReport;
}

function presetModel(presets: PickerPreset[], id: string): PickedModel {
  const preset = presets.find((p) => p.id === id) ?? presets[0]!;
  return { id: preset.id, name: preset.name, spec: preset.spec };
}

/** A model from a link's `tc.cfg`, or why not; the parser loads only when a link carries a config. */
async function linkedModel(cfg: string, lang: Lang, picker: PickerStrings): Promise<{ model?: PickedModel; error?: string }> {
  const [{ parseHfConfig }, { ConfigError }] = await Promise.all([import('~/lib/model/hf-config'), import('~/lib/model/config-error')]);
  try {
    const config = JSON.parse(cfg) as Record<string, unknown>;
    const spec = parseHfConfig(config);
    const name = typeof config._name_or_path === 'string' ? config._name_or_path : `${spec.family} (config.json)`;
    return { model: { id: null, name, spec, config } };
  } catch (error) {
    const why = error instanceof ConfigError ? picker.configError(error) : String(error instanceof Error ? error.message : error);
    return { error: lang === 'en' ? `Ignored link parameter tc.cfg: ${why}` : `链接参数 tc.cfg 已忽略：${why}` };
  }
}

/**
 * Parameters and FLOPs per token of any preset or pasted config, by component (`componentCounts` in src/lib),
 * with the formulas and the reader's numbers in them. State lives in the URL under `tc.`.
 */
export function TransformerCountsIsland(props: CountsProps) {
  const { id, lang, t, presets, picker, formulas } = props;
  const presetIds = useMemo(() => presets.map((p) => p.id), []);
  const defaults = useMemo(() => countsDefaults(presetIds.includes(props.defaultPreset) ? props.defaultPreset : presetIds[0]!), []);
  const custom = useSignal<PickedModel | null>(null);
  const linkError = useSignal<string | undefined>(undefined);
  const keep = useMemo(() => keepLastGood<CountsReport, string>(), []);
  // The arithmetic arrives in the start-up's async step; until then (and on the server) the report is the server's.
  const lazy = useMemo(() => lazyCore(loadCore), []);

  const { state, root, notices, linkTo } = useLinkedSignal(countsSchema(presetIds), defaults, URL_PREFIX, {
    afterLink(linked) {
      const coreLoaded = lazy.load();
      if (linked.cfg === '') return coreLoaded;
      const linkedConfig = linkedModel(linked.cfg, lang, picker).then(({ model, error }) => {
        if (model) custom.value = model;
        else state.value = { ...state.value, cfg: '' };
        linkError.value = error;
      });
      return Promise.all([coreLoaded, linkedConfig]).then(() => undefined);
    },
  });

  const model = useComputed<PickedModel>(() => (state.value.cfg !== '' && custom.value ? custom.value : presetModel(presets, state.value.model)));
  const s = state.value;
  const spec = model.value.spec;
  const core = lazy.core.value;
  const kept = core
    ? keep(
        attempt(
          () => core.computeCounts(spec, s.ctx, s.phase as Phase, lang),
          (error) => (error instanceof Error ? error.message : String(error)),
        ),
      )
    : { value: props.initial, error: null };
  const view = kept.value?.view;
  const slots = kept.value?.slots ?? {};
  const f = formatterFor(lang);
  const gated = spec.mlp === 'gated';
  const maxPos = spec.maxPositionEmbeddings;

  return (
    <div class="tc-calc" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      {linkError.value && (
        <div class="calc-url-notices" role="status">
          <p>{linkError.value}</p>
        </div>
      )}
      <ModelPicker
        id={`${id}-model`}
        t={picker}
        presets={presets}
        value={model.value}
        onChange={(picked) => {
          if (picked.id !== null) {
            state.value = { ...state.value, model: picked.id, cfg: '' };
          } else {
            custom.value = picked;
            state.value = { ...state.value, cfg: JSON.stringify(picked.config ?? {}) };
          }
        }}
      />
      <div class="calc-inputs">
        <NumberField
          id={`${id}-ctx`}
          label={t.context}
          value={s.ctx}
          rule={{ min: 1, max: MAX_CONTEXT, integer: true }}
          lang={lang}
          onValue={(ctx) => (state.value = { ...state.value, ctx })}
          hint={t.contextHint}
          warning={maxPos !== undefined && s.ctx > maxPos ? t.beyondMax(f.n(maxPos)) : undefined}
        />
        <ChoiceGroup
          id={`${id}-phase`}
          legend={t.phase}
          value={s.phase as Phase}
          values={PHASES}
          names={{ decode: t.decode, train: t.train }}
          onChange={(phase) => (state.value = { ...state.value, phase })}
        />
      </div>
      {lazy.failed.value && <CoreLoadFailed lang={lang} />}
      {kept.error && <p class="calc-field-error">{kept.error}</p>}
      {view && (
        <div class="calc-results" aria-live="polite">
          <div class="tc-table-wrap">
            {/* Starlight makes tables their own scroll box; focusable, so a keyboard reader can scroll it (axe). */}
            <table class="tc-table" id={`${id}-table`} tabIndex={0}>
              <caption>{t.caption(model.value.name)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.component}</th>
                  <th scope="col">{t.params}</th>
                  <th scope="col">{t.share}</th>
                  <th scope="col">{t.flops}</th>
                  <th scope="col">{t.share}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.component} data-component={row.component}>
                    <th scope="row">
                      {t.names[row.component]}
                      {row.component === 'mlp' && <span class="tc-note"> · {t.mlpKind(gated, view.moe)}</span>}
                      {row.component === 'head' && spec.tiedEmbeddings && <span class="tc-note"> · {t.tied}</span>}
                    </th>
                    <td>
                      <output data-value={String(row.params)}>{f.n(row.params)}</output>
                    </td>
                    <td>{f.percent(row.paramShare)}</td>
                    <td>
                      <output data-value={String(row.flops)}>{t.gflop(f.n(row.flops / 1e9, 3))}</output>
                    </td>
                    <td>{f.percent(row.flopShare)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.total}</th>
                  <td>
                    <output id={`${id}-params`} data-value={String(view.params)}>
                      {f.n(view.params)}
                    </output>
                  </td>
                  <td>{f.percent(1, 0)}</td>
                  <td>
                    <output id={`${id}-flops`} data-value={String(view.flops)}>
                      {t.gflop(f.n(view.flops / 1e9, 3))}
                    </output>
                  </td>
                  <td>{f.percent(1, 0)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {view.moe && <p class="calc-field-hint">{t.activeNote(f.n(view.activeParams))}</p>}
          <p id={`${id}-rule`}>
            {(s.phase === 'train' ? t.ruleTrain : t.ruleDecode)(t.gflop(f.n(view.rule / 1e9, 3)), f.percent(view.ruleRatio))}{' '}
            {t.scores(f.percent(view.scoreShare))}
          </p>
        </div>
      )}
      {view && (
        <details class="tc-formulas">
          <summary>{t.formulaTitle}</summary>
          {formulaNames(spec).map((name) => (
            <FormulaView
              key={name}
              html={formulas[name]}
              values={slots}
              spoken={
                name === 'total'
                  ? `${slots.total} ; ${slots.rule}`
                  : name.startsWith('scores')
                    ? t.spokenScores(slots.scores ?? '')
                    : (slots[name.startsWith('proj') ? 'proj' : 'mlp'] ?? '')
              }
            />
          ))}
        </details>
      )}
      <CopyLinkButton lang={lang} link={() => linkTo(id)} />
    </div>
  );
}
