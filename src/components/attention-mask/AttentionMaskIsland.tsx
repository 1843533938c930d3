import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { signal, computed } from '@preact/signals';
import {
  attentionMask,
  visiblePairs,
  visibleRanges,
  lossTargets,
  decodingSteps,
  maskToPython,
  packedDocumentsMask,
  chunkedMask,
  withLeftPadding,
  MaskOptionError,
  slidingWindowReach,
  type MaskKind,
  type AttentionMask,
} from '../../lib/attention-mask';
import { attentionRank, MAX_RANK_LENGTH } from '../../lib/mask-rank';
import { formatNumber } from '../../lib/format-number';
import { createUrlSync } from '../shared/url-sync';
import { NumberField } from '../shared/NumberField';
import { UrlNotices } from '../shared/UrlNotices';
import { CopyLinkButton } from '../shared/CopyLinkButton';
import { FormulaView } from '../shared/FormulaView';
import { strings } from './strings';

/** The core's mask kinds plus two built from blocks: chunked attention and packed documents. */
export type ViewKind = MaskKind | 'chunked' | 'packed';
const KINDS: ViewKind[] = ['causal', 'prefix', 'bidirectional', 'sliding-window', 'chunked', 'packed'];
const BASE_KINDS: readonly string[] = ['causal', 'prefix', 'bidirectional', 'sliding-window'];
/** Sentence-final punctuation ends a document in the packed view. */
const SENTENCE_END = /^[.!?。！？]$/;
/** Longest mask the visualizer draws (the core allows 4,096). */
const MAX_VIEW_LENGTH = 2048;
/** Up to this length the mask is an HTML table (readable by screen readers); above it, a canvas. */
const TABLE_LIMIT = 32;
const MAX_TEXT = 2000;

const schema = {
  a: { kind: 'enum', values: KINDS },
  b: { kind: 'enum', values: KINDS },
  text: { kind: 'text', maxLength: MAX_TEXT },
  n: { kind: 'number', min: 1, max: MAX_VIEW_LENGTH, integer: true },
  p: { kind: 'number', min: 0, max: MAX_VIEW_LENGTH, integer: true },
  // A window may exceed the sequence (Mistral's 4,096 for the receptive-field readout).
  w: { kind: 'number', min: 1, max: 1_000_000, integer: true },
  loss: { kind: 'boolean' },
  pad: { kind: 'number', min: 0, max: MAX_VIEW_LENGTH, integer: true },
  wplus: { kind: 'boolean' },
  layers: { kind: 'number', min: 1, max: 200, integer: true },
  rn: { kind: 'number', min: 2, max: MAX_RANK_LENGTH, integer: true },
  rd: { kind: 'number', min: 1, max: 512, integer: true },
  rt: { kind: 'number', min: 0, max: 100 },
  seed: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true },
} as const;

export interface MaskDefaults {
  a: ViewKind;
  b: ViewKind;
  pad: number;
  /** Count the window as W+1 keys (the Longformer/attention-gym reading) instead of W (Mistral, transformers). */
  wplus: boolean;
  /** Layers stacked in the receptive-field readout. */
  layers: number;
  text: string;
  n: number;
  p: number;
  w: number;
  loss: boolean;
  rn: number;
  rd: number;
  rt: number;
  seed: number;
}

interface Props {
  lang: 'zh-CN' | 'en';
  panel: 'mask' | 'rank';
  defaults: MaskDefaults;
  /** Slotted KaTeX per mask kind (slots p, W). */
  formulas: Record<ViewKind, string>;
}

/** Word tokens of the text (Intl.Segmenter, whitespace dropped), or t0…t(n−1) without text. */
export function tokensOf(text: string, n: number, lang: string): string[] {
  if (text.trim() === '') return Array.from({ length: n }, (_, i) => `t${i}`);
  const segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
  return [...segmenter.segment(text)].map((s) => s.segment).filter((s) => s.trim() !== '').slice(0, MAX_VIEW_LENGTH);
}

function rangesText(ranges: [number, number][], none: string): string {
  if (ranges.length === 0) return none;
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
}

interface GridProps {
  mask: AttentionMask;
  tokens: string[];
  label: string;
  lang: 'zh-CN' | 'en';
  loss: Uint8Array | null;
  highlight: [number, number] | null;
  id: string;
}

