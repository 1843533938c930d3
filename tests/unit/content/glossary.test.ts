import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { glossaryTermSchema } from '~/schemas/glossary-term';
import { PAGE_SLUGS, allPages } from './pages';

const DIR = 'src/content/glossary';
const terms = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ id: f.replace(/\.yaml$/, ''), data: parse(readFileSync(join(DIR, f), 'utf8')) }));

describe('glossary', () => {
  test('holds at least 40 zh/en term pairs', () => {
    expect(terms.length).toBeGreaterThanOrEqual(40);
  });

  test('every term file matches the schema and its id is lowercase ASCII words joined by hyphens', () => {
    const bad = terms.flatMap((t) => {
      const problems: string[] = [];
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(t.id)) problems.push(`${t.id}: file name`);
      const parsed = glossaryTermSchema.safeParse(t.data);
      if (!parsed.success) problems.push(`${t.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      return problems;
    });
    expect(bad).toEqual([]);
  });

  test('every definition is a single line in each language', () => {
    const multiline = terms.filter((t) => /\n/.test(t.data.definition.zh.trim()) || /\n/.test(t.data.definition.en.trim())).map((t) => t.id);
    expect(multiline).toEqual([]);
  });

  test('no two terms share an English or a Chinese name', () => {
    const dupes = (key: 'en' | 'zh') => {
      const seen = new Map<string, string>();
      return terms.flatMap((t) => {
        const name = String(t.data[key]).toLowerCase();
        const other = seen.get(name);
        seen.set(name, t.id);
        return other ? [`${key} "${name}": ${other} and ${t.id}`] : [];
      });
    };
    expect([...dupes('en'), ...dupes('zh')]).toEqual([]);
  });

  test('a term points only at one of the 15 pages of the site', () => {
    const pages = new Set<string>(PAGE_SLUGS);
    expect(terms.filter((t) => t.data.see && !pages.has(t.data.see.split('/')[0])).map((t) => `${t.id} → ${t.data.see}`)).toEqual([]);
  });

  test('every link to /glossary/#term-<id> on any page names an existing term', () => {
    const ids = new Set(terms.map((t) => t.id));
    const dangling = allPages().flatMap((p) =>
      [...p.source.matchAll(/\/glossary\/#term-([a-z0-9-]+)/g)].filter((m) => !ids.has(m[1] ?? '')).map((m) => `${p.file}: ${m[1]}`),
    );
    expect(dangling).toEqual([]);
  });
});
