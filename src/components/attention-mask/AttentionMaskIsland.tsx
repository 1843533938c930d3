import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { signal, computed } from '@preact/signals';
import {
  visiblePairs,
  visibleRanges,
  lossTargets,
  decodingSteps,
  maskCoverage,
  MaskOptionError,
  slidingWindowReach,
  receptiveFieldStart,
  type MaskKind,
  type AttentionMask,
} from '../../lib/attention-mask';
import { buildMask, maskSpecToPython, type MaskSpec, type MaskSpecKind } from '../../lib/mask-spec';
import { attentionRank, MAX_RANK_LENGTH } from '../../lib/mask-rank';
import { formatNumber } from '../../lib/format-number';
import { createUrlSync } from '../shared/url-sync';
import { replayEarlyInput } from '../shared/early-input';
import { NumberField } from '../shared/NumberField';
import { UrlNotices } from '../shared/UrlNotices';
import { CopyLinkButton } from '../shared/CopyLinkButton';
import { FormulaView } from '../shared/FormulaView';
import type { MaskStrings } from './strings-en';

/** Every kind the visualizer draws (see `MaskSpec`); the rank panel offers the core's four. */
export type ViewKind = MaskSpecKind;
const KINDS: ViewKind[] = ['causal', 'prefix', 'glm', 'encoder-decoder', 'bidirectional', 'sliding-window', 'chunked', 'packed'];
const RANK_KINDS: MaskKind[] = ['causal', 'prefix', 'bidirectional', 'sliding-window'];
/** Kinds whose first p tokens form a block of their own (prefix, Part A, the encoder input). */
const SPLIT_KINDS: readonly ViewKind[] = ['prefix', 'glm', 'encoder-decoder'];
/** Sentence-final punctuation ends a document in the packed view. */
const SENTENCE_END = /^[.!?。！？]$/;
/** Longest mask the visualizer draws (the core allows 4,096). */
const MAX_VIEW_LENGTH = 2048;
/** Up to this length the mask is an HTML table (readable by screen readers); above it, a canvas. */
const TABLE_LIMIT = 32;
/** Canvas side in CSS pixels; longer masks are shown as the share of allowed cells per block. */
const CANVAS_SIDE = 512;
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
const rankSchema = { ...schema, a: { kind: 'enum', values: RANK_KINDS }, b: { kind: 'enum', values: RANK_KINDS } } as const;

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

