/**
 * Calculator state in the query string, validated on the way in.
 *
 * The fragment (`#kv-cache`) stays free for the heading anchor, so a link such as
 * `?kv.model=llama-2-70b&kv.seq=8192#kv-cache` restores the calculator and scrolls to the section.
 * Values are only ever parsed into numbers, booleans and members of fixed lists; nothing read from the
 * URL is rendered as markup. Unknown keys are left alone (another calculator on the page may own them).
 */
import { checkNumber, parseNumberField, type NumberFieldError, type NumberFieldRule } from '~/lib/input/number-field';

export type FieldSpec =
  | ({ kind: 'number' } & NumberFieldRule)
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  /** A subset of fixed values, written comma-separated (`q,v`). */
  | { kind: 'set'; values: readonly string[] }
  /** Free text, e.g. a sentence for the token playground; length-capped. */
  | { kind: 'text'; maxLength: number };

export type StateSchema = Record<string, FieldSpec>;

type ValueOf<F extends FieldSpec> = F extends { kind: 'number' }
  ? number
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { kind: 'set' }
      ? string[]
      : string;

export type StateValues<S extends StateSchema> = { [K in keyof S]: ValueOf<S[K]> };

export type UrlNoticeReason = NumberFieldError['reason'] | 'not-allowed' | 'not-boolean' | 'too-long' | 'repeated';

/** Why one URL parameter was ignored; `value` is the raw text, to be shown only as text. */
export interface UrlNotice {
  key: string;
  value: string;
  reason: UrlNoticeReason;
  min?: number;
  max?: number;
  maxLength?: number;
  allowed?: readonly string[];
}

/** Longest raw value echoed back in a notice. */
const NOTICE_VALUE_CHARS = 40;

function notice(key: string, raw: string, rest: Omit<UrlNotice, 'key' | 'value'>): UrlNotice {
  const value = raw.length > NOTICE_VALUE_CHARS ? `${raw.slice(0, NOTICE_VALUE_CHARS)}…` : raw;
  return { key, value, ...rest };
}

function parseField(spec: FieldSpec, key: string, raw: string): { value: unknown } | { notice: UrlNotice } {
  switch (spec.kind) {
    case 'number': {
      const result = parseNumberField(raw, spec);
      if (result.ok) return { value: result.value };
      const { ok: _ok, ...error } = result;
      return { notice: notice(key, raw, { ...error, min: spec.min, max: spec.max }) };
    }
    case 'enum':
      return spec.values.includes(raw) ? { value: raw } : { notice: notice(key, raw, { reason: 'not-allowed', allowed: spec.values }) };
    case 'boolean':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { notice: notice(key, raw, { reason: 'not-boolean' }) };
    case 'set': {
      const items = raw === '' ? [] : raw.split(',');
      const bad = items.find((item) => !spec.values.includes(item));
      if (bad !== undefined) return { notice: notice(key, raw, { reason: 'not-allowed', allowed: spec.values }) };
      if (new Set(items).size !== items.length) return { notice: notice(key, raw, { reason: 'repeated' }) };
      // Canonical order, so the same set always writes the same URL.
      return { value: spec.values.filter((v) => items.includes(v)) };
    }
    case 'text':
      return raw.length <= spec.maxLength ? { value: raw } : { notice: notice(key, raw, { reason: 'too-long', maxLength: spec.maxLength }) };
  }
}

/**
 * Reads the state a calculator owns from a query string. Missing keys keep their defaults; invalid
 * values keep their defaults and produce a notice.
 *
 * @example
 * const schema = { seq: { kind: 'number', min: 1, max: 1e7, integer: true } } as const;
 * readUrlState('?kv.seq=8192', schema, { seq: 4096 }, 'kv.')  // => { state: { seq: 8192 }, notices: [] }
 * readUrlState('?kv.seq=-1', schema, { seq: 4096 }, 'kv.')    // => { state: { seq: 4096 }, notices: [{ key: 'kv.seq', reason: 'below-min', … }] }
 */
export function readUrlState<S extends StateSchema>(
  search: string,
  schema: S,
  defaults: StateValues<S>,
  prefix = '',
): { state: StateValues<S>; notices: UrlNotice[] } {
  const params = new URLSearchParams(search);
  const state = { ...defaults };
  const notices: UrlNotice[] = [];
  for (const name of Object.keys(schema) as (keyof S & string)[]) {
    const key = prefix + name;
    const raws = params.getAll(key);
    if (raws.length === 0) continue;
    if (raws.length > 1) {
      notices.push(notice(key, raws.join(','), { reason: 'repeated' }));
      continue;
    }
    const parsed = parseField(schema[name]!, key, raws[0]!);
    if ('notice' in parsed) notices.push(parsed.notice);
    else state[name] = parsed.value as StateValues<S>[typeof name];
  }
  return { state, notices };
}

function encodeValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * Writes a calculator's state into a query string, keeping parameters it does not own and leaving out
 * values equal to their defaults (short links). Returns the search part including `?`, or '' when empty.
 *
 * @example
 * writeUrlState('?other=1', schema, { seq: 8192 }, { seq: 4096 }, 'kv.') // => '?other=1&kv.seq=8192'
 */
export function writeUrlState<S extends StateSchema>(search: string, schema: S, state: StateValues<S>, defaults: StateValues<S>, prefix = ''): string {
  const params = new URLSearchParams(search);
  for (const name of Object.keys(schema) as (keyof S & string)[]) {
    const key = prefix + name;
    params.delete(key);
    const value = state[name];
    const spec = schema[name]!;
    // Never write a value that reading would reject.
    if (spec.kind === 'number' && !checkNumber(value as number, spec).ok) continue;
    if (!sameValue(value, defaults[name])) params.set(key, encodeValue(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
