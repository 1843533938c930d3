/**
 * Checks a solved problem before it is rendered, so a broken problem fails the build with its id rather than
 * showing NaN or an empty solution.
 */
import { LEVELS, type Problem, type Solved } from './types';

export const PROBLEM_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d+$/;

/** The problem's worked form, or an error naming the problem and what is wrong. */
export function solveChecked(problem: Problem): Solved {
  const where = `problem ${problem.id}`;
  if (!PROBLEM_ID.test(problem.id)) throw new Error(`${where}: expected an id like "kv-2"`);
  if (!LEVELS.includes(problem.level)) throw new Error(`${where}: unknown level "${problem.level}"`);
  const solved = problem.solve(problem.inputs);
  const { answer } = solved;
  if (answer.kind === 'number') {
    if (!Number.isFinite(answer.value)) throw new Error(`${where}: the answer is ${answer.value}`);
    if (!(answer.tolerance.value > 0)) throw new Error(`${where}: a tolerance must be > 0`);
    if (answer.tolerance.kind === 'relative' && answer.value === 0) throw new Error(`${where}: a relative tolerance of 0 accepts nothing`);
  } else {
    if (answer.options.length < 2) throw new Error(`${where}: a choice needs at least two options`);
    if (!Number.isInteger(answer.correct) || answer.correct < 0 || answer.correct >= answer.options.length)
      throw new Error(`${where}: the right option ${answer.correct} is not one of ${answer.options.length}`);
  }
  if (solved.steps.length === 0) throw new Error(`${where}: no solution steps`);
  return solved;
}
