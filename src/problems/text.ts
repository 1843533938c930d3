/**
 * Problem text as data: a tagged template that keeps the author's words apart from the numbers put into them,
 * so every number a problem shows comes from a value (computed by `src/lib`, or one of the problem's inputs) and a
 * test can check that the words themselves carry no typed results (tests/unit/problems/no-typed-numbers.test.ts).
 *
 * Markup inside the words: `$…$` inline KaTeX, `$$…$$` display KaTeX, `` `…` `` code, `**…**` bold. Numbers put
 * into a `$…$` are written for TeX (`4{,}096`); elsewhere in the page's locale.
 *
 * @example
 * t`Llama 2 7B has ${spec.numLayers} layers, so $2 \cdot ${spec.numLayers}$ tensors per token`
 */

/** A number to show, with how many fraction digits. */
export interface Shown {
  readonly value: number;
  /** Maximum fraction digits. Default: chosen from the size of the number (see `autoDigits`). */
  readonly digits?: number;
  /** Minimum fraction digits. Default 0. */
  readonly minDigits?: number;
}

export type TextValue = number | string | Shown;

export interface Text {
  /** The author's words, as written between the interpolations. */
  readonly strings: readonly string[];
  readonly values: readonly TextValue[];
}

/** Both languages of one piece of text. Chinese is the original, English the translation. */
export interface Bilingual<T> {
  zh: T;
  en: T;
}

/** The tag: `t\`… ${value} …\``. */
export function t(strings: TemplateStringsArray, ...values: TextValue[]): Text {
  // Raw strings keep TeX's backslashes (\cdot); an escaped backtick is the only escape a template literal needs.
  return { strings: strings.raw.map((s) => s.replace(/\\`/g, '`')), values };
}

/** A number shown with at most `digits` fraction digits (and at least `minDigits`). */
export function n(value: number, digits?: number, minDigits?: number): Shown {
  return { value, digits, minDigits };
}

/** Two languages side by side: `both(t\`中文\`, t\`English\`)`. */
export function both<T>(zh: T, en: T): Bilingual<T> {
  return { zh, en };
}

/**
 * Fraction digits for a number shown without a choice: whole numbers as they are; otherwise about three
 * significant digits (1,234 · 12.3 · 1.23 · 0.123 · 0.0123).
 */
export function autoDigits(value: number): number {
  if (Number.isInteger(value)) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return Math.max(0, Math.min(6, 2 - magnitude));
}