export interface AttentionMaskProps {
  lang: 'zh-CN' | 'en';
  /** The page language's strings, bound by the per-language entry (AttentionMaskZh / AttentionMaskEn). */
  t: MaskStrings;
  panel: 'mask' | 'rank';
  defaults: MaskDefaults;
  /** Slotted KaTeX per mask kind (slots p, W). */
  formulas: Record<ViewKind, string>;
  /** Slotted KaTeX for left padding (slot P), shown when there is padding. */
  paddingFormula: string;
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

/** Ranges clipped to [from, to). */
function clip(ranges: [number, number][], from: number, to: number): [number, number][] {
  return ranges.flatMap(([a, b]): [number, number][] => (b < from || a >= to ? [] : [[Math.max(a, from), Math.min(b, to - 1)]]));
}

/** What row q sees, in words; encoder–decoder and GLM rows also say which part they belong to. */
export function describeRow(mask: AttentionMask, kind: ViewKind, split: number, tokens: string[], q: number, t: MaskStrings): string {
  const token = tokens[q] ?? `t${q}`;
  const ranges = visibleRanges(mask, q);
  if (kind === 'encoder-decoder' || kind === 'glm') {
    const roles = kind === 'encoder-decoder' ? t.encDecRoles : t.glmRoles;
    const first = rangesText(clip(ranges, 0, split), t.none);
    const second = rangesText(clip(ranges, split, mask.length), t.none);
    return t.rowSeesParts(q < split ? roles[0] : roles[1], q, token, roles[0], first, roles[1], second);
  }
  return t.rowSees(q, token, rangesText(ranges, t.none));
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

interface GridProps {
  mask: AttentionMask;
  kind: ViewKind;
  /** First token after the prefix / Part A / encoder, where a block boundary is drawn; null for none. */
  split: number | null;
  tokens: string[];
  label: string;
  t: MaskStrings;
  loss: Uint8Array | null;
  highlight: [number, number] | null;
  id: string;
}

const ROW_KEYS: Record<string, (q: number, n: number) => number> = {
  ArrowDown: (q, n) => Math.min(n - 1, q + 1),
  ArrowUp: (q) => Math.max(0, q - 1),
  PageDown: (q, n) => Math.min(n - 1, q + Math.max(1, Math.round(n / 8))),
  PageUp: (q, n) => Math.max(0, q - Math.max(1, Math.round(n / 8))),
  Home: () => 0,
  End: (_, n) => n - 1,
};

function MaskTable({ mask, kind, split, tokens, label, t, loss, highlight, id }: GridProps) {
  const [focused, setFocused] = useState<number | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const n = mask.length;
  const describe = (q: number) => describeRow(mask, kind, split ?? 0, tokens, q, t);
  // One tab stop for the whole grid; arrow keys move between rows (roving tabindex).
  const tabRow = focused ?? 0;
  const onKeyDown = (e: KeyboardEvent) => {
    const move = ROW_KEYS[e.key];
    if (!move || focused === null) return;
    e.preventDefault();
    body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-q]')[move(focused, n)]?.focus();
  };
  const splitClass = (i: number) => (split !== null && split > 0 && i === split ? ' mask-split' : '');
  return (
    <div class="mask-grid">
      <table class="mask-table" aria-describedby={`${id}-row ${id}-keys`}>
        <caption>{t.gridCaption(label)}</caption>
        <thead>
          <tr>
            <td />
            {tokens.map((tok, k) => (
              <th scope="col" key={k} class={`${focused !== null && mask.allowed[focused * n + k] ? 'mask-seen' : ''}${splitClass(k)}`}>
                <span class="mask-token">{tok}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {tokens.map((tok, q) => {
            const inStep = highlight && q >= highlight[0] && q <= highlight[1];
            return (
              <tr
                key={q}
                data-q={q}
                tabIndex={q === tabRow ? 0 : -1}
                class={`${focused === q ? 'mask-row-focused' : ''}${inStep ? ' mask-row-step' : ''}${split !== null && split > 0 && q === split ? ' mask-split-row' : ''}`}
                aria-label={describe(q)}
                onFocus={() => setFocused(q)}
                onMouseEnter={() => setFocused(q)}
              >
                <th scope="row">
                  <span class="mask-token">{tok}</span>
                </th>
                {tokens.map((_, k) => (
                  <td key={k} class={`${mask.allowed[q * n + k] ? 'mask-on' : 'mask-off'}${splitClass(k)}`}>
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
      <p id={`${id}-keys`} class="calc-field-hint">
        {t.gridKeys}
      </p>
      <output id={`${id}-row`} class="mask-row-text" aria-live="polite">
        {focused !== null ? describe(focused) : ''}
      </output>
    </div>
  );
}

/** 257 colours from light grey (share 0) to the accent (share 1); any allowed cell shows at least 35 %. */
const SHADES = Uint32Array.from({ length: 257 }, (_, i) => {
  const share = i / 256;
  const t = share === 0 ? 0 : 0.35 + 0.65 * share;
  const red = Math.round(235 + (67 - 235) * t);
  const green = Math.round(235 + (56 - 235) * t);
  const blue = Math.round(240 + (202 - 240) * t);
  return ((255 << 24) | (blue << 16) | (green << 8) | red) >>> 0;
});

function MaskCanvas({ mask, kind, split, tokens, t, loss, highlight, id }: GridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [row, setRow] = useState<number | null>(null);
  const n = mask.length;
  // A layout effect, so the frame that shows the new pair count also shows the new mask.
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { side, share } = maskCoverage(mask, CANVAS_SIDE);
    const image = ctx.createImageData(side, side);
    const pixels = new Uint32Array(image.data.buffer);
    for (let i = 0; i < share.length; i++) pixels[i] = SHADES[(share[i]! * 256 + 0.5) | 0]!;
    canvas.width = side;
    canvas.height = side;
    ctx.putImageData(image, 0, 0);
  }, [mask]);
  const band = (from: number, to: number, cls: string) => (
    <span class={cls} aria-hidden="true" style={{ top: `${(from / n) * 100}%`, height: `max(2px, ${((to - from + 1) / n) * 100}%)` }} />
  );
  const lossCount = loss ? loss.reduce((a, b) => a + b, 0) : 0;
  return (
    <div class="mask-grid">
      <div class="mask-canvas-frame">
        <canvas
          ref={ref}
          class="mask-canvas"
          style={{ width: `${CANVAS_SIDE}px`, maxWidth: '100%', aspectRatio: '1' }}
          tabIndex={0}
          role="img"
          aria-label={t.canvasLabel(n)}
          aria-describedby={`${id}-row`}
          onMouseMove={(e) => {
            const box = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
            setRow(Math.min(n - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * n))));
          }}
          onFocus={() => setRow((r) => r ?? 0)}
          onKeyDown={(e) => {
            const move = ROW_KEYS[e.key];
            if (!move) return;
            e.preventDefault();
            setRow((r) => move(r ?? 0, n));
          }}
        />
        {highlight && band(highlight[0], highlight[1], 'mask-band mask-band-step')}
        {row !== null && band(row, row, 'mask-band mask-band-row')}
        {split !== null && split > 0 && split < n && (
          <>
            <span class="mask-split-line" aria-hidden="true" style={{ top: `${(split / n) * 100}%` }} />
            <span class="mask-split-line-v" aria-hidden="true" style={{ left: `${(split / n) * 100}%` }} />
          </>
        )}
      </div>
      <p class="calc-field-hint">
        {t.canvasNote(n)}
        {loss ? ` ${t.canvasLoss(lossCount, loss.indexOf(1))}` : ''}
      </p>
      <output id={`${id}-row`} class="mask-row-text" aria-live="polite">
        {row !== null ? describeRow(mask, kind, split ?? 0, tokens, row, t) : ''}
      </output>
    </div>
  );
}

/** Most layer rows the receptive-field view lists. */
const MAX_FIELD_ROWS = 12;

/** Layer by layer, which tokens can influence the last one under a sliding window (Mistral 7B, Fig. 1). */
function ReceptiveField({ tokens, window, layers, t }: { tokens: string[]; window: number; layers: number; t: MaskStrings }) {
  const n = tokens.length;
  const last = n - 1;
  // Rows up to the first layer that reaches the first token (or the layer count, or the cap).
  const covering = window > 1 ? Math.ceil(last / (window - 1)) : Infinity;
  const rows = Math.max(1, Math.min(layers, MAX_FIELD_ROWS, covering));
  return (
    <div class="mask-field">
      <p>{t.fieldHeading(last, tokens[last] ?? `t${last}`)}</p>
      <ol class="mask-field-rows">
        {Array.from({ length: rows }, (_, i) => {
          const layer = i + 1;
          const start = receptiveFieldStart(last, layer, window);
          return (
            <li key={layer} data-layer={layer}>
              <span class="mask-field-label">{t.fieldRow(layer, start === last ? `${last}` : `${start}–${last}`)}</span>
              <span class="mask-field-track" aria-hidden="true">
                <span class="mask-field-bar" style={{ left: `${(start / n) * 100}%`, width: `${((n - start) / n) * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ol>
      {rows < layers && <p class="calc-field-hint">{t.fieldMore(rows, layers)}</p>}
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

export function AttentionMaskIsland({ lang, t, panel, defaults, formulas, paddingFormula }: AttentionMaskProps) {
  const num = (v: number, digits = 0) => formatNumber(v, { lang, digits });
  const s = useMemo(() => {
    const sync = createUrlSync(panel === 'rank' ? rankSchema : schema, defaults, panel === 'rank' ? 'rank.' : 'mask.');
    const state = signal<MaskDefaults>({ ...defaults });
    const notices = signal<typeof sync.initial.notices>([]);
    const tokens = computed(() => tokensOf(state.value.text, state.value.n, lang));
    return { sync, state, notices, tokens };
  }, []);
  const { sync, state, notices, tokens } = s;
  // Both panels can sit on one page: their element ids must differ.
  const idp = panel === 'rank' ? 'rank' : 'mask';
  const [step, setStep] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Apply the link's state after hydration: Preact does not correct server-rendered attributes.
    state.value = sync.initial.state as MaskDefaults;
    notices.value = sync.initial.notices;
    replayEarlyInput(root.current);
  }, []);
  useEffect(() => sync.write(state.value), [state.value]);
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
    try {
      const mask = buildMask(specFor(kind));
      // Counted once per mask: the pair count is shown in two places and a 2,048² count is not free.
      return { mask, pairs: visiblePairs(mask), error: null };
    } catch (e) {
      if (e instanceof MaskOptionError) return { mask: null, pairs: 0, error: e };
      throw e;
    }
  };
  // Separate memos: changing one side must not rebuild (and redraw) the other 2,048² mask.
  const maskA = useMemo(() => build(v.a), [n, p, windowKeys, v.w, v.a, v.pad, tokens.value]);
  const maskB = useMemo(() => build(v.b), [n, p, windowKeys, v.w, v.b, v.pad, tokens.value]);
  const masks = { a: maskA, b: maskB };
  /** A build error is also shown next to the field it is about. */
  const fieldError = (field: MaskOptionError['field']) =>
    [maskA.error, maskB.error].find((e) => e?.field === field)?.message;

  const promptLength = Math.max(1, p);
  const steps = decodingSteps(Math.min(promptLength, n), Math.max(0, n - promptLength));
  const current = step >= 0 ? steps[Math.min(step, steps.length - 1)] : undefined;
  const highlight = current ? current.rows : null;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setStep((s) => {
        if (s >= steps.length - 1) {
          setPlaying(false);
          return s;
        }
        return s + 1;
      });
    }, 700);
    return () => clearInterval(timer);
  }, [playing, steps.length]);

  const rank = useMemo(() => {
    const run = (kind: ViewKind) =>
      attentionRank({
        mask: { kind: RANK_KINDS.includes(kind as MaskKind) ? (kind as MaskKind) : 'causal', length: v.rn, prefixLength: Math.min(v.p, v.rn), window: windowKeys },
        headDim: v.rd,
        scale: v.rt,
        seed: v.seed,
      });
    return panel === 'rank' ? { a: run(v.a), b: run(v.b) } : null;
  }, [panel, v.rn, v.rd, v.rt, v.seed, v.a, v.b, v.p, windowKeys]);

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
    const alert = error && <p role="alert">{t.optionError(error.message)}</p>;
    if (!view) return <div class="mask-side" data-mask={key}>{alert}</div>;
    const { kind } = view;
    const size = view.mask.length;
    const props = { mask: view.mask, kind, split: view.split, tokens: view.tokens, label: t.kinds[kind], t, loss: view.loss, highlight, id: `${idp}-grid-${key}` };
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

  const python = maskA.mask ? maskSpecToPython(specFor(v.a)) : null;

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
        <NumberField id={`${idp}-p`} label={t.prefixLabel} value={v.p} rule={schema.p} lang={lang} onValue={(x) => set({ p: x })} slider={{ min: 0, max: Math.max(1, panel === 'rank' ? v.rn : n), step: 1 }} warning={fieldError('prefixLength') ?? fieldError('length')} />
        <NumberField id={`${idp}-w`} label={t.windowLabel} value={v.w} rule={schema.w} lang={lang} onValue={(x) => set({ w: x })} warning={fieldError('window')} />
        {panel === 'mask' && (
          <NumberField id={`${idp}-pad`} label={t.padLabel} value={v.pad} rule={schema.pad} lang={lang} onValue={(x) => set({ pad: x })} warning={fieldError('padding')} />
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
          {python && (
          <details class="mask-export">
            <summary>{t.exportHeading(t.kinds[v.a])}</summary>
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
