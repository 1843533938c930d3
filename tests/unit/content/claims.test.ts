import { describe, expect, test } from 'vitest';
import { CLAIMS, EXTRA_CLAIM_IDS, VERDICTS, countedClaims, expectedVerdict, notesClaimBoxes, tallyVerdicts } from '~/data/notes-claims';
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
      const disagreeing = boxes(lang)
        .filter((b) => expectedVerdict(b.id) !== undefined && expectedVerdict(b.id) !== b.verdict)
        .map((b) => `${b.slug} ${b.id}: ${b.verdict}, fact-check says ${expectedVerdict(b.id)}`);
      expect(disagreeing).toEqual([]);
    });

    test(`every ${lang} box names a row of the fact-check`, () => {
      const known = new Set([...CLAIMS.map((c) => c.id), ...EXTRA_CLAIM_IDS]);
      expect(
        boxes(lang)
          .filter((b) => !known.has(b.id))
          .map((b) => `${b.slug} ${b.id}`),
      ).toEqual([]);
    });

    test(`the question G11 and the omission C8 are boxed in ${lang} as "unanswered", not as claims`, () => {
      const extra = boxes(lang).filter((b) => EXTRA_CLAIM_IDS.includes(b.id));
      expect(extra.map((b) => b.id).sort()).toEqual(['C8', 'G11']);
      expect(extra.filter((b) => b.verdict !== 'unanswered').map((b) => `${b.slug} ${b.id}: ${b.verdict}`)).toEqual([]);
    });

    test(`the index's tally of the ${lang} boxes is the fact-check's: 57 claims plus 2 unanswered`, () => {
      // The index reads the boxes with notesClaimBoxes; the tests' own tag parser must find the same boxes.
      const parsed = allPages()
        .filter((p) => p.lang === lang)
        .flatMap((p) => notesClaimBoxes(p.source));
      expect(parsed.length).toBe(boxes(lang).length);
      const tally = tallyVerdicts(parsed);
      expect(countedClaims(tally)).toBe(57);
      expect(tally).toEqual({ correct: 29, imprecise: 18, unsupported: 7, wrong: 3, unanswered: 2 });
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

describe('reading boxes from MDX', () => {
  test('finds id and verdict in either order and skips unknown verdicts', () => {
    const source = [
      '<NotesClaim id="A8" verdict="wrong" quote="T5、UniLM">x</NotesClaim>',
      '<NotesClaim verdict="unanswered" quote="…" id="G11">y</NotesClaim>',
      '<NotesClaim id="B1" verdict="maybe" quote="…">z</NotesClaim>',
    ].join('\n');
    expect(notesClaimBoxes(source)).toEqual([
      { id: 'A8', verdict: 'wrong' },
      { id: 'G11', verdict: 'unanswered' },
    ]);
  });

  test('a row boxed on two pages counts once', () => {
    const tally = tallyVerdicts([
      { id: 'E12', verdict: 'correct' },
      { id: 'E12', verdict: 'correct' },
      { id: 'C8', verdict: 'unanswered' },
    ]);
    expect(tally).toEqual({ correct: 1, imprecise: 0, unsupported: 0, wrong: 0, unanswered: 1 });
    expect(countedClaims(tally)).toBe(1);
  });

  test('every verdict has a badge label in both languages', async () => {
    const { VERDICT_LABELS } = await import('~/data/notes-claims');
    for (const lang of ['zh-CN', 'en'] as const) expect(VERDICTS.every((v) => VERDICT_LABELS[lang][v].length > 0)).toBe(true);
  });
});
