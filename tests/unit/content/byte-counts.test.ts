import { describe, expect, test } from 'vitest';
import { allPages } from './pages';
import { handTypedByteCounts } from './byte-counts';

describe('no hand-typed byte counts in prose', () => {
  test('the rule finds numbers with byte units and ignores Num, KaTeX, code, quotes and parameter counts', () => {
    const page = [
      '---\ntitle: x\n---',
      'The cache holds 2 GiB at 4096 tokens, and 16 bytes per parameter, 40 字节.',
      'Computed: <Num value={kv / 2 ** 30} unit="GiB" />; formula $8n+8$ bytes, $$40\\,\\text{B}$$, `80GB`.',
      'Quoted: “>780 GB” and 「需要 6.7G 显存」. A 7B model; 0.127 bits; UTF-8 bytes, UTF-8 字节; 1 GiB = $2^{30}$ bytes.',
      '<NotesClaim id="G7" verdict="imprecise" quote="48GB">fine</NotesClaim>',
    ].join('\n');
    expect(handTypedByteCounts(page)).toEqual(['2 GiB', '16 bytes', '40 字节']);
  });

  for (const page of allPages()) {
    test(`${page.file} has no hand-typed byte count in prose`, () => {
      expect(handTypedByteCounts(page.source)).toEqual([]);
    });
  }
});
