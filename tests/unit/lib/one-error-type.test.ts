/**
 * Issue 34, one error type: every error class the core exports is an `OptionError` (kept by its own name), every
 * refusal carries a field and a reason code from the one vocabulary, no module throws a bare Error/RangeError, and no
 * calculator reads an error's English message to decide what to show.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as lib from '~/lib';
import { OptionError, type OptionReason } from '~/lib/errors';

const REASONS: readonly OptionReason[] = [
  'not-number',
  'not-integer',
  'not-positive-integer',
  'below-min',
  'above-max',
  'too-large',
  'not-one-of',
  'not-divisible',
  'requires',
  'not-boolean',
  'not-object',
  'missing',
  'wrong-length',
  'not-index-list',
  'too-long',
  'malformed',
  'unsupported',
];

function refusal(run: () => unknown): OptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

const errorClasses = Object.entries(lib).filter(([name, value]) => /^[A-Z]\w*Error$/.test(name) && typeof value === 'function') as [
  string,
  new (...args: never[]) => Error,
][];

test('the public API exports the error classes, each an OptionError under its own name', () => {
  // Counted so a class dropped from the index (or a new one on another base) is noticed: 20 subclasses (TrainingPlanError the latest) + the base.
  expect(errorClasses.length).toBe(21);
  for (const [name, ErrorClass] of errorClasses) {
    expect(ErrorClass === OptionError || ErrorClass.prototype instanceof OptionError, name).toBe(true);
    expect(ErrorClass.prototype instanceof RangeError || ErrorClass === OptionError, name).toBe(true);
  }
});

test('every error class declared in src/lib extends OptionError or one of its subclasses', () => {
  const names = new Set(errorClasses.map(([name]) => name));
  for (const file of files('src/lib', /\.ts$/).filter((f) => !f.endsWith('errors.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/class (\w+Error) extends (\w+)/g)) {
      expect(match[2] === 'OptionError' || names.has(match[2]!), `${file}: ${match[1]} extends ${match[2]}`).toBe(true);
    }
  }
});

test('no module in src/lib throws a bare Error, RangeError or TypeError', () => {
  for (const file of files('src/lib', /\.ts$/)) {
    expect(readFileSync(file, 'utf8'), file).not.toMatch(/throw new (Range|Type)?Error\(/);
  }
});

test('the classes moved onto the base refuse with a field and a reason code, bound included', () => {
  const cases: [OptionError, string, OptionReason, unknown][] = [
    [refusal(() => lib.nf4Code(1.5)), 'scaled', 'above-max', 1],
    [refusal(() => lib.nf4QuantizeBlock([1, Number.NaN])), 'values[1]', 'not-number', undefined],
    [refusal(() => lib.tokenize('a'.repeat(lib.MAX_TEXT_CHARS + 1))), 'text', 'too-long', lib.MAX_TEXT_CHARS],
    [refusal(() => lib.loadCorpus({} as never)), 'index', 'malformed', 'version 1'],
    [refusal(() => lib.attentionMask({ kind: 'causal', length: 0 })), 'length', 'below-min', 1],
    [refusal(() => lib.attentionMask({ kind: 'causal', length: 5000 })), 'length', 'above-max', lib.MAX_MASK_LENGTH],
    [refusal(() => lib.attentionMask({ kind: 'prefix', length: 4, prefixLength: 2.5 })), 'prefixLength', 'not-integer', undefined],
    [refusal(() => lib.attentionMask({ kind: 'toString' as never, length: 4 })), 'kind', 'not-one-of', 'causal, prefix, bidirectional, sliding-window'],
    [refusal(() => lib.parseSparse('(4,[0,2],[1.0])')), 'values', 'wrong-length', undefined],
    [refusal(() => lib.parseSparse('(4,[9],[1.0])')), 'indices', 'malformed', undefined],
    [refusal(() => lib.hashingTF(['a'], 0)), 'numFeatures', 'below-min', 1],
    [refusal(() => lib.formatNumber(Number.NaN, { lang: 'en' })), 'value', 'not-number', undefined],
  ];
  for (const [error, field, reason, limit] of cases) {
    expect([error.field, error.reason, error.limit], error.message).toEqual([field, reason, limit]);
    expect(REASONS).toContain(error.reason);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  }
  expect(refusal(() => lib.nf4Code(2))).toBeInstanceOf(lib.Nf4InputError);
  expect(refusal(() => lib.loadCorpus({} as never))).toBeInstanceOf(lib.CorpusFormatError);
  expect(refusal(() => lib.tokenize('a'.repeat(lib.MAX_TEXT_CHARS + 1)))).toBeInstanceOf(lib.TextTooLongError);
  expect(refusal(() => lib.parseSparse('x'))).toBeInstanceOf(lib.SparseFormatError);
  expect(refusal(() => lib.attentionMask({ kind: 'causal', length: 0 }))).toBeInstanceOf(lib.MaskOptionError);
});

/** Reading an error's message to decide anything: a regex over it, or searching or cutting it. */
const MESSAGE_PARSING = [
  /\.message\s*\??\.\s*(match|matchAll|includes|slice|substring|substr|startsWith|endsWith|replace|replaceAll|split|indexOf|search)\s*\(/,
  /\/[^/\n]+\/[a-z]*\.(test|exec)\(\s*[\w.?]*\.message\b/,
  /\/[^/\n]+\/[a-z]*\.(test|exec)\(\s*String\(\s*(e|err|error)\s*\)/,
  /String\(\s*(e|err|error)\s*\)\s*\.\s*(match|includes|slice|startsWith|replace|split|indexOf)\s*\(/,
];

test('the patterns catch what they are meant to catch', () => {
  const samples = ['if (/attention heads/.test(error.message)) x();', 'const why = error.message.slice(field.length + 2);', "String(error).includes('heads')"];
  for (const sample of samples)
    expect(
      MESSAGE_PARSING.some((p) => p.test(sample)),
      sample,
    ).toBe(true);
  expect(MESSAGE_PARSING.some((p) => p.test('t.optionError(explain(error))'))).toBe(false);
});

test('no calculator or core module parses an error message', () => {
  for (const file of [...files('src/components', /\.(ts|tsx|astro)$/), ...files('src/lib', /\.ts$/)]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of MESSAGE_PARSING) expect(pattern.test(text), `${file} matches ${pattern}`).toBe(false);
  }
});