function MaskTable({ mask, tokens, label, lang, loss, highlight, id }: GridProps) {
  const t = strings[lang];
  const [focused, setFocused] = useState<number | null>(null);
  const n = mask.length;
  const describe = (q: number) => t.rowSees(q, tokens[q] ?? `t${q}`, rangesText(visibleRanges(mask, q), t.none));
  return (
    <div class="mask-grid">
      <table class="mask-table" aria-describedby={`${id}-row`}>
        <caption>{t.gridCaption(label)}</caption>
        <thead>
          <tr>
            <td />
            {tokens.map((tok, k) => (
              <th scope="col" key={k}>
                <span class="mask-token">{tok}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok, q) => {
            const inStep = highlight && q >= highlight[0] && q <= highlight[1];
            return (
              <tr
                key={q}
                tabIndex={0}
                class={`${focused === q ? 'mask-row-focused' : ''}${inStep ? ' mask-row-step' : ''}`}
                aria-label={describe(q)}
                onFocus={() => setFocused(q)}
                onMouseEnter={() => setFocused(q)}
              >
                <th scope="row">
                  <span class="mask-token">{tok}</span>
                </th>
                {tokens.map((_, k) => (
                  <td key={k} class={mask.allowed[q * n + k] ? 'mask-on' : 'mask-off'}>
                    {mask.allowed[q * n + k] ? '●' : ''}
                  </td>
                ))}
              </tr>
            );
          })}
          {loss && (
            <tr class="mask-loss">
              <th scope="row">{t.lossRow}</th>
              {tokens.map((_, k) => (
                <td key={k}>{loss[k] ? '✓' : ''}</td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      <output id={`${id}-row`} class="mask-row-text" aria-live="polite">
        {focused !== null ? describe(focused) : ''}
      </output>
    </div>
  );
}

function MaskCanvas({ mask, tokens, lang, id }: GridProps) {
  const t = strings[lang];
  const ref = useRef<HTMLCanvasElement>(null);
  const [row, setRow] = useState<number | null>(null);
  const n = mask.length;
  const size = 512;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // Draw at display resolution: each pixel shades the share of allowed cells in its block of the mask,
    // so a 2,048² mask costs 4M reads but only a 512² image (thin bands such as a small window stay visible).
    const side = Math.min(n, size);
    const block = n / side;
    const image = ctx.createImageData(side, side);
    const pixels = new Uint32Array(image.data.buffer);
    const counts = new Float64Array(side);
    const columnBlock = Int32Array.from({ length: n }, (_, k) => Math.floor(k / block));
    for (let r = 0; r < side; r++) {
      counts.fill(0);
      const q0 = Math.floor(r * block);
      const q1 = Math.max(q0 + 1, Math.floor((r + 1) * block));
      for (let q = q0; q < q1; q++) {
        const row = q * n;
        for (let k = 0; k < n; k++) if (mask.allowed[row + k] === 1) counts[columnBlock[k]!]! += 1;
      }
      const cells = (q1 - q0) * block;
      for (let c = 0; c < side; c++) {
        const share = Math.min(1, counts[c]! / cells);
        // Blend from light grey (235, 235, 240) to the accent (67, 56, 202); any allowed cell shows.
        const t = share === 0 ? 0 : 0.35 + 0.65 * share;
        const red = Math.round(235 + (67 - 235) * t);
        const green = Math.round(235 + (56 - 235) * t);
        const blue = Math.round(240 + (202 - 240) * t);
        pixels[r * side + c] = (255 << 24) | (blue << 16) | (green << 8) | red;
      }
    }
    canvas.width = side;
    canvas.height = side;
    ctx.putImageData(image, 0, 0);
  }, [mask]);
  return (
    <div class="mask-grid">
      <canvas
        ref={ref}
        class="mask-canvas"
        style={{ width: `${size}px`, maxWidth: '100%', aspectRatio: '1' }}
        role="img"
        aria-label={t.pairs(formatNumber(visiblePairs(mask), { lang }), formatNumber(n * n, { lang }))}
        onMouseMove={(e) => {
          const box = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
          setRow(Math.min(n - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * n))));
        }}
      />
      <p class="calc-field-hint">{t.canvasNote(n)}</p>
      <output id={`${id}-row`} class="mask-row-text" aria-live="polite">
        {row !== null ? t.rowSees(row, tokens[row] ?? `t${row}`, rangesText(visibleRanges(mask, row), t.none)) : ''}
      </output>
    </div>
  );
}

function SingularValuePlot({ series, label }: { series: { name: string; values: number[]; cls: string }[]; label: string }) {
  const width = 320;
  const height = 160;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const max = Math.log10(Math.max(...all));
  const min = Math.max(Math.log10(Math.min(...all)), max - 16);
  const n = Math.max(...series.map((s) => s.values.length));
  const x = (i: number) => 30 + (i / Math.max(1, n - 1)) * (width - 40);
  const y = (v: number) => 10 + ((max - Math.max(min, Math.log10(Math.max(v, 1e-300)))) / Math.max(1e-9, max - min)) * (height - 30);
  return (
    <svg class="mask-plot" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1="30" y1={height - 20} x2={width - 10} y2={height - 20} class="mask-axis" />
      <line x1="30" y1="10" x2="30" y2={height - 20} class="mask-axis" />
      {series.map((s) => (
        <polyline key={s.name} class={s.cls} fill="none" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
      ))}
    </svg>
  );
}

export default function AttentionMaskIsland({ lang, panel, defaults, formulas }: Props) {
  const t = strings[lang];
  const num = (v: number, digits = 0) => formatNumber(v, { lang, digits });
  const s = useMemo(() => {
    const sync = createUrlSync(schema, defaults, panel === 'rank' ? 'rank.' : 'mask.');
    const state = signal<MaskDefaults>({ ...defaults });
    const notices = signal<typeof sync.initial.notices>([]);
    const tokens = computed(() => tokensOf(state.value.text, state.value.n, lang));
    return { sync, state, notices, tokens };
  }, []);
  const { sync, state, notices, tokens } = s;
  // Both panels can sit on one page: their element ids must differ.
  const idp = panel === 'rank' ? 'rank' : 'mask';
  const [step, setStep] = useState(-1);
  useEffect(() => {
    // Apply the link's state after hydration: Preact does not correct server-rendered attributes.
    state.value = sync.initial.state as MaskDefaults;
    notices.value = sync.initial.notices;
  }, []);
  useEffect(() => sync.write(state.value), [state.value]);
  const set = (patch: Partial<MaskDefaults>) => {
    state.value = { ...state.value, ...patch };
    setStep(-1);
  };
  const v = state.value;
  const n = tokens.value.length;
  const p = Math.min(v.p, n);

  const windowKeys = v.w + (v.wplus ? 1 : 0);
  const build = (kind: ViewKind) => {
    try {
      let mask: AttentionMask;
      if (kind === 'chunked') mask = chunkedMask(n, v.w);
      else if (kind === 'packed') {
        const lengths: number[] = [];
        let start = 0;
        tokens.value.forEach((tok, i) => {
          if (SENTENCE_END.test(tok) || i === n - 1) {
            lengths.push(i + 1 - start);
            start = i + 1;
          }
        });
        mask = packedDocumentsMask(lengths);
      } else mask = attentionMask({ kind, length: n, prefixLength: p, window: windowKeys });
      return { mask: v.pad > 0 ? withLeftPadding(mask, Math.min(v.pad, n)) : mask, error: null };
    } catch (e) {
      return { mask: null, error: e instanceof MaskOptionError ? e.message : String(e) };
    }
  };
  // Separate memos: changing one side must not rebuild (and redraw) the other 2,048² mask.
  const maskA = useMemo(() => build(v.a), [n, p, windowKeys, v.a, v.pad, tokens.value]);
  const maskB = useMemo(() => build(v.b), [n, p, windowKeys, v.b, v.pad, tokens.value]);
  const masks = { a: maskA, b: maskB };

  const promptLength = Math.max(1, p);
  const steps = decodingSteps(Math.min(promptLength, n), Math.max(0, n - promptLength));
  const current = step >= 0 ? steps[Math.min(step, steps.length - 1)] : undefined;
  const highlight = current ? current.rows : null;

  const rank = useMemo(() => {
    // The rank panel compares the core's four kinds; block kinds read as causal there.
    const run = (kind: ViewKind) =>
      attentionRank({
        mask: { kind: BASE_KINDS.includes(kind) ? (kind as MaskKind) : 'causal', length: v.rn, prefixLength: Math.min(v.p, v.rn), window: windowKeys },
        headDim: v.rd,
        scale: v.rt,
        seed: v.seed,
      });
    return panel === 'rank' ? { a: run(v.a), b: run(v.b) } : null;
  }, [panel, v.rn, v.rd, v.rt, v.seed, v.a, v.b, v.p, v.w]);

  const kindSelect = (key: 'a' | 'b', label: string) => (
    <div class="calc-field">
      <label for={`${idp}-${key}`}>{label}</label>
      <select id={`${idp}-${key}`} value={v[key]} onChange={(e) => set({ [key]: (e.currentTarget as HTMLSelectElement).value as ViewKind })}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t.kinds[k]}
          </option>
        ))}
      </select>
    </div>
  );

  const grid = (key: 'a' | 'b') => {
    const { mask, error } = masks[key];
    const kind = v[key];
    if (!mask) return <p role="alert">{t.optionError(error ?? '')}</p>;
    const loss = v.loss && (kind === 'causal' || kind === 'prefix') ? lossTargets(kind, n, p) : null;
    const props = { mask, tokens: tokens.value, label: t.kinds[kind], lang, loss, highlight, id: `${idp}-grid-${key}` };
    return (
      <div class="mask-side" data-mask={key}>
        <h3 class="mask-side-title">{t.kinds[kind]}</h3>
        <FormulaView html={formulas[kind]} values={{ p: num(p), W: num(kind === 'chunked' ? v.w : windowKeys) }} spoken={t.kinds[kind]} />
        <p>
          <output data-stat={`pairs-${key}`}>{t.pairs(num(visiblePairs(mask)), num(n * n))}</output>
        </p>
        {n <= TABLE_LIMIT ? <MaskTable {...props} /> : <MaskCanvas {...props} />}
      </div>
    );
  };

  const python = BASE_KINDS.includes(v.a) ? maskToPython({ kind: v.a as MaskKind, length: n, prefixLength: p, window: windowKeys }) : null;

  return (
    <div class="mask">
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
        <NumberField id={`${idp}-p`} label={t.prefixLabel} value={v.p} rule={schema.p} lang={lang} onValue={(x) => set({ p: x })} slider={{ min: 0, max: Math.max(1, panel === 'rank' ? v.rn : n), step: 1 }} />
        <NumberField id={`${idp}-w`} label={t.windowLabel} value={v.w} rule={schema.w} lang={lang} onValue={(x) => set({ w: x })} />
        {panel === 'mask' && (
          <NumberField id={`${idp}-pad`} label={t.padLabel} value={v.pad} rule={schema.pad} lang={lang} onValue={(x) => set({ pad: x })} />
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
          </div>
          <div class="mask-decode">
            <h3>{t.decodeHeading}</h3>
            <div class="mask-buttons">
              <button type="button" onClick={() => setStep(0)}>
                {t.prefill}
              </button>
              <button type="button" disabled={step < 0 || step >= steps.length - 1} onClick={() => setStep(step + 1)}>
                {t.next}
              </button>
              <button type="button" onClick={() => setStep(-1)}>
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
          {python && (
          <details class="mask-export">
            <summary>{t.exportHeading}</summary>
            <pre>
              <code>{`import torch\n${python.tensor}\n\n# FlexAttention\n${python.maskMod}`}</code>
            </pre>
          </details>
          )}
        </>
      )}

      {panel === 'rank' && rank && (
        <div class="mask-rank calc-results">
          <h3>{t.rankHeading}</h3>
          <div class="calc-inputs">
            <NumberField id={`${idp}-rn`} label={t.rankN} value={v.rn} rule={schema.rn} lang={lang} onValue={(x) => set({ rn: x })} />
            <NumberField id={`${idp}-rd`} label={t.rankD} value={v.rd} rule={schema.rd} lang={lang} onValue={(x) => set({ rd: x })} />
            <NumberField id={`${idp}-rt`} label={t.rankTau} value={v.rt} rule={schema.rt} lang={lang} onValue={(x) => set({ rt: x })} />
            <NumberField id={`${idp}-seed`} label={t.rankSeed} value={v.seed} rule={schema.seed} lang={lang} onValue={(x) => set({ seed: x })} />
          </div>
          <SingularValuePlot
            label={t.plotLabel}
            series={[
              { name: 'a', values: rank.a.singularValues, cls: 'mask-line-a' },
              { name: 'b', values: rank.b.singularValues, cls: 'mask-line-b' },
            ]}
          />
          <table class="mask-rank-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t.numericalRank}</th>
                <th scope="col">{t.effectiveRank}</th>
              </tr>
            </thead>
            <tbody>
              {(['a', 'b'] as const).map((key) => (
                <tr key={key}>
                  <th scope="row">
                    <span class={`mask-key mask-key-${key}`} aria-hidden="true" /> {t.kinds[v[key]]}
                  </th>
                  <td>
                    <output data-stat={`rank-${key}`}>{num(rank[key].numericalRank)}</output> / {num(v.rn)}
                  </td>
                  <td>
                    <output data-stat={`erank-${key}`}>{num(rank[key].effectiveRank, 2)}</output>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CopyLinkButton lang={lang} link={() => sync.linkTo(state.value, panel === 'rank' ? 'rank' : 'visualizer')} />
    </div>
  );
}
