import { test, expect } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import { remarkCitations } from '~/plugins/remark-citations';
import { formatReference, shortReference } from '~/plugins/format-reference';

interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

function run(mdx: string, path = `${process.cwd()}/src/content/docs/en/page.mdx`): Node {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkCitations);
  return processor.runSync(processor.parse(mdx), { path } as never) as unknown as Node;
}

const text = (node: Node): string => node.value ?? (node.children ?? []).map(text).join('');
const citations = (node: Node): Node[] => (node.type === 'citation' ? [node] : (node.children ?? []).flatMap(citations));

test('numbers citations in order of first appearance and reuses numbers', () => {
  const tree = run('A<Cite id="touvron2023llama" /> B<Cite id="vaswani2017attention" at="§3.2" /> C<Cite id="touvron2023llama" />');
  expect(citations(tree).map(text)).toEqual(['[1]', '[2, §3.2]', '[1]']);
  expect(citations(tree).map((c) => c.children![0]!.url)).toEqual(['#ref-touvron2023llama', '#ref-vaswani2017attention', '#ref-touvron2023llama']);
});

test('appends a references section in citation order, in the page language', () => {
  const tree = run('A<Cite id="touvron2023llama" /> B<Cite id="vaswani2017attention" />');
  const [heading, list] = tree.children!.slice(-2);
  expect(heading!.type).toBe('heading');
  expect(heading!.data?.hProperties?.id).toBe('references');
  expect(text(heading!)).toBe('References');
  expect(list!.children!.map((item) => item.data?.hProperties?.id)).toEqual(['ref-touvron2023llama', 'ref-vaswani2017attention']);
  expect(text(list!.children![1]!)).toContain('Attention Is All You Need');

  const zh = run('A<Cite id="touvron2023llama" />', `${process.cwd()}/src/content/docs/page.mdx`);
  expect(text(zh.children!.at(-2)!)).toBe('参考文献');
});

test('a page without citations gets no references section', () => {
  const tree = run('Just text.');
  expect(tree.children!.some((n) => n.type === 'heading')).toBe(false);
});

test('an unknown key fails with the file and key named', () => {
  expect(() => run('X<Cite id="nobody1999nothing" />')).toThrow(/<Cite id="nobody1999nothing" \/> names no file/);
});

test('formats arXiv references with a link and a short form', () => {
  const ref = { authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'], year: 2017, title: 'Attention Is All You Need', arxiv: '1706.03762' };
  expect(formatReference(ref)).toMatchObject({ href: 'https://arxiv.org/abs/1706.03762', linkText: 'arXiv:1706.03762' });
  expect(shortReference(ref)).toBe('Vaswani et al. 2017');
  expect(shortReference({ ...ref, authors: ['A. Roy', 'M. Vetterli'] })).toBe('Roy & Vetterli 2017');
});
