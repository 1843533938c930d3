/**
 * Attention masks as 0/1 matrices: `allowed[q * length + k] === 1` when query position q may attend to
 * key position k. Definitions follow T5 §3.2.1 (causal, prefix LM, fully visible), Mistral 7B §2
 * (sliding window: query q sees keys q−W+1 … q, W keys) and GLM §2.1 (Part A bidirectional, Part B causal).
 */
import { OptionError, type OptionReason } from '../errors';

export type MaskKind = 'causal' | 'prefix' | 'bidirectional' | 'sliding-window';

export interface MaskOptions {
  kind: MaskKind;
  /** Sequence length n. */
  length: number;
  /** Prefix length p for `prefix` (0 ≤ p ≤ n). */
  prefixLength?: number;
  /** Window W for `sliding-window` (W ≥ 1 keys, the query's own included). */
  window?: number;
}

export interface AttentionMask {
  length: number;
  allowed: Uint8Array;
}

/** Longest sequence the core builds a mask for (n² bytes: 16 MiB at 4,096). */
export const MAX_MASK_LENGTH = 4096;

/** The options a mask function refuses: `field` names the option, `reason` why (the calculator translates both). */
export type MaskOptionField = 'length' | 'prefixLength' | 'window' | 'kind' | 'padding' | 'documents' | 'headDim' | 'scale' | 'size';

export class MaskOptionError extends OptionError {
  override name = 'MaskOptionError';
  constructor(
    override readonly field: MaskOptionField,
    reason: OptionReason,
    got?: unknown,
    limit?: number | string,
    detail?: string,
  ) {
    super(field, reason, got, limit, detail);
  }

  /** A number outside [min, max] (whole unless `whole` is false): the reason and the bound it broke. */
  static outOfRange(field: MaskOptionField, value: unknown, min: number, max: number, detail?: string, whole = true): MaskOptionError {
    const reason: OptionReason =
      typeof value !== 'number' || !Number.isFinite(value)
        ? 'not-number'
        : whole && !Number.isInteger(value)
          ? 'not-integer'
          : value < min
            ? 'below-min'
            : 'above-max';
    return new MaskOptionError(field, reason, value, reason === 'below-min' ? min : reason === 'above-max' ? max : undefined, detail);
  }
}

/** Option checks shared with mask-python.ts, which validates options without building the mask. */
export function checkLength(length: number, field: 'length' = 'length'): void {
  if (!Number.isInteger(length) || length < 1 || length > MAX_MASK_LENGTH) {
    throw MaskOptionError.outOfRange(field, length, 1, MAX_MASK_LENGTH, `length must be a whole number from 1 to ${MAX_MASK_LENGTH}, got ${length}`);
  }
}

const MASK_KINDS: readonly MaskKind[] = ['causal', 'prefix', 'bidirectional', 'sliding-window'];

export function checkKind(kind: unknown): asserts kind is MaskKind {
  if (typeof kind !== 'string' || !(MASK_KINDS as readonly string[]).includes(kind)) {
    throw new MaskOptionError(
      'kind',
      'not-one-of',
      kind,
      MASK_KINDS.join(', '),
      `unknown mask kind "${String(kind)}"; expected one of ${MASK_KINDS.join(', ')}`,
    );
  }
}

