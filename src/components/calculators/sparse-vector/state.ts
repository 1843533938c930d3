import type { StateSchema, StateValues } from '~/components/calculators/shared/url-state';
import type { Lang } from '~/components/calculators/shared/locale';

/** URL prefix of this calculator's state (`?sv.tab=text&sv.q=…`). */
export const URL_PREFIX = 'sv.';

/** Longest vector or sentence kept in a link (characters); longer input still works on the page. */
export const URL_TEXT_MAX = 2000;

export const TABS = ['vector', 'text'] as const;
export const WIDTHS = ['1', '2', '4', '8'] as const;
export const MODELS = ['bow', 'tfidf', 'bm25'] as const;
export const INDEXINGS = ['vocab', 'hash'] as const;

export const LIMITS = {
  nf: { min: 1, max: 2 ** 31 - 1, integer: true },
  k1: { min: 0, max: 10 },
  b: { min: 0, max: 1 },
} as const;

export const schema = {
  tab: { kind: 'enum', values: TABS },
  v: { kind: 'text', maxLength: URL_TEXT_MAX },
  ib: { kind: 'enum', values: WIDTHS },
  vb: { kind: 'enum', values: WIDTHS },
  q: { kind: 'text', maxLength: URL_TEXT_MAX },
  q2: { kind: 'text', maxLength: URL_TEXT_MAX },
  m: { kind: 'enum', values: MODELS },
  ix: { kind: 'enum', values: INDEXINGS },
  nf: { kind: 'number', ...LIMITS.nf },
  sw: { kind: 'boolean' },
  k1: { kind: 'number', ...LIMITS.k1 },
  b: { kind: 'number', ...LIMITS.b },
} as const satisfies StateSchema;

export type SvState = StateValues<typeof schema>;

/** The notes' own example vector, and a sentence from the notes, as defaults. */
export function defaultState(lang: Lang): SvState {
  return {
    tab: 'vector',
    v: '[1.0,0.0,1.0,3.0]',
    ib: '4',
    vb: '8',
    q: lang === 'en' ? 'sparse vectors keep keyword weights' : '稀疏向量保留关键词的权重',
    q2: lang === 'en' ? 'dense vectors capture meaning' : '稠密向量捕获文本的语义',
    m: 'bm25',
    ix: 'vocab',
    nf: 2 ** 18,
    sw: false,
    k1: 1.2,
    b: 0.75,
  };
}
