import { describe, expect, test } from 'vitest';
import { CLAIMS, EXTRA_CLAIM_IDS } from '~/data/notes-claims';
import { allPages, tagsNamed } from './pages';

interface Box {
  id: string;
  verdict: string;
  slug: string;
}

function boxes(lang: 'zh' | 'en'): Box[] {
  return allPages()
    .filter((p) => p.lang === lang)
    .flatMap((p) => tagsNamed(p.source, 'NotesClaim').map((a) => ({ id: a.id ?? '', verdict: a.verdict ?? '', slug: p.slug })));
}

describe('claims of the notes', () => {
  test('the fact-check counts 57 claims', () => {
    expect(CLAIMS).toHaveLength(57);
  });

  for (const lang of ['zh', 'en'] as const) {
    test(`every one of the 57 claims has a NotesClaim box in ${lang}`, () => {
      const boxed = new Set(boxes(lang).map((b) => b.id));
      expect(CLAIMS.map((c) => c.id).filter((id) => !boxed.has(id))).toEqual([]);
    });

    test(`every ${lang} box carries the verdict the fact-check gives its claim`, () => {
      const expected = new Map(CLAIMS.map((c) => [c.id, c.verdict]));
      const disagreeing = boxes(lang)
        .filter((b) => expected.has(b.id) && expected.get(b.id) !== b.verdict)
        .map((b) => `${b.slug} ${b.id}: ${b.verdict}, fact-check says ${expected.get(b.id)}`);
      expect(disagreeing).toEqual([]);
    });

    test(`every ${lang} box names a row of the fact-check`, () => {
      const known = new Set([...CLAIMS.map((c) => c.id), ...EXTRA_CLAIM_IDS]);
      expect(boxes(lang).filter((b) => !known.has(b.id)).map((b) => `${b.slug} ${b.id}`)).toEqual([]);
    });
  }

  test('a claim is boxed on the same page in zh and en', () => {
    const where = (lang: 'zh' | 'en') => {
      const map = new Map<string, Set<string>>();
      for (const b of boxes(lang)) map.set(b.id, (map.get(b.id) ?? new Set()).add(b.slug));
      return map;
    };
    const zh = where('zh');
    const en = where('en');
    const ids = new Set([...zh.keys(), ...en.keys()]);
    const differing = [...ids]
      .filter((id) => [...(zh.get(id) ?? [])].sort().join() !== [...(en.get(id) ?? [])].sort().join())
      .map((id) => `${id}: zh on [${[...(zh.get(id) ?? [])]}], en on [${[...(en.get(id) ?? [])]}]`);
    expect(differing).toEqual([]);
  });
});

test('the verdict tally matches the fact-check: 29 correct, 18 imprecise, 7 unsupported, 3 wrong', () => {
  const tally = (v: string) => CLAIMS.filter((c) => c.verdict === v).length;
  expect({ correct: tally('correct'), imprecise: tally('imprecise'), unsupported: tally('unsupported'), wrong: tally('wrong') }).toEqual({
    correct: 29,
    imprecise: 18,
    unsupported: 7,
    wrong: 3,
  });
});
