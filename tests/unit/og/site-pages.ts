/**
 * The docs pages' ids and frontmatter read straight from disk, for card tests (Astro's content layer is not
 * available under Vitest). Ids follow Astro's glob loader: the path without extension, `index` files named
 * by their folder (`en/index.mdx` → `en`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const docsDir = join(process.cwd(), 'src/content/docs');

export interface SitePage {
  id: string;
  title: string;
  description: string;
}

export function sitePages(): SitePage[] {
  const files = readdirSync(docsDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.mdx?$/.test(f));
  return files
    .map((file) => {
      const source = readFileSync(join(docsDir, file), 'utf8');
      const data = parse(/^---\n([\s\S]*?)\n---/.exec(source)![1]!) as { title: string; description?: string };
      const id =
        relative(docsDir, join(docsDir, file))
          .replace(/\.mdx?$/, '')
          .replace(/(^|\/)index$/, '') || 'index';
      return { id, title: data.title, description: data.description ?? '' };
    })
    .filter((page) => !/(^|\/)404$/.test(page.id))
    .sort((a, b) => a.id.localeCompare(b.id));
}
