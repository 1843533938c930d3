/**
 * The claims of the notes checked in the fact-check (§1 of `research/fact-check.md`), with their verdicts.
 * Every claim has a `<NotesClaim id>` box on some page in both languages (tests/unit/content/claims.test.ts).
 * The 57 counted claims are `CLAIMS`; C8 (an omission: the notes never say how GQA is obtained) and G11 (a
 * heading whose question the notes never answer) are extra rows. They are not claims, so they get the neutral
 * verdict "unanswered" and stay out of the tally.
 */
export const VERDICTS = ['correct', 'imprecise', 'unsupported', 'wrong', 'unanswered'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** The four verdicts a claim can receive; "unanswered" marks a question or an omission, not a claim. */
export type ClaimVerdict = Exclude<Verdict, 'unanswered'>;

/** Badge text per language, shared by the boxes and the index so the two cannot disagree. */
export const VERDICT_LABELS: Record<'zh-CN' | 'en', Record<Verdict, string>> = {
  'zh-CN': { correct: '正确', imprecise: '不够准确', unsupported: '缺乏依据', wrong: '错误', unanswered: '未作答' },
  en: { correct: 'Correct', imprecise: 'Imprecise', unsupported: 'Unsupported', wrong: 'Wrong', unanswered: 'Unanswered' },
};

/** The index's one-character marks (shown with the label for screen readers). */
export const VERDICT_MARKS: Record<Verdict, string> = { correct: '✓', imprecise: '≈', unsupported: '?', wrong: '✗', unanswered: '–' };

const wrong = ['A8', 'A15', 'A16'];
// B2 was 'imprecise'; issue 16 #3: the same T5 Table 2 that makes B1 and B4 unsupported contradicts
// "decoder-only does better on generation" (the encoder–decoder leads on CNN/DM and WMT too).
const unsupported = ['A13', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6'];
const imprecise = ['A4', 'A6', 'A7', 'A10', 'A14', 'C2', 'C4', 'E6', 'E9', 'E10', 'E13', 'E14', 'F1', 'G2', 'G5', 'G6', 'G7', 'G9'];

const range = (letter: string, last: number) => Array.from({ length: last }, (_, i) => `${letter}${i + 1}`);
const ids = [...range('A', 16), ...range('B', 6), ...range('C', 7), 'D1', ...range('E', 16), 'F1', ...range('G', 10)];

function verdictOf(id: string): ClaimVerdict {
  if (wrong.includes(id)) return 'wrong';
  if (unsupported.includes(id)) return 'unsupported';
  if (imprecise.includes(id)) return 'imprecise';
  return 'correct';
}

/** The 57 counted claims, in fact-check order, with the verdict the fact-check gives each. */
export const CLAIMS: readonly { id: string; verdict: ClaimVerdict }[] = ids.map((id) => ({ id, verdict: verdictOf(id) }));

/** Extra rows: a question (G11) and an omission (C8), boxed where a page answers them, always "unanswered". */
export const EXTRA_CLAIM_IDS: readonly string[] = ['C8', 'G11'];

/** The verdict a box with this id must carry, or undefined for an id that is no row of the fact-check. */
export function expectedVerdict(id: string): Verdict | undefined {
  if (EXTRA_CLAIM_IDS.includes(id)) return 'unanswered';
  return CLAIMS.find((c) => c.id === id)?.verdict;
}

/**
 * How many distinct rows carry each verdict among the boxes given (a row boxed twice counts once).
 *
 * @example tallyVerdicts([{ id: 'A8', verdict: 'wrong' }, { id: 'G11', verdict: 'unanswered' }]).wrong // => 1
 */
export function tallyVerdicts(boxes: readonly { id: string; verdict: Verdict }[]): Record<Verdict, number> {
  const byId = new Map(boxes.map((b) => [b.id, b.verdict]));
  const tally = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const verdict of byId.values()) tally[verdict]++;
  return tally;
}

/** Claims (rows that are not "unanswered") among a tally. */
export function countedClaims(tally: Record<Verdict, number>): number {
  return VERDICTS.filter((v) => v !== 'unanswered').reduce((sum, v) => sum + tally[v], 0);
}

/**
 * The `<NotesClaim id verdict>` boxes of one MDX source, in order. Attributes may come in any order.
 *
 * @example notesClaimBoxes('<NotesClaim verdict="wrong" id="A8" quote="…">') // => [{ id: 'A8', verdict: 'wrong' }]
 */
export function notesClaimBoxes(source: string): { id: string; verdict: Verdict }[] {
  return [...source.matchAll(/<NotesClaim\s([^>]*)>/g)].flatMap(([, attrs = '']) => {
    const id = /\bid="([A-G]\d{1,2})"/.exec(attrs)?.[1];
    const verdict = /\bverdict="([a-z]+)"/.exec(attrs)?.[1];
    return id && verdict && (VERDICTS as readonly string[]).includes(verdict) ? [{ id, verdict: verdict as Verdict }] : [];
  });
}
