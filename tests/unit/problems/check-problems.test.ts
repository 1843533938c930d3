import { expect, test } from 'vitest';
import { pageProblems } from '../../../scripts/check-problems.mjs';
import { problemHtml } from '~/problems/markup';
import { servingProblems } from '~/problems/serving';

test('the markup the build writes passes the dist check', () => {
  const html = servingProblems.problems.map((p) => problemHtml(p, 'en')).join('');
  const found = pageProblems(html);
  expect(found.map((p) => p.id)).toEqual(servingProblems.problems.map((p) => `problem-${p.id}`));
  expect(found.flatMap((p) => p.issues)).toEqual([]);
});

test('a problem without its solution, or with a visible check button, is reported', () => {
  const broken =
    '<llm-problem class="problem" id="problem-x-1" data-answer="1"><details class="problem-hint"></details><button type="button" class="problem-check">Check</button></llm-problem>';
  expect(pageProblems(broken)[0]!.issues).toEqual(['no worked solution in a <details>', 'the check button is not hidden before the script runs']);
});
