import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ReferenceFields } from './format-reference';

/** A glossary file's fields that a preview shows (src/schemas/glossary-term.ts validates the whole file). */
export interface GlossaryFields {
  en: string;
  zh: string;
  definition: { zh: string; en: string };
}

const cache = new Map<string, { signature: string; entries: Map<string, unknown> }>();

/**
 * Every `<id>.yaml` of a content folder, by id. The content collections' schemas validate the same files at
 * build time; remark/rehype plugins run outside Astro's content layer, so they read the files themselves.
 * Parsed once per set of files (names and modification times), not once per page: a build has hundreds of
 * pages, and in dev a new or edited file is picked up on the next page. A build (`astro build` sets NODE_ENV to
 * production) reads each folder once and does not look again: checking the set of files cost a directory listing
 * and one stat per file for every page and every citation or glossary link (about 5 ms a page at 300 pages).
 */
function loadYamlFolder<T>(folder: string): Map<string, T> {
  const dir = join(process.cwd(), folder);
  const built = cache.get(dir);
  if (built && process.env.NODE_ENV === 'production') return built.entries as Map<string, T>;
  const names = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  const signature = names.map((name) => `${name}:${statSync(join(dir, name)).mtimeMs}`).join('|');
  const hit = cache.get(dir);
  if (hit?.signature === signature) return hit.entries as Map<string, T>;
  const entries = new Map<string, unknown>();
  for (const name of names) entries.set(name.replace(/\.yaml$/, ''), parse(readFileSync(join(dir, name), 'utf8')));
  cache.set(dir, { signature, entries });
  return entries as Map<string, T>;
}

/** `src/content/references/<key>.yaml`, by key. */
export const loadReferences = () => loadYamlFolder<ReferenceFields>('src/content/references');

/** `src/content/glossary/<id>.yaml`, by id (the `#term-<id>` anchor). */
export const loadGlossary = () => loadYamlFolder<GlossaryFields>('src/content/glossary');
