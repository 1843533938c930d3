import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from 'vitest';

/**
 * The home page's opening (before its first section) names every calculator, in both languages, as a link to its
 * page: the serving planner had been left out of the list (ux-review, "Other findings").
 */
const calculators = readdirSync('src/content/docs/calculators')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));

const intro = (path: string) => {
  const body = readFileSync(path, 'utf8').split(/^---$/m)[2]!;
  return body.slice(0, body.search(/^## /m));
};

test('there are calculators to name', () => {
  expect(calculators).toContain('serving');
});

for (const [lang, path] of [
  ['zh', 'src/content/docs/index.mdx'],
  ['en', 'src/content/docs/en/index.mdx'],
] as const) {
  test(`the ${lang} home intro links every calculator, the serving planner included`, () => {
    const text = intro(path);
    const missing = calculators.filter((slug) => !text.includes(`slug="calculators/${slug}"`));
    expect(missing).toEqual([]);
  });
}
