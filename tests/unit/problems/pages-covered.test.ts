/**
 * Before any build: every topic page (check-figures' list, the one check-problems walks over dist/) has a problem
 * set in src/problems and carries `<ProblemSet page="…">` in both languages, and every set names a chapter of the
 * problems index. A new chapter without problems fails here, not only after a build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { topicSlugs } from '../../../scripts/check-figures.mjs';
import { PROBLEM_CHAPTERS, PROBLEM_PAGES } from '~/problems';

const DOCS = 'src/content/docs';
const topics: string[] = topicSlugs().filter((s: string) => !s.startsWith('en/'));

test.each(topics)('%s has a problem set, shown in both languages and listed in the index', (slug) => {
  expect(
    PROBLEM_PAGES.some((set) => set.page === slug),
    'a set in src/problems/index.ts',
  ).toBe(true);
  expect(
    PROBLEM_CHAPTERS.some((c) => c.pages.includes(slug)),
    'a chapter of PROBLEM_CHAPTERS',
  ).toBe(true);
  for (const file of [`${slug}.mdx`, `en/${slug}.mdx`]) {
    expect(readFileSync(join(DOCS, file), 'utf8'), file).toContain(`<ProblemSet page="${slug}" />`);
  }
});

test('every problem set belongs to a topic page', () => {
  for (const set of PROBLEM_PAGES) expect(topics, set.page).toContain(set.page);
});
