import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { REFERENCES_DIR, allPages, tagsNamed } from './pages';

const referenceKeys = readdirSync(REFERENCES_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

/** Pages that need not cite anything: they list or link, they do not claim. */
const NO_CITATION_NEEDED = new Set(['index', 'glossary', 'references', '404', 'problems']);

const citedKeys = (source: string) => tagsNamed(source, 'Cite').map((a) => a.id ?? '');

describe('citations', () => {
  test('every <Cite id> names a file in src/content/references', () => {
    const known = new Set(referenceKeys);
    const unknown = allPages().flatMap((p) =>
      citedKeys(p.source)
        .filter((k) => !known.has(k))
        .map((k) => `${p.file}: ${k}`),
    );
    expect(unknown).toEqual([]);
  });

  test('every reference file is cited on some page', () => {
    const cited = new Set(allPages().flatMap((p) => citedKeys(p.source)));
    expect(referenceKeys.filter((k) => !cited.has(k))).toEqual([]);
  });

  test('every page except index, glossary, references and 404 cites at least once, so it has a references list', () => {
    const uncited = allPages()
      .filter((p) => !NO_CITATION_NEEDED.has(p.slug) && citedKeys(p.source).length === 0)
      .map((p) => p.file);
    expect(uncited).toEqual([]);
  });
});