/** A whole number in [min, max] or a MaskOptionError naming `field`. */
export function checkWhole(field: MaskOptionField, value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw MaskOptionError.outOfRange(field, value, min, max, `${what} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Most stacked layers the receptive-field helpers accept: far past any real model. */
export const MAX_MASK_LAYERS = 10_000;

/** Whether query q may attend key k under a mask kind (no bounds checks on q and k; see `attentionMask`). */
export function maskAllows(kind: MaskKind, q: number, k: number, prefixLength = 0, window = 1): boolean {
  checkKind(kind);
  switch (kind) {
    case 'causal':
      return k <= q;
    case 'prefix':
      return k < prefixLength || k <= q;
    case 'bidirectional':
      return true;
    case 'sliding-window':
      return k <= q && k > q - window;
  }
}

/**
 * Builds a mask.
 *
 * @example
 * attentionMask({ kind: 'causal', length: 3 }).allowed // => [1,0,0, 1,1,0, 1,1,1]
 * attentionMask({ kind: 'prefix', length: 3, prefixLength: 2 }).allowed // => [1,1,0, 1,1,0, 1,1,1]
 */
export function attentionMask(options: MaskOptions): AttentionMask {
  if (typeof options !== 'object' || options === null) throw new MaskOptionError('kind', 'not-object', options, undefined, 'expected mask options');
  const { kind, length } = options;
  checkLength(length);
  const prefixLength = options.prefixLength ?? 0;
  const window = options.window ?? length;
  checkKind(kind);
  if (kind === 'prefix' && (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > length)) {
    throw MaskOptionError.outOfRange(
      'prefixLength',
      prefixLength,
      0,
      length,
      `prefix length must be a whole number from 0 to the length ${length}, got ${prefixLength}`,
    );
  }
  if (kind === 'sliding-window' && (!Number.isInteger(window) || window < 1)) {
    throw MaskOptionError.outOfRange('window', window, 1, Infinity, `window must be a whole number of at least 1, got ${window}`);
  }
  // Every row of these kinds is at most two runs of ones, so fill runs instead of testing n² cells
  // (a 2,048-token mask is 4M cells; the tests check this against maskAllows cell by cell).
  const allowed = new Uint8Array(length * length);
  for (let q = 0; q < length; q++) {
    const row = q * length;
    switch (kind) {
      case 'causal':
        allowed.fill(1, row, row + q + 1);
        break;
      case 'prefix':
        allowed.fill(1, row, row + Math.max(prefixLength, q + 1));
        break;
      case 'bidirectional':
        allowed.fill(1, row, row + length);
        break;
      case 'sliding-window':
        allowed.fill(1, row + Math.max(0, q - window + 1), row + q + 1);
        break;
    }
  }
  return { length, allowed };
}

/** 4-byte words over the mask's cells, when its buffer allows an aligned view. */
function wordsOf(allowed: Uint8Array): Uint32Array | null {
  return allowed.byteOffset % 4 === 0 ? new Uint32Array(allowed.buffer, allowed.byteOffset, allowed.length >> 2) : null;
}

/**
 * First index in [from, to) whose cell equals `value`, or `to`. Skips 4 cells at a time over runs of the other
 * value: every mask here is a few long runs per row, and a 2,048² mask is 4M cells (Uint8Array#indexOf reads
 * them one by one and cannot stop at a row's end).
 */
function nextCell(allowed: Uint8Array, words: Uint32Array | null, value: 0 | 1, from: number, to: number): number {
  let i = from;
  if (words) {
    for (; i < to && (i & 3) !== 0; i++) if (allowed[i] === value) return i;
    const other = value === 1 ? 0 : 0x01010101;
    while (i + 4 <= to && words[i >> 2] === other) i += 4;
  }
  for (; i < to; i++) if (allowed[i] === value) return i;
  return to;
}

/** Calls `run(from, to)` for each maximal run of allowed cells in [start, end), `to` exclusive. */
function forEachRun(allowed: Uint8Array, words: Uint32Array | null, start: number, end: number, run: (from: number, to: number) => void): void {
  let from = nextCell(allowed, words, 1, start, end);
  while (from < end) {
    const to = nextCell(allowed, words, 0, from, end);
    run(from, to);
    from = nextCell(allowed, words, 1, to, end);
  }
}

/** Number of (query, key) pairs a mask allows. */
export function visiblePairs(mask: AttentionMask): number {
  let count = 0;
  forEachRun(mask.allowed, wordsOf(mask.allowed), 0, mask.allowed.length, (from, to) => {
    count += to - from;
  });
  return count;
}

/** The keys row q sees, as maximal runs [from, to] (inclusive), for saying it in words. */
export function visibleRanges(mask: AttentionMask, q: number): [number, number][] {
  const n = mask.length;
  const ranges: [number, number][] = [];
  forEachRun(mask.allowed, wordsOf(mask.allowed), q * n, q * n + n, (from, to) => ranges.push([from - q * n, to - 1 - q * n]));
  return ranges;
}

export interface MaskCoverage {
  /** Cells per side of the downsampled grid: ceil(n / block). */
  side: number;
  /** Mask cells per grid cell along each axis (the last row and column of blocks may be narrower). */
  block: number;
  /** Share of allowed cells in each block, row-major, 0…1. */
  share: Float32Array;
}

/**
 * The mask downsampled to at most `maxSide` × `maxSide` blocks, each holding the share of its cells that are
 * allowed: what a canvas of that size can show without losing thin bands such as a small window.
 */
export function maskCoverage(mask: AttentionMask, maxSide: number): MaskCoverage {
  if (!Number.isInteger(maxSide) || maxSide < 1)
    throw MaskOptionError.outOfRange('size', maxSide, 1, Infinity, `the grid side must be a whole number of at least 1, got ${maxSide}`);
  const n = mask.length;
  const block = Math.ceil(n / maxSide);
  const side = Math.ceil(n / block);
  const share = new Float32Array(side * side);
  // Per grid row: a difference array for blocks a run covers completely, direct sums for partly covered ones.
  const words = wordsOf(mask.allowed);
  const whole = new Float64Array(side + 1);
  const part = new Float64Array(side);
  for (let r = 0; r < side; r++) {
    whole.fill(0);
    part.fill(0);
    const q0 = r * block;
    const q1 = Math.min(n, q0 + block);
    for (let q = q0; q < q1; q++) {
      forEachRun(mask.allowed, words, q * n, q * n + n, (start, end) => {
        const from = start - q * n;
        const to = end - q * n;
        const first = Math.floor(from / block);
        const last = Math.floor((to - 1) / block);
        if (first === last) part[first]! += to - from;
        else {
          part[first]! += (first + 1) * block - from;
          part[last]! += to - last * block;
          whole[first + 1]! += block;
          whole[last]! -= block;
        }
      });
    }
    let running = 0;
    for (let c = 0; c < side; c++) {
      running += whole[c]!;
      const width = Math.min(n, (c + 1) * block) - c * block;
      share[r * side + c] = (running + part[c]!) / ((q1 - q0) * width);
    }
  }
  return { side, block, share };
}

/**
 * Positions whose next token is predicted with a loss during training. A causal LM is trained on every
 * position (each predicts the next token, so n−1 targets); a prefix LM only on the positions after the
 * prefix, whose targets are the continuation (T5 §3.2.1; UniLM).
 *
 * @returns one flag per position: 1 where the token at that position is a training target.
 */
export function lossTargets(kind: 'causal' | 'prefix', length: number, prefixLength = 0): Uint8Array {
  checkLength(length);
  if (kind !== 'causal' && kind !== 'prefix')
    throw new MaskOptionError('kind', 'not-one-of', kind, 'causal, prefix', `loss targets are defined for causal and prefix LMs, got "${String(kind)}"`);
  if (kind === 'prefix') checkWhole('prefixLength', prefixLength, 0, length, 'prefix length');
  const targets = new Uint8Array(length);
  const first = kind === 'prefix' ? Math.max(prefixLength, 1) : 1;
  for (let t = first; t < length; t++) targets[t] = 1;
  return targets;
}

export interface DecodingStep {
  /** 'prefill' processes the whole prompt in one parallel pass; 'decode' adds one token. */
  phase: 'prefill' | 'decode';
  /** Query rows computed in this forward pass. */
  rows: [number, number];
}

/**
 * Forward passes needed to generate `generated` tokens after a prompt of `prompt` tokens: one parallel
 * prefill, then one pass per new token — the same for a causal and a prefix LM (the prefix only changes
 * which prompt positions see each other, not how many passes generation takes).
 */
export function decodingSteps(prompt: number, generated: number): DecodingStep[] {
  // One object per generated token: bounded like a mask, so decodingSteps(1, 1e7) is an error, not 10⁷ objects.
  checkWhole('prefixLength', prompt, 1, MAX_MASK_LENGTH, 'the prompt length');
  checkWhole('length', generated, 0, MAX_MASK_LENGTH, 'generated tokens');
  const steps: DecodingStep[] = [{ phase: 'prefill', rows: [0, prompt - 1] }];
  for (let i = 0; i < generated; i++) steps.push({ phase: 'decode', rows: [prompt + i, prompt + i] });
  return steps;
}

/** Encoder–decoder (T5, BART): encoder self-attention fully visible, decoder causal, cross fully visible. */
export function encoderDecoderMasks(encoderLength: number, decoderLength: number) {
  checkLength(encoderLength);
  checkLength(decoderLength);
  return {
    encoderSelf: attentionMask({ kind: 'bidirectional', length: encoderLength }),
    decoderSelf: attentionMask({ kind: 'causal', length: decoderLength }),
    /** decoderLength × encoderLength, row-major. */
    cross: { rows: decoderLength, columns: encoderLength, allowed: new Uint8Array(decoderLength * encoderLength).fill(1) },
  };
}

/** GLM (Du et al. 2022 §2.1): Part A = positions 0…m−1 see each other; Part B token i sees A and B up to i. */
export function glmMask(length: number, partALength: number): AttentionMask {
  return attentionMask({ kind: 'prefix', length, prefixLength: partALength });
}

/**
 * Windows stack: after L layers of window W, information can travel up to L·(W−1) positions back, so a
 * token's receptive field is min(n, L·(W−1) + 1) tokens (Mistral 7B §2: 32 layers × 4096 ≈ 131K).
 */
export function slidingWindowReach(layers: number, window: number): number {
  checkWhole('size', layers, 1, MAX_MASK_LAYERS, 'layers');
  checkWhole('window', window, 1, Number.MAX_SAFE_INTEGER / MAX_MASK_LAYERS, 'window');
  return layers * (window - 1) + 1;
}

/**
 * Earliest position whose token can influence `position` after `layers` stacked sliding-window layers of W
 * keys: each layer reaches W−1 further back (Mistral 7B §2, Fig. 1).
 */
export function receptiveFieldStart(position: number, layers: number, window: number): number {
  checkWhole('length', position, 0, Number.MAX_SAFE_INTEGER, 'position');
  checkWhole('size', layers, 0, MAX_MASK_LAYERS, 'layers');
  checkWhole('window', window, 1, Number.MAX_SAFE_INTEGER / MAX_MASK_LAYERS, 'window');
  return Math.max(0, position - layers * (window - 1));
}

/**
 * Packed documents (several training documents in one sequence): block-diagonal causal, so no token
 * attends across a document boundary.
 *
 * @example
 * packedDocumentsMask([2, 1]).allowed // => [1,0,0, 1,1,0, 0,0,1]
 */
export function packedDocumentsMask(documentLengths: number[]): AttentionMask {
  if (!Array.isArray(documentLengths) || documentLengths.length === 0 || documentLengths.length > MAX_MASK_LENGTH) {
    throw new MaskOptionError(
      'documents',
      Array.isArray(documentLengths) ? 'wrong-length' : 'not-object',
      documentLengths,
      MAX_MASK_LENGTH,
      `expected from 1 to ${MAX_MASK_LENGTH} document lengths`,
    );
  }
  if (documentLengths.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new MaskOptionError(
      'documents',
      'not-positive-integer',
      documentLengths.join(', '),
      1,
      `document lengths must be whole numbers of at least 1, got ${documentLengths.join(', ')}`,
    );
  }
  const length = documentLengths.reduce((a, b) => a + b, 0);
  checkLength(length);
  const allowed = new Uint8Array(length * length);
  let start = 0;
  for (const documentLength of documentLengths) {
    for (let q = start; q < start + documentLength; q++) allowed.fill(1, q * length + start, q * length + q + 1);
    start += documentLength;
  }
  return { length, allowed };
}

/** Chunked attention (as in Llama 4's local layers): causal within consecutive chunks of `chunkSize`. */
export function chunkedMask(length: number, chunkSize: number): AttentionMask {
  checkLength(length);
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw MaskOptionError.outOfRange('window', chunkSize, 1, Infinity, `chunk size must be a whole number of at least 1, got ${chunkSize}`);
  const sizes: number[] = [];
  for (let start = 0; start < length; start += chunkSize) sizes.push(Math.min(chunkSize, length - start));
  return packedDocumentsMask(sizes);
}

/**
 * Left padding (batched generation pads short prompts on the left): no query attends a pad key, and pad
 * query rows attend nothing (their outputs are discarded).
 */
export function withLeftPadding(mask: AttentionMask, padCount: number): AttentionMask {
  if (typeof mask !== 'object' || mask === null || !(mask.allowed instanceof Uint8Array))
    throw new MaskOptionError('length', 'not-object', mask, undefined, 'expected a mask');
  checkLength(mask.length);
  if (mask.allowed.length !== mask.length * mask.length)
    throw new MaskOptionError(
      'length',
      'wrong-length',
      mask.allowed.length,
      mask.length ** 2,
      `a mask of length ${mask.length} has ${mask.length ** 2} cells, got ${mask.allowed.length}`,
    );
  const n = mask.length;
  if (!Number.isInteger(padCount) || padCount < 0 || padCount > n)
    throw MaskOptionError.outOfRange('padding', padCount, 0, n, `padding must be from 0 to ${n}, got ${padCount}`);
  const allowed = mask.allowed.slice();
  allowed.fill(0, 0, padCount * n);
  for (let q = padCount; q < n; q++) allowed.fill(0, q * n, q * n + padCount);
  return { length: n, allowed };
}
