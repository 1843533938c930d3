/**
 * Reading the docs pages' MDX sources for the content checks. Paths are relative to the repository root
 * (Vitest runs there).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DOCS_DIR = 'src/content/docs';
export const REFERENCES_DIR = 'src/content/references';

/** The 15 topic pages of issue 7, each in zh (`<slug>.mdx`) and en (`en/<slug>.mdx`). */
export const PAGE_SLUGS = [
  'index',
  'architectures',
  'why-decoder-only',
  'attention-variants',
  'context-length',
  'tokens-embeddings',
  'sparse-dense-vectors',
  'fine-tuning-methods',
  'finetune-memory',
  'distributed-training',
  'preference-optimization',
  'serving',
  'sft-data-and-failures',
  'forgetting',
  'knowledge-injection',
  'chinese-llm',
  'rope-scaling',
  'mixture-of-experts',
  'quantization',
  'reasoning-models',
  'decoding-sampling',
  'glossary',
  'references',
] as const;

export interface Page {
  /** Path under the docs folder without the language prefix or extension: "tokens-embeddings", "calculators/kv-cache". */
  slug: string;
  lang: 'zh' | 'en';
  file: string;
  source: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every docs page, both languages. */
export function allPages(): Page[] {
  return walk(DOCS_DIR).map((file) => {
    const rel = relative(DOCS_DIR, file).replace(/\.mdx?$/, '');
    const lang = rel.startsWith('en/') ? 'en' : 'zh';
    return { slug: lang === 'en' ? rel.slice(3) : rel, lang, file, source: readFileSync(file, 'utf8') } as Page;
  });
}

export function pageExists(slug: string, lang: 'zh' | 'en'): boolean {
  const base = lang === 'en' ? join(DOCS_DIR, 'en', slug) : join(DOCS_DIR, slug);
  return existsSync(`${base}.mdx`) || existsSync(`${base}.md`);
}

/** The page without its YAML frontmatter and its import/export lines. */
export function bodyOf(source: string): string {
  return source.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^(import|export)\s.*$/gm, '');
}

/** The ids of the `##`/`###` headings (`{#id}`), in order. */
export function headingIds(source: string): string[] {
  return [...bodyOf(source).matchAll(/^#{2,3}\s.*\{#([a-z0-9-]+)\}\s*$/gm)].map((m) => m[1] ?? '');
}

/** Attributes of every `<Tag …>` opening tag; values are "string" or {expression} text. */
export function tagsNamed(source: string, tag: string): Partial<Record<string, string>>[] {
  const attr = String.raw`\s+[\w-]+=(?:"[^"]*"|\{[^}]*\})`;
  const re = new RegExp(`<${tag}((?:${attr})*)\\s*/?>`, 'g');
  return [...source.matchAll(re)].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)=(?:"([^"]*)"|\{([^}]*)\})/g)].map((a) => [a[1], a[2] ?? a[3]])),
  );
}
