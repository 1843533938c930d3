/**
 * Every problem, checked as data: it solves, its answer is computed from its inputs (change an input and the answer
 * changes: no typed results), its words carry no typed numbers, it renders in both languages, and its calculator
 * link restores a state the calculator accepts.
 */
import { describe, expect, test } from 'vitest';
import { PROBLEM_PAGES } from '~/problems';
import { solveChecked, PROBLEM_ID } from '~/problems/validate';
import { renderText } from '~/problems/render';
import type { Inputs, Problem, Solved } from '~/problems/types';
import type { Text } from '~/problems/text';
import { calculatorLinkNotices } from './calculator-links';
import { MODEL_IDS } from '~/problems/presets';
import { GPU_IDS } from '~/lib/memory/gpu-data';

const all = PROBLEM_PAGES.flatMap((set) => set.problems.map((problem) => ({ page: set.page, problem })));

/** The answer as one comparable value: the number, or the right option's English text. */
function answerKey(solved: Solved): string {
  const a = solved.answer;
  return a.kind === 'number' ? String(a.value) : `${a.correct}`;
}

/**
 * Inputs with one value changed, for each value that can change: numbers ×2 (or +1, ÷2, ×1.1), booleans flipped, a
 * model or GPU id swapped for another preset.
 */
function variants(inputs: Inputs): Inputs[] {
  const out: Inputs[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    if (typeof value === 'number') for (const v of [value * 2, value + 1, value / 2, value * 1.1]) out.push({ ...inputs, [key]: v });
    if (typeof value === 'boolean') out.push({ ...inputs, [key]: !value });
    if (typeof value === 'string') {
      const others = MODEL_IDS.includes(value) ? MODEL_IDS : (GPU_IDS as readonly string[]).includes(value) ? GPU_IDS : [];
      for (const other of others) if (other !== value) out.push({ ...inputs, [key]: other });
    }
  }
  return out;
}

function texts(solved: Solved): Text[] {
  const out: Text[] = [];
  for (const lang of ['zh', 'en'] as const) {
    out.push(solved.question[lang], solved.hint[lang], ...solved.steps.map((s) => s[lang]));
    if (solved.answer.kind === 'choice') out.push(...solved.answer.options.map((o) => o[lang]));
  }
  return out;
}

test('every page has at least three problems, with unique ids of the form <page>-<n>', () => {
  const ids = all.map(({ problem }) => problem.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const set of PROBLEM_PAGES) {
    expect(set.problems.length, set.page).toBeGreaterThanOrEqual(3);
    for (const p of set.problems) expect(p.id, set.page).toMatch(PROBLEM_ID);
    const keys = new Set(set.problems.map((p) => p.id.replace(/-\d+$/, '')));
    expect(keys.size, `${set.page}: one id prefix per page`).toBe(1);
  }
});

test('every page goes from plugging in to explaining why', () => {
  for (const set of PROBLEM_PAGES) {
    const levels = set.problems.map((p) => p.level);
    expect(levels, set.page).toContain('explain');
    expect(
      levels.some((l) => l !== 'explain'),
      set.page,
    ).toBe(true);
  }
});

describe.each(all.map(({ page, problem }) => [problem.id, page, problem] as [string, string, Problem]))('%s', (_id, _page, problem) => {
  const solved = solveChecked(problem);

  test('its numeric answer follows its inputs (computed, not typed)', () => {
    if (solved.answer.kind !== 'number') return;
    const alternatives = (problem.alternatives ?? []).map((a) => ({ ...problem.inputs, ...a }) as Inputs);
    const changed = [...variants(problem.inputs), ...alternatives].some((inputs) => {
      try {
        return answerKey(problem.solve(inputs)) !== answerKey(solved);
      } catch {
        return false; // a variant outside the function's domain (a share above 1) says nothing
      }
    });
    expect(changed, 'no change of a numeric input changes the answer').toBe(true);
  });

  test('its words carry no typed results: literal numbers are small constants only', () => {
    for (const text of texts(solved)) {
      for (const words of text.strings) {
        // Math and prose may hold constants of a formula (2 for K and V, 6ND, 10^9 in a unit's definition), never
        // a number of three or more digits, or with a decimal point.
        // Names that contain digits (o200k_base, Qwen2.5 in code) are not numbers: skip code spans and digits inside words.
        const prose = words.replace(/`[^`]*`/g, '').replace(/\\[a-zA-Z]+/g, '');
        const typed = prose.match(/(?<![A-Za-z_\d.])(\d[\d,]*\.\d+|\d{3,})(?![A-Za-z_\d])/g);
        expect(typed, `"${words}"`).toBeNull();
      }
    }
  });

  test('it renders in both languages, and the answer is stated in the last step or the result', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const text of texts(solved)) expect(() => renderText(text, lang)).not.toThrow();
    }
  });

  test('its calculator link restores a state the calculator accepts', () => {
    if (!solved.calculator) return;
    expect(calculatorLinkNotices(solved.calculator)).toEqual([]);
  });
});
