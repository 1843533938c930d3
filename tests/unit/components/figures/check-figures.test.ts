import { expect, test } from 'vitest';
import { figureProblems, topicSlugs } from '../../../../scripts/check-figures.mjs';

const good = `<figure id="fig-a" class="fig"><div><svg role="img" aria-labelledby="fig-a-title"><title id="fig-a-title">Three boxes</title><rect/></svg></div><figcaption>The layouts.</figcaption></figure>`;

test('a figure with a caption and a titled svg passes', () => {
  expect(figureProblems(good)).toEqual({ count: 1, problems: [] });
});

test('an empty caption, a missing text alternative and shipped JavaScript are each reported', () => {
  const bad = `<figure id="fig-b"><svg role="img" aria-labelledby="fig-b-title"><title id="fig-b-title"> </title></svg><script>x()</script><astro-island></astro-island><figcaption><span></span></figcaption></figure>`;
  expect(figureProblems(bad).problems).toEqual([
    'fig-b: no caption text',
    'fig-b: no text alternative',
    'fig-b: contains a <script>',
    'fig-b: contains an astro-island',
  ]);
});

test('an svg without role="img" is not a text alternative; an img with alt is', () => {
  expect(figureProblems(`<figure id="fig-c"><svg aria-label="x"></svg><figcaption>c</figcaption></figure>`).problems).toEqual(['fig-c: no text alternative']);
  expect(figureProblems(`<figure id="fig-d"><img src="a.png" alt="a chart"><figcaption>d</figcaption></figure>`).problems).toEqual([]);
});

test('code-block frames (figure without a fig- id) are not counted', () => {
  expect(figureProblems(`<figure class="frame"><figcaption></figcaption><pre></pre></figure>`).count).toBe(0);
});

test('topic pages exclude the home page, glossary, references, 404 and calculators, in both languages', () => {
  const slugs: string[] = topicSlugs();
  expect(slugs).toContain('architectures');
  expect(slugs).toContain('en/architectures');
  expect(slugs.some((s) => /(^|\/)(index|glossary|references|404)$/.test(s) || s.includes('calculators/'))).toBe(false);
  expect(slugs.filter((s) => s.startsWith('en/')).length * 2).toBe(slugs.length);
});
