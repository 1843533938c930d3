/**
 * The claims of the notes checked in the fact-check (§1 of `research/fact-check.md`), with their verdicts.
 * Every claim has a `<NotesClaim id>` box on some page in both languages (tests/unit/content/claims.test.ts).
 * The 57 counted claims are `CLAIMS`; C8 (an omission) and G11 (an unanswered heading) are extra rows with no
 * verdict of their own, boxed where a page covers them.
 */
export type Verdict = 'correct' | 'imprecise' | 'wrong' | 'unsupported';

const wrong = ['A8', 'A15', 'A16'];
// B2 was 'imprecise'; issue 16 #3: the same T5 Table 2 that makes B1 and B4 unsupported contradicts
// "decoder-only does better on generation" (the encoder–decoder leads on CNN/DM and WMT too).
const unsupported = ['A13', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6'];
const imprecise = ['A4', 'A6', 'A7', 'A10', 'A14', 'C2', 'C4', 'E6', 'E9', 'E10', 'E13', 'E14', 'F1', 'G2', 'G5', 'G6', 'G7', 'G9'];

const range = (letter: string, last: number) => Array.from({ length: last }, (_, i) => `${letter}${i + 1}`);
const ids = [...range('A', 16), ...range('B', 6), ...range('C', 7), 'D1', ...range('E', 16), 'F1', ...range('G', 10)];

function verdictOf(id: string): Verdict {
  if (wrong.includes(id)) return 'wrong';
  if (unsupported.includes(id)) return 'unsupported';
  if (imprecise.includes(id)) return 'imprecise';
  return 'correct';
}

/** The 57 counted claims, in fact-check order, with the verdict the fact-check gives each. */
export const CLAIMS: readonly { id: string; verdict: Verdict }[] = ids.map((id) => ({ id, verdict: verdictOf(id) }));

/** Extra rows: boxed where a page covers them, with whatever verdict the page argues. */
export const EXTRA_CLAIM_IDS: readonly string[] = ['C8', 'G11'];
