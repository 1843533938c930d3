/**
 * Checking a reader's answer: pure, so the browser's custom element (problem-element.ts) and the tests share it.
 * Nothing here remembers an answer; the page forgets it on reload.
 */
import type { Tolerance } from './types';

/** What the reader's answer was found to be. */
export type Verdict =
  | 'empty'
  | 'unreadable'
  | 'correct'
  | 'too-high'
  | 'too-low'
  /** Off by 2^10k / 10^3k: GiB read as GB or the other way round (about 2.4 %, 4.9 %, 7.4 %, 10 %). */
  | 'binary-decimal'
  /** Off by a factor of 1,000 or 1,024 (or its powers): answered in the wrong unit of the same kind. */
  | 'unit-scale';

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0B\uFF0D\uFF05]/g;

/**
 * The number in what a reader typed, or null. Accepts thousands separators (`1,234,567`, `1 234`), a decimal
 * comma when it cannot be a thousands separator (`0,5`), full-width digits (`１２８`), `1.2e9`, `1.2×10^9`,
 * `1.2*10^9`, a leading `≈`/`~`, and the problem's own unit written after the number (`128 KiB`, `45%`).
 *
 * @example
 * parseAnswer('1,234.5')      // => 1234.5
 * parseAnswer('3.2×10^12')    // => 3.2e12
 * parseAnswer('128 KiB', 'KiB') // => 128
 */
export function parseAnswer(text: string, unit = ''): number | null {
  let s = text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00A0\u2009\u202F_']/g, '')
    .replace(/^[≈~]/, '')
    .replace(/[−–]/g, '-');
  if (unit) {
    const u = unit.replace(/\s/g, '').toLowerCase();
    if (u && s.toLowerCase().endsWith(u)) s = s.slice(0, -u.length);
  }
  // 1.2×10^9, 1.2x10^9, 1.2*10^9, 1.2·10^9, 1.2×10⁹ is not offered (superscripts are rarely typed).
  s = s.replace(/^(.+?)(?:[×x*·]10\^?\(?([+-]?\d+)\)?)$/i, '$1e$2');
  if (s.includes(',')) {
    if (s.includes('.') || /^[+-]?\d{1,3}(,\d{3})+(e[+-]?\d+)?$/i.test(s)) s = s.replace(/,/g, '');
    else s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/** Whether `value` is within `tolerance` of `expected`. */
export function withinTolerance(value: number, expected: number, tolerance: Tolerance): boolean {
  const allowed = tolerance.kind === 'relative' ? tolerance.value * Math.abs(expected) : tolerance.value;
  // A hair of slack for the decimal text of a binary float (0.1 + 0.2).
  return Math.abs(value - expected) <= allowed * (1 + 1e-9) + Number.EPSILON * Math.abs(expected);
}

/** Ratios a unit slip produces: binary vs decimal prefixes, then whole prefix steps. */
const BINARY_DECIMAL = [1, 2, 3, 4].map((k) => 2 ** (10 * k) / 10 ** (3 * k));
const PREFIX_STEPS = [1, 2, 3, 4].flatMap((k) => [10 ** (3 * k), 2 ** (10 * k)]);

/**
 * The verdict on a numeric answer. A wrong answer that is exactly a unit slip away from the right one says so,
 * since that is the usual mistake (GiB = 2^30 bytes, GB = 10^9).
 *
 * @example
 * checkNumber('12.6', 12.55, { kind: 'relative', value: 0.01 }) // => { verdict: 'correct', value: 12.6 }
 * checkNumber('13.47', 12.55, { kind: 'relative', value: 0.01 }) // => { verdict: 'binary-decimal', value: 13.47 }
 */
export function checkNumber(text: string, expected: number, tolerance: Tolerance, unit = ''): { verdict: Verdict; value?: number } {
  if (text.trim() === '') return { verdict: 'empty' };
  const value = parseAnswer(text, unit);
  if (value === null) return { verdict: 'unreadable' };
  if (withinTolerance(value, expected, tolerance)) return { verdict: 'correct', value };
  if (expected !== 0 && value !== 0 && Math.sign(value) === Math.sign(expected) && tolerance.kind === 'relative') {
    const slipped = (ratios: number[]) =>
      ratios.some((r) => withinTolerance(value, expected * r, tolerance) || withinTolerance(value, expected / r, tolerance));
    if (slipped(BINARY_DECIMAL)) return { verdict: 'binary-decimal', value };
    if (slipped(PREFIX_STEPS)) return { verdict: 'unit-scale', value };
  }
  return { verdict: value > expected ? 'too-high' : 'too-low', value };
}

/** The verdict on a multiple-choice answer: `chosen` is the index picked, or null. */
export function checkChoice(chosen: number | null, correct: number): { verdict: 'empty' | 'correct' | 'wrong' } {
  if (chosen === null) return { verdict: 'empty' };
  return { verdict: chosen === correct ? 'correct' : 'wrong' };
}
