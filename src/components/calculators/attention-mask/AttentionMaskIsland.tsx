import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { computed, type Signal } from '@preact/signals';
import { visiblePairs, lossTargets, decodingSteps, MaskOptionError, slidingWindowReach, type AttentionMask } from '~/lib/masks/attention-mask';
import { buildMask, type MaskSpec } from '~/lib/masks/mask-spec';
import { formatNumber } from '~/lib/format/format-number';
import { wordSegmenter } from '~/lib/text/word-segmenter';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import type { Lang } from '~/components/calculators/shared/locale';
import {
  KINDS,
  RANK_KINDS,
  SPLIT_KINDS,
  SENTENCE_END,
  MAX_VIEW_LENGTH,
  TABLE_LIMIT,
  MAX_TEXT,
  schema,
  rankSchema,
  URL_PREFIX,
  type MaskDefaults,
  type MaskPanel,
  type ViewKind,
} from './state';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { Deferred } from '~/components/calculators/shared/Deferred';
import type { MaskStrings } from './strings/en';
import { MaskTable } from './MaskTable';
import { MaskCanvas } from './MaskCanvas';
import { ReceptiveField } from './ReceptiveField';

// Secondary panels (the rank results with their SVD, the Python export): rendered on the server, their code
// loaded after start-up, so neither counts against the page's up-front JavaScript.
const RankResultsOnServer = import.meta.env.SSR ? (await import('./RankResults')).RankResults : null;
const MaskExportOnServer = import.meta.env.SSR ? (await import('./MaskExport')).MaskExport : null;

export type { MaskDefaults, ViewKind } from './state';

export interface AttentionMaskProps {
  /** Element id of the calculator's section (the wrapper's); copied links point at its section heading (see SECTION). */
  id: string;
  lang: Lang;
  /** The page language's strings, bound by the per-language entry (AttentionMaskZh / AttentionMaskEn). */
  t: MaskStrings;
  panel: MaskPanel;
  defaults: MaskDefaults;
  /** Slotted KaTeX per mask kind (slots p, W). */
  formulas: Record<ViewKind, string>;
  /** Slotted KaTeX for left padding (slot P), shown when there is padding. */
  paddingFormula: string;
}

/** Word tokens of the text (Intl.Segmenter, whitespace dropped), or t0…t(n−1) without text. */
export function tokensOf(text: string, n: number, lang: string): string[] {
  if (text.trim() === '') return Array.from({ length: n }, (_, i) => `t${i}`);
  return [...wordSegmenter(lang).segment(text)]
    .map((s) => s.segment)
    .filter((s) => s.trim() !== '')
    .slice(0, MAX_VIEW_LENGTH);
}

/** Everything one side needs to draw a mask, kept so a bad option can leave the last good one on screen. */
interface SideView {
  mask: AttentionMask;
  pairs: number;
  kind: ViewKind;
  split: number | null;
  tokens: string[];
  loss: Uint8Array | null;
  slots: Record<string, string>;
  padding: number;
}

/**
 * Copied links point at the heading of the panel's section: `#visualizer` or `#rank` on the calculator page, the
 * section above the panel on a topic page (the sync falls back when the id is not on the page).
 */
const SECTION: Record<MaskPanel, string> = { mask: 'visualizer', rank: 'rank' };

