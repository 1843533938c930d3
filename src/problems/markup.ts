/**
 * The HTML of one problem, built at build time: Problem.astro renders it, and the unit tests put the same markup
 * into happy-dom to drive the <llm-problem> element (tests/unit/problems/problem-element.test.ts).
 */
import { joinBase } from '~/base-path';
import { CALCULATOR_NAMES, calculatorHref } from './calculators';
import { answerText, renderText, toleranceText, unitOf, type ProblemLang } from './render';
import type { Level, Problem } from './types';
import { solveChecked } from './validate';

export const PROBLEM_LABELS = {
  zh: {
    title: (number: string) => `练习 ${number}`,
    level: { 'plug-in': '代入', 'work-out': '推算', explain: '解释' } satisfies Record<Level, string>,
    answer: '你的答案',
    check: '检查',
    within: (tol: string) => `误差在 ${tol} 以内算对`,
    choose: '选一项',
    hint: '提示',
    solution: '解答',
    result: '答案',
    open: (name: string) => `在${name}中打开这道题的设置`,
    link: '本题链接',
  },
  en: {
    title: (number: string) => `Problem ${number}`,
    level: { 'plug-in': 'Plug in', 'work-out': 'Work it out', explain: 'Explain why' } satisfies Record<Level, string>,
    answer: 'Your answer',
    check: 'Check',
    within: (tol: string) => `accepted within ${tol}`,
    choose: 'Pick one',
    hint: 'Hint',
    solution: 'Solution',
    result: 'Answer',
    open: (name: string) => `Open this setting in the ${name}`,
    link: 'Link to this problem',
  },
};

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The problem's number as shown: the last part of its id (`kv-2` → 2). */
export const problemNumber = (id: string) => id.replace(/^.*-/, '');

/**
 * One problem as HTML. `base` is the site's base path ('/' or '/llm-notes/'), put in front of calculator links.
 *
 * @example
 * problemHtml(servingProblems.problems[0], 'en', '/') // '<llm-problem class="problem" id="problem-serving-1" …'
 */
export function problemHtml(problem: Problem, lang: ProblemLang, base = '/'): string {
  const L = PROBLEM_LABELS[lang];
  const solved = solveChecked(problem);
  const { answer } = solved;
  const id = `problem-${problem.id}`;
  const unit = answer.kind === 'number' ? unitOf(answer, lang) : '';
  const tolerance = answer.kind === 'number' ? toleranceText(answer.tolerance, unit, lang) : '';
  const options = answer.kind === 'choice' ? answer.options.map((option) => renderText(option[lang], lang)) : [];
  const result = answer.kind === 'number' ? text(`${answerText(answer, lang)}${unit ? `\u202F${unit}` : ''}`) : options[answer.correct]!;
  const data = [
    `data-level="${problem.level}"`,
    `data-kind="${answer.kind}"`,
    `data-answer="${answer.kind === 'number' ? String(answer.value) : String(answer.correct)}"`,
    ...(answer.kind === 'number'
      ? [
          `data-tolerance-kind="${answer.tolerance.kind}"`,
          `data-tolerance="${String(answer.tolerance.value)}"`,
          `data-tolerance-text="${attr(tolerance)}"`,
          `data-unit="${attr(unit)}"`,
        ]
      : []),
  ].join(' ');
  const check = `<button type="button" class="problem-check" hidden>${L.check}</button>`;
  const field =
    answer.kind === 'number'
      ? `<div class="problem-answer"><label for="${id}-input">${L.answer}</label>` +
        `<span class="problem-field"><input id="${id}-input" class="problem-input" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="${id}-tolerance ${id}-feedback">` +
        (unit ? `<span class="problem-unit">${text(unit)}</span>` : '') +
        `</span>${check}<span class="problem-tolerance" id="${id}-tolerance">${text(L.within(tolerance))}</span></div>`
      : `<fieldset class="problem-choices"><legend>${L.choose}</legend>` +
        options.map((html, i) => `<label class="problem-choice"><input type="radio" name="${id}-choice" value="${i}"><span>${html}</span></label>`).join('') +
        `${check}</fieldset>`;
  const calculator = solved.calculator
    ? `<p class="problem-calc"><a href="${attr(joinBase(base, calculatorHref(solved.calculator, lang)))}">${text(L.open(CALCULATOR_NAMES[solved.calculator.calculator][lang]))}</a></p>`
    : '';
  return (
    `<llm-problem class="problem" id="${id}" ${data}>` +
    `<h3 class="problem-title"><a href="#${id}" title="${L.link}">${L.title(problemNumber(problem.id))}</a> <span class="problem-level">${L.level[problem.level]}</span></h3>` +
    `<div class="problem-question">${renderText(solved.question[lang], lang)}</div>` +
    calculator +
    field +
    `<p class="problem-feedback" id="${id}-feedback" role="status" aria-live="polite"></p>` +
    `<details class="problem-hint"><summary>${L.hint}</summary><div>${renderText(solved.hint[lang], lang)}</div></details>` +
    `<details class="problem-solution"><summary>${L.solution}</summary><ol>${solved.steps.map((s) => `<li>${renderText(s[lang], lang)}</li>`).join('')}</ol>` +
    `<p class="problem-result">${L.result}: <strong>${result}</strong></p></details>` +
    `</llm-problem>`
  );
}
