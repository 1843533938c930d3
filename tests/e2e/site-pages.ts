import { readFileSync, readdirSync } from 'node:fs';

/**
 * Every page path in the built sitemap (not a hand-kept list), e.g. '/', '/en/tokens-embeddings/'.
 * Run after `npm run build`.
 */
export function sitemapPaths(): string[] {
  const files = readdirSync('dist').filter((f) => /^sitemap-\d+\.xml$/.test(f));
  if (files.length === 0) throw new Error('No dist/sitemap-*.xml: run `npm run build` first.');
  const paths: string[] = [];
  for (const file of files) {
    const xml = readFileSync(`dist/${file}`, 'utf8');
    for (const [, loc] of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(loc!).pathname);
  }
  return paths.sort();
}

/** The same page in the other language: '/x/' <-> '/en/x/'. */
export function counterpartPath(path: string): string {
  return path.startsWith('/en/') ? path.slice(3) : `/en${path}`;
}