export function AttentionMaskIsland({ lang, t, panel, defaults, formulas, paddingFormula }: AttentionMaskProps) {
  const num = (v: number, digits = 0) => formatNumber(v, { lang, digits });
  const linked = useLinkedSignal<typeof schema>(panel === 'rank' ? rankSchema : schema, defaults, URL_PREFIX[panel]);
  // The schema admits only the kinds listed in it, so the link's strings are ViewKinds.
  const state = linked.state as unknown as Signal<MaskDefaults>;
  const { notices, root, linkTo } = linked;
  const tokens = useMemo(() => computed(() => tokensOf(state.value.text, state.value.n, lang)), []);
  // Both panels can sit on one page: their element ids must differ.
  const idp = panel === 'rank' ? 'rank' : 'mask';
  const [step, setStep] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const set = (patch: Partial<MaskDefaults>) => {
    state.value = { ...state.value, ...patch };
    setStep(-1);
    setPlaying(false);
  };
  const v = state.value;
  const n = tokens.value.length;
  const p = Math.min(v.p, n);

  const windowKeys = v.w + (v.wplus ? 1 : 0);
  const specFor = (kind: ViewKind): MaskSpec => {
    const leftPadding = Math.min(v.pad, n);
    switch (kind) {
      case 'glm':
        return { kind, length: n, partALength: p, leftPadding };
      case 'encoder-decoder':
        return { kind, encoderLength: p, decoderLength: n - p, leftPadding };
      case 'chunked':
        return { kind, length: n, chunkSize: v.w, leftPadding };
      case 'packed': {
        const documentLengths: number[] = [];
        let start = 0;
        tokens.value.forEach((tok, i) => {
          if (SENTENCE_END.test(tok) || i === n - 1) {
            documentLengths.push(i + 1 - start);
            start = i + 1;
          }
        });
        return { kind, documentLengths, leftPadding };
      }
      default:
        return { kind, length: n, prefixLength: p, window: windowKeys, leftPadding };
    }
  };
  const build = (kind: ViewKind) => {
    const spec = specFor(kind);
    try {
      const mask = buildMask(spec);
      // Counted once per mask: the pair count is shown in two places and a 2,048² count is not free.
      return { spec, mask, pairs: visiblePairs(mask), error: null };
    } catch (e) {
      if (e instanceof MaskOptionError) return { spec, mask: null, pairs: 0, error: e };
      throw e;
    }
  };
  // Separate memos: changing one side must not rebuild (and redraw) the other 2,048² mask.
  const maskA = useMemo(() => build(v.a), [n, p, windowKeys, v.w, v.a, v.pad, tokens.value]);
  const maskB = useMemo(() => build(v.b), [n, p, windowKeys, v.w, v.b, v.pad, tokens.value]);
  const masks = { a: maskA, b: maskB };
  /** A build error is also shown next to the field it is about. */
  const explain = (e: MaskOptionError) => t.problem(t.fields[e.field], e.reason, e.limit);
  const fieldError = (field: MaskOptionError['field']) => {
    const e = [maskA.error, maskB.error].find((x) => x?.field === field);
    return e ? explain(e) : undefined;
  };

  const promptLength = Math.max(1, p);
  // One step object per generated token: kept across renders (Play re-renders every step).
  const steps = useMemo(() => decodingSteps(Math.min(promptLength, n), Math.max(0, n - promptLength)), [promptLength, n]);
  const current = step >= 0 ? steps[Math.min(step, steps.length - 1)] : undefined;
  const highlight = current ? current.rows : null;
  useEffect(() => {
    if (!playing) return;
    // 700 ms a step for a short prompt; a long sequence plays through in about 20 s instead of hours.
    const interval = Math.max(40, Math.min(700, Math.round(20_000 / steps.length)));
    const timer = setInterval(() => {
      setStep((s) => {
        if (s >= steps.length - 1) {
          setPlaying(false);
          return s;
        }
        return s + 1;
      });
    }, interval);
    return () => clearInterval(timer);
  }, [playing, steps.length]);

  const kindSelect = (key: 'a' | 'b', label: string) => (
    <div class="calc-field">
      <label for={`${idp}-${key}`}>{label}</label>
      <select id={`${idp}-${key}`} value={v[key]} onChange={(e) => set({ [key]: (e.currentTarget as HTMLSelectElement).value as ViewKind })}>
        {(panel === 'rank' ? RANK_KINDS : KINDS).map((k) => (
          <option key={k} value={k}>
            {t.kinds[k]}
          </option>
        ))}
      </select>
    </div>
  );

  // The last mask each side could build: a bad option shows its message above it instead of a blank panel.
  const lastGood = useRef<Record<'a' | 'b', SideView | null>>({ a: null, b: null });
  const grid = (key: 'a' | 'b') => {
    const { mask, pairs, error } = masks[key];
    if (mask) {
      const kind = v[key];
      const showLoss = v.loss && (kind === 'causal' || SPLIT_KINDS.includes(kind));
      lastGood.current[key] = {
        mask,
        pairs,
        kind,
        split: SPLIT_KINDS.includes(kind) ? p : null,
        tokens: tokens.value,
        loss: showLoss ? lossTargets(kind === 'causal' ? 'causal' : 'prefix', n, kind === 'causal' ? 0 : p) : null,
        slots: { p: num(p), W: num(kind === 'chunked' ? v.w : windowKeys) },
        padding: Math.min(v.pad, n),
      };
    }
    const view = lastGood.current[key];
    const alert = error && <p role="alert">{t.optionError(explain(error))}</p>;
    if (!view)
      return (
        <div class="mask-side" data-mask={key}>
          {alert}
        </div>
      );
    const { kind } = view;
    const size = view.mask.length;
    const props = {
      mask: view.mask,
      kind,
      split: view.split,
      tokens: view.tokens,
      label: t.kinds[kind],
      t,
      loss: view.loss,
      highlight,
      id: `${idp}-grid-${key}`,
    };
    const note = t.kindNotes[kind as keyof typeof t.kindNotes];
    return (
      <div class="mask-side" data-mask={key}>
        <h3 class="mask-side-title">{t.kinds[kind]}</h3>
        {alert}
        <FormulaView html={formulas[kind]} values={view.slots} spoken={t.kinds[kind]} />
        {view.padding > 0 && <FormulaView html={paddingFormula} values={{ P: num(view.padding) }} spoken={t.padLabel} />}
        {note && <p class="calc-field-hint">{note}</p>}
        <p>
          <output data-stat={`pairs-${key}`}>{t.pairs(num(view.pairs), num(size * size))}</output>
        </p>
        {size <= TABLE_LIMIT ? <MaskTable {...props} /> : <MaskCanvas {...props} />}
      </div>
    );
  };

  return (
    <div class="mask" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      <div class="calc-inputs">
        {kindSelect('a', t.maskA)}
        {kindSelect('b', t.maskB)}
        {panel === 'mask' && (
          <>
            <div class="calc-field mask-text">
              <label for={`${idp}-text`}>{t.textLabel}</label>
              <input
                id={`${idp}-text`}
                type="text"
                value={v.text}
                maxLength={MAX_TEXT}
                aria-describedby={`${idp}-text-hint`}
                onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })}
              />
              <p id={`${idp}-text-hint`} class="calc-field-hint">
                {t.textHint}
              </p>
            </div>
            <NumberField id={`${idp}-n`} label={t.lengthLabel} value={v.n} rule={schema.n} lang={lang} onValue={(x) => set({ n: x, text: '' })} />
          </>
        )}
        <NumberField
          id={`${idp}-p`}
          label={t.prefixLabel}
          value={v.p}
          rule={schema.p}
          lang={lang}
          onValue={(x) => set({ p: x })}
          slider={{ min: 0, max: Math.max(1, panel === 'rank' ? v.rn : n), step: 1 }}
          warning={fieldError('prefixLength') ?? fieldError('length')}
        />
        <NumberField
          id={`${idp}-w`}
          label={t.windowLabel}
          value={v.w}
          rule={schema.w}
          lang={lang}
          onValue={(x) => set({ w: x })}
          warning={fieldError('window')}
        />
        {panel === 'mask' && (
          <NumberField
            id={`${idp}-pad`}
            label={t.padLabel}
            value={v.pad}
            rule={schema.pad}
            lang={lang}
            onValue={(x) => set({ pad: x })}
            warning={fieldError('padding')}
          />
        )}
        <div class="calc-field">
          <label>
            <input type="checkbox" checked={v.wplus} onChange={(e) => set({ wplus: (e.currentTarget as HTMLInputElement).checked })} /> {t.wplusLabel}
          </label>
        </div>
      </div>

      {panel === 'mask' && (
        <>
          <div class="calc-field">
            <label>
              <input type="checkbox" checked={v.loss} onChange={(e) => set({ loss: (e.currentTarget as HTMLInputElement).checked })} /> {t.lossLabel}
            </label>
          </div>
          <div class="mask-pair calc-results">
            {grid('a')}
            {grid('b')}
          </div>
          <div class="mask-reach">
            <NumberField id={`${idp}-layers`} label={t.layersLabel} value={v.layers} rule={schema.layers} lang={lang} onValue={(x) => set({ layers: x })} />
            <p>
              <output data-stat="reach">{t.reach(num(v.layers), num(windowKeys), num(slidingWindowReach(v.layers, windowKeys)))}</output>
            </p>
            <ReceptiveField tokens={tokens.value} window={windowKeys} layers={v.layers} t={t} />
          </div>
          <div class="mask-decode">
            <h3>{t.decodeHeading}</h3>
            <div class="mask-buttons">
              <button type="button" onClick={() => setStep(0)}>
                {t.prefill}
              </button>
              <button
                type="button"
                disabled={!playing && step >= steps.length - 1}
                onClick={() => {
                  if (!playing && step < 0) setStep(0);
                  setPlaying(!playing);
                }}
              >
                {playing ? t.pause : t.play}
              </button>
              <button type="button" disabled={step < 0 || step >= steps.length - 1} onClick={() => setStep(step + 1)}>
                {t.next}
              </button>
              <button
                type="button"
                onClick={() => {
                  setStep(-1);
                  setPlaying(false);
                }}
              >
                {t.reset}
              </button>
            </div>
            <output class="mask-step" aria-live="polite">
              {!current
                ? t.stepIdle
                : current.phase === 'prefill'
                  ? t.stepPrefill(current.rows[1] + 1)
                  : `${t.stepDecode(step, current.rows[0])}${step >= steps.length - 1 ? ` ${t.stepDone}` : ''}`}
            </output>
          </div>
          <Deferred
            server={MaskExportOnServer}
            load={() => import('./DeferredPanels').then((m) => m.MaskExport)}
            props={{ spec: maskA.mask ? maskA.spec : null, label: t.kinds[v.a], t }}
          />
        </>
      )}

      {panel === 'rank' && (
        <div class="mask-rank calc-results">
          <h3>{t.rankHeading}</h3>
          <div class="calc-inputs">
            <NumberField id={`${idp}-rn`} label={t.rankN} value={v.rn} rule={schema.rn} lang={lang} onValue={(x) => set({ rn: x })} />
            <NumberField id={`${idp}-rd`} label={t.rankD} value={v.rd} rule={schema.rd} lang={lang} onValue={(x) => set({ rd: x })} />
            <NumberField id={`${idp}-rt`} label={t.rankTau} value={v.rt} rule={schema.rt} lang={lang} onValue={(x) => set({ rt: x })} />
            <NumberField id={`${idp}-seed`} label={t.rankSeed} value={v.seed} rule={schema.seed} lang={lang} onValue={(x) => set({ seed: x })} />
          </div>
          <Deferred
            server={RankResultsOnServer}
            load={() => import('./DeferredPanels').then((m) => m.RankResults)}
            props={{ lang, t, kinds: { a: v.a, b: v.b }, n: v.rn, headDim: v.rd, scale: v.rt, seed: v.seed, prefixLength: v.p, window: windowKeys }}
          />
        </div>
      )}
      <CopyLinkButton lang={lang} link={() => linkTo(SECTION[panel])} />
    </div>
  );
}
