/** The attention-mask visualizer's shareable state: kinds, sizes and the rank experiment's settings. */
import type { StateSchema } from '~/components/calculators/shared/url-state';
import type { MaskKind } from '~/lib/masks/attention-mask';
import { MAX_RANK_LENGTH } from '~/lib/masks/rank-limit';
import type { MaskSpecKind } from '~/lib/masks/mask-spec';
import type { Lang } from '~/components/calculators/shared/locale';

/** Every kind the visualizer draws (see `MaskSpec`); the rank panel offers the core's four. */
export type ViewKind = MaskSpecKind;
export const KINDS: ViewKind[] = ['causal', 'prefix', 'glm', 'encoder-decoder', 'bidirectional', 'sliding-window', 'chunked', 'packed'];
export const RANK_KINDS: MaskKind[] = ['causal', 'prefix', 'bidirectional', 'sliding-window'];
/** Kinds whose first p tokens form a block of their own (prefix, Part A, the encoder input). */
export const SPLIT_KINDS: readonly ViewKind[] = ['prefix', 'glm', 'encoder-decoder'];
/** Sentence-final punctuation ends a document in the packed view. */
export const SENTENCE_END = /^[.!?。！？]$/;
/** Longest mask the visualizer draws (the core allows 4,096). */
export const MAX_VIEW_LENGTH = 2048;
/** Up to this length the mask is an HTML table (readable by screen readers); above it, a canvas. */
export const TABLE_LIMIT = 32;
export const MAX_TEXT = 2000;

export const schema = {
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
} as const satisfies StateSchema;
export const rankSchema = { ...schema, a: { kind: 'enum', values: RANK_KINDS }, b: { kind: 'enum', values: RANK_KINDS } } as const;

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

/** The two panels: the masks with decoding, or the rank experiment. Each keeps its own link state. */
export type MaskPanel = 'mask' | 'rank';

/** URL prefix of each panel's state (`?mask.a=causal`, `?rank.rn=64`). */
export const URL_PREFIX: Record<MaskPanel, string> = { mask: 'mask.', rank: 'rank.' };

/** What a panel shows before the reader changes anything: a short sentence in the page's language. */
export function maskDefaults(panel: MaskPanel, lang: Lang): MaskDefaults {
  return {
    a: 'causal',
    b: panel === 'rank' ? 'bidirectional' : 'prefix',
    text: lang === 'en' ? 'The cat sat on the mat today' : '我爱自然语言处理的模型',
    n: 8,
    p: 3,
    w: 3,
    loss: false,
    pad: 0,
    wplus: false,
    layers: 32,
    rn: 32,
    rd: 8,
    rt: 1,
    seed: 42,
  };
}
