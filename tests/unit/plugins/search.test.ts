import { expect, test } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import { rehypeSearchMath, searchMathHtml } from '~/plugins/rehype-search-math';
import { rehypeSearchWeights } from '~/plugins/rehype-search-weights';
import katex from 'katex';

const docs = `${process.cwd()}/src/content/docs`;

function render(md: string, path = `${docs}/en/page.mdx`): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex, { output: 'htmlAndMathml' })
    .use(rehypeSearchMath)
    .use(rehypeSearchWeights)
    .use(rehypeStringify);
  return String(processor.processSync({ value: md, path }));
}

test('a formula keeps its MathML text and marks its TeX source and its HTML rendering ignored', () => {
  const html = render('With $L=80$ layers.');
  expect(html).toMatch(/<annotation[^>]*data-pagefind-ignore/);
  expect(html).toMatch(/<span class="katex-html"[^>]*data-pagefind-ignore/);
  expect(html).not.toMatch(/<math[^>]*data-pagefind-ignore/);
});

test('KaTeX rendered outside Markdown (worked problems) is marked the same way', () => {
  const html = searchMathHtml(katex.renderToString('L=80', { output: 'htmlAndMathml' }));
  expect(html.match(/data-pagefind-ignore/g)).toHaveLength(2);
  expect(html).toMatch(/<annotation data-pagefind-ignore /);
});

test('the Glossary and References pages weigh their own headings and text low; other pages are untouched', () => {
  for (const path of [`${docs}/glossary.mdx`, `${docs}/en/references.mdx`, `${docs}/en/glossary.mdx?astro`]) {
    const html = render('Intro.\n\n## Quantization\n\nText.', path);
    expect(html.match(/data-pagefind-weight="0.2"/g), path).toHaveLength(3);
  }
  expect(render('## Quantization', `${docs}/quantization.mdx`)).not.toContain('data-pagefind-weight');
});
