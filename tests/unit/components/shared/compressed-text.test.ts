import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  compressText,
  cutText,
  decompressText,
  fromBase64Url,
  joinFragment,
  splitFragment,
  toBase64Url,
} from '~/components/calculators/shared/compressed-text';

describe('base64url', () => {
  test('RFC 4648 §10 test vectors, in the URL alphabet without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64Url(encoded)!)).toBe(plain);
    }
    // 0xFB 0xFF is "+/8" in standard base64: "-_8" here.
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  test('rejects what is not base64url', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('<img>')).toBeNull();
  });

  test('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('compressed text', () => {
  test('round-trips any text up to the limit, unchanged and not cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
        const decoded = await decompressText(await compressText(text), 200);
        expect(decoded).toEqual({ ok: true, text, cut: false });
      }),
      { numRuns: 50 },
    );
  });

  test('30,000 Chinese characters round-trip, and the link is URL-safe', async () => {
    // Code points drawn from the CJK Unified Ideographs block (U+4E00–U+9FFF) with a fixed seed: text that compresses
    // far worse than real prose, so the size measured is an upper bound.
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff;
    const text = Array.from({ length: 30_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 0x5200))).join('');
    const encoded = await compressText(text);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decompressText(encoded, 30_000)).toEqual({ ok: true, text, cut: false });
  });

  test('text over the limit is cut at the limit and says so; a pair of surrogates is never split', async () => {
    const decoded = await decompressText(await compressText('a'.repeat(1000)), 100);
    expect(decoded).toEqual({ ok: true, text: 'a'.repeat(100), cut: true });
    const emoji = await decompressText(await compressText('😀'.repeat(50)), 5);
    expect(emoji).toEqual({ ok: true, text: '😀😀', cut: true });
    expect(cutText('ab😀', 3)).toBe('ab');
  });

  test('a small link cannot expand into a huge text: decompression stops at the cap', async () => {
    // 10 MB of zeros deflate to about 10 KB; reading stops after 3·limit + 3 bytes.
    const encoded = await compressText('\u0000'.repeat(10_000_000));
    expect(encoded.length).toBeLessThan(20_000);
    const decoded = await decompressText(encoded, 1000);
    expect(decoded.ok && decoded.text.length).toBe(1000);
    expect(decoded.ok && decoded.cut).toBe(true);
  });

  test('a damaged link is an error, not an exception', async () => {
    expect(await decompressText('not base64!', 100)).toEqual({ ok: false, reason: 'not-base64' });
    expect(await decompressText(toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff])), 100)).toEqual({ ok: false, reason: 'not-deflate' });
  });
});

describe('fragment', () => {
  test('keeps the section id beside the value', () => {
    expect(splitFragment('#playground&tok.z=abc', 'tok.z')).toEqual({ anchor: 'playground', value: 'abc' });
    expect(splitFragment('#tok.z=abc', 'tok.z')).toEqual({ anchor: '', value: 'abc' });
    expect(splitFragment('#playground', 'tok.z')).toEqual({ anchor: 'playground', value: undefined });
    expect(splitFragment('', 'tok.z')).toEqual({ anchor: '', value: undefined });
    expect(joinFragment('playground', 'tok.z', 'abc')).toBe('#playground&tok.z=abc');
    expect(joinFragment('', 'tok.z', 'abc')).toBe('#tok.z=abc');
    expect(joinFragment('playground', 'tok.z', undefined)).toBe('#playground');
    expect(joinFragment('', 'tok.z', undefined)).toBe('');
  });

  test('join and split are inverse', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]*$/), fc.option(fc.stringMatching(/^[A-Za-z0-9_-]*$/), { nil: undefined }), (anchor, value) => {
        const split = splitFragment(joinFragment(anchor, 'tok.z', value), 'tok.z');
        expect(split).toEqual({ anchor, value });
      }),
    );
  });
});
