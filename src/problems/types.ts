/**
 * What a problem is: inputs (real numbers: presets, configs, a calculator's state), and a `solve` that turns them
 * into the question, the answer, one hint and the worked solution, every number computed by `src/lib`. Nothing
 * here is typed twice: change an input and the question, answer and solution all follow.
 */
import type { Bilingual, Text } from './text';

/** From "put the numbers in" to "explain why". */
export const LEVELS = ['plug-in', 'work-out', 'explain'] as const;
export type Level = (typeof LEVELS)[number];

/** How close an answer must be: a share of the expected value, or a fixed distance from it. */
export type Tolerance = { kind: 'relative'; value: number } | { kind: 'absolute'; value: number };

export interface NumericAnswer {
  kind: 'number';
  /** The expected value, full precision, in `unit`. */
  value: number;
  /** The unit the reader answers in ("KiB", "GB", "tokens", "%"); the same symbol in both languages unless given twice. */
  unit: string | Bilingual<string>;
  tolerance: Tolerance;
  /** Fraction digits when the answer is shown. Default: about three significant digits. */
  digits?: number;
}

export interface ChoiceAnswer {
  kind: 'choice';
  options: Bilingual<Text>[];
  /** Index of the right option in `options`. */
  correct: number;
}

export type Answer = NumericAnswer | ChoiceAnswer;

/** A calculator state the question is set in: the calculator's page and its own URL parameters (with its prefix). */
export interface CalculatorLink {
  /** Page slug under /calculators/ (kv-cache, serving, finetune-memory, attention-mask, sparse-vector, tokens), or a topic page with a calculator. */
  page: string;
  /** The calculator's name in the schema sense, used to validate `params` in tests (kv-cache, serving-planner, …). */
  calculator: CalculatorName;
  params: Record<string, string | number | boolean>;
  /** Element id of the calculator on that page (the link's fragment). */
  fragment?: string;
}

export type CalculatorName =
  'kv-cache' | 'serving-planner' | 'finetune-memory' | 'attention-mask' | 'attention-rank' | 'sparse-vector' | 'tokens' | 'transformer-counts';

/** Everything a problem shows, for its inputs. */
export interface Solved {
  question: Bilingual<Text>;
  answer: Answer;
  hint: Bilingual<Text>;
  /** The worked solution, one step per entry; the last states the answer. */
  steps: Bilingual<Text>[];
  calculator?: CalculatorLink;
}

export type Inputs = Record<string, number | string | boolean>;

export interface Problem<I extends Inputs = Inputs> {
  /** `<page-key>-<n>`: the anchor is `#problem-<id>`, the same in both languages. */
  id: string;
  level: Level;
  inputs: I;
  solve(inputs: I): Solved;
  /**
   * Other inputs the problem is defined for, when an input is a name (a task, an objective) rather than a number,
   * a model or a GPU: the tests solve with them to check that the answer follows the inputs.
   */
  alternatives?: Partial<I>[];
}

/** One page's problems. */
export interface PageProblems {
  /** The topic page's slug (`serving`, `en/serving` shares it). */
  page: string;
  problems: Problem[];
}

/** Type helper: a problem whose `solve` is checked against its own inputs. */
export function problem<I extends Inputs>(p: Problem<I>): Problem {
  return p as unknown as Problem;
}
