import { test, expect } from 'vitest';
import fc from 'fast-check';
import {
  attentionMask,
  visiblePairs,
  visibleRanges,
  lossTargets,
  decodingSteps,
  encoderDecoderMasks,
  glmMask,
  slidingWindowReach,
  maskAllows,
  packedDocumentsMask,
  chunkedMask,
  withLeftPadding,
  maskCoverage,
  receptiveFieldStart,
  MaskOptionError,
} from '~/lib/masks/attention-mask';
import { maskToPython } from '~/lib/masks/mask-python';

const rows = (m: { length: number; allowed: Uint8Array }) =>
  Array.from({ length: m.length }, (_, q) => [...m.allowed.subarray(q * m.length, (q + 1) * m.length)].join(''));

test('causal: each token sees itself and everything before it', () => {
  expect(rows(attentionMask({ kind: 'causal', length: 3 }))).toEqual(['100', '110', '111']);
});

test('prefix LM: the prefix sees itself in both directions, the rest is causal', () => {
  expect(rows(attentionMask({ kind: 'prefix', length: 4, prefixLength: 2 }))).toEqual(['1100', '1100', '1110', '1111']);
});

test('sliding window of W keys follows Mistral: query q sees q−W+1 … q', () => {
  expect(rows(attentionMask({ kind: 'sliding-window', length: 5, window: 3 }))).toEqual(['10000', '11000', '11100', '01110', '00111']);
});

test('counts: causal n(n+1)/2, prefix p² + the causal rest, bidirectional n²', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 80 }), fc.nat(), (n, raw) => {
      const p = raw % (n + 1);
      expect(visiblePairs(attentionMask({ kind: 'causal', length: n }))).toBe((n * (n + 1)) / 2);
      expect(visiblePairs(attentionMask({ kind: 'bidirectional', length: n }))).toBe(n * n);
      // Rows 0…p−1 see p keys; row q ≥ p sees q+1 keys.
      const causalRest = ((n - p) * (n + p + 1)) / 2;
      expect(visiblePairs(attentionMask({ kind: 'prefix', length: n, prefixLength: p }))).toBe(p * p + causalRest);
    }),
  );
});

test('sliding-window rows hold min(q+1, W) keys', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 70 }), (n, w) => {
      const m = attentionMask({ kind: 'sliding-window', length: n, window: w });
      for (let q = 0; q < n; q++) expect(m.allowed.subarray(q * n, (q + 1) * n).reduce((a, b) => a + b, 0)).toBe(Math.min(q + 1, w));
    }),
  );
});

test('the mask agrees cell by cell with the definition in maskAllows', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('causal', 'prefix', 'bidirectional', 'sliding-window' as const),
      fc.integer({ min: 1, max: 40 }),
      fc.nat(),
      fc.integer({ min: 1, max: 45 }),
      (kind, n, rawP, w) => {
        const p = rawP % (n + 1);
        const m = attentionMask({ kind, length: n, prefixLength: p, window: w });
        for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) expect(m.allowed[q * n + k]).toBe(maskAllows(kind, q, k, p, w) ? 1 : 0);
      },
    ),
  );
});

test('a prefix of 0 is the causal mask and a prefix of n the bidirectional one', () => {
  expect(attentionMask({ kind: 'prefix', length: 6, prefixLength: 0 })).toEqual(attentionMask({ kind: 'causal', length: 6 }));
  expect(attentionMask({ kind: 'prefix', length: 6, prefixLength: 6 })).toEqual(attentionMask({ kind: 'bidirectional', length: 6 }));
});

test('visible ranges say what a row sees', () => {
  expect(visibleRanges(attentionMask({ kind: 'causal', length: 6 }), 5)).toEqual([[0, 5]]);
  expect(visibleRanges(attentionMask({ kind: 'sliding-window', length: 8, window: 3 }), 6)).toEqual([[4, 6]]);
});

test('loss: a causal LM learns at every position after the first, a prefix LM only after the prefix', () => {
  expect([...lossTargets('causal', 5)]).toEqual([0, 1, 1, 1, 1]);
  expect([...lossTargets('prefix', 5, 3)]).toEqual([0, 0, 0, 1, 1]);
});

test('generating T tokens takes one prefill and T decode passes, for either kind', () => {
  const steps = decodingSteps(4, 3);
  expect(steps).toEqual([
    { phase: 'prefill', rows: [0, 3] },
    { phase: 'decode', rows: [4, 4] },
    { phase: 'decode', rows: [5, 5] },
    { phase: 'decode', rows: [6, 6] },
  ]);
});

test('encoder–decoder: full encoder, causal decoder, full cross attention of shape decoder × encoder', () => {
  const m = encoderDecoderMasks(3, 2);
  expect(visiblePairs(m.encoderSelf)).toBe(9);
  expect(rows(m.decoderSelf)).toEqual(['10', '11']);
  expect([m.cross.rows, m.cross.columns, m.cross.allowed.length]).toEqual([2, 3, 6]);
  expect(m.cross.allowed.every((v) => v === 1)).toBe(true);
});

test('GLM: Part A sees itself fully, Part B is causal over A and B', () => {
  expect(rows(glmMask(4, 2))).toEqual(['1100', '1100', '1110', '1111']);
});

test('Mistral 7B: 32 layers with a 4096 window reach about 131K tokens', () => {
  expect(slidingWindowReach(32, 4096)).toBe(131_041);
});

test('the PyTorch export matches the mask it describes', () => {
  expect(maskToPython({ kind: 'prefix', length: 8, prefixLength: 3 }).tensor).toContain('(k < 3) | (k <= q)');
  expect(maskToPython({ kind: 'sliding-window', length: 8, window: 4 }).maskMod).toContain('q_idx - kv_idx < 4');
});

test('invalid options fail with a MaskOptionError naming the field', () => {
  expect(() => attentionMask({ kind: 'causal', length: 0 })).toThrow(MaskOptionError);
  expect(() => attentionMask({ kind: 'causal', length: 5000 })).toThrow(/from 1 to 4096/);
  expect(() => attentionMask({ kind: 'prefix', length: 4, prefixLength: 5 })).toThrow(/prefix length/);
  expect(() => attentionMask({ kind: 'sliding-window', length: 4, window: 0 })).toThrow(/window/);
  expect(() => attentionMask({ kind: 'diagonal' as never, length: 4 })).toThrow(/unknown mask kind/);
});

test('packed documents are block-diagonal causal: nothing crosses a document boundary', () => {
  expect(rows(packedDocumentsMask([2, 3]))).toEqual(['10000', '11000', '00100', '00110', '00111']);
  expect(() => packedDocumentsMask([2, 0])).toThrow(MaskOptionError);
});

test('chunked attention is causal inside each chunk', () => {
  expect(rows(chunkedMask(5, 2))).toEqual(['10000', '11000', '00100', '00110', '00001']);
  expect(visiblePairs(chunkedMask(8, 8))).toBe(36);
});

test('left padding hides pad keys from every row and leaves pad rows empty', () => {
  expect(rows(withLeftPadding(attentionMask({ kind: 'causal', length: 4 }), 2))).toEqual(['0000', '0000', '0010', '0011']);
  expect(() => withLeftPadding(attentionMask({ kind: 'causal', length: 4 }), 5)).toThrow(/padding/);
});

/** Share of allowed cells per block, the slow obvious way. */
function naiveCoverage(mask: { length: number; allowed: Uint8Array }, maxSide: number) {
  const n = mask.length;
  const block = Math.ceil(n / maxSide);
  const side = Math.ceil(n / block);
  const share: number[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      let on = 0;
      let cells = 0;
      for (let q = r * block; q < Math.min(n, (r + 1) * block); q++) {
        for (let k = c * block; k < Math.min(n, (c + 1) * block); k++) {
          on += mask.allowed[q * n + k]!;
          cells++;
        }
      }
      share.push(on / cells);
    }
  }
  return { side, block, share };
}

test('coverage: each block holds the share of its cells that are allowed', () => {
  // 6 tokens in 3×3 blocks of 2: the causal diagonal blocks are 3/4 full, the ones below full, above empty.
  const coverage = maskCoverage(attentionMask({ kind: 'causal', length: 6 }), 3);
  expect(coverage.side).toBe(3);
  expect([...coverage.share]).toEqual([0.75, 0, 0, 1, 0.75, 0, 1, 1, 0.75]);
  // Up to maxSide the grid is the mask itself.
  const small = attentionMask({ kind: 'sliding-window', length: 5, window: 2 });
  expect([...maskCoverage(small, 8).share]).toEqual([...small.allowed]);
  expect(() => maskCoverage(small, 0)).toThrow(MaskOptionError);
});

test('coverage agrees with a cell-by-cell count for any mask and grid size', () => {
  const kinds = ['causal', 'prefix', 'bidirectional', 'sliding-window'] as const;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 70 }),
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom(...kinds),
      fc.nat(),
      fc.nat(),
      fc.nat(),
      (n, maxSide, kind, p, w, pad) => {
        let mask = attentionMask({ kind, length: n, prefixLength: p % (n + 1), window: (w % n) + 1 });
        mask = withLeftPadding(mask, pad % (n + 1));
        const fast = maskCoverage(mask, maxSide);
        const slow = naiveCoverage(mask, maxSide);
        expect(fast.side).toBe(slow.side);
        fast.share.forEach((s, i) => expect(s).toBeCloseTo(slow.share[i]!, 6));
      },
    ),
  );
});

test('pair counts and row ranges agree with a cell-by-cell reading', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), fc.nat(), (docs, pad) => {
      const n = docs.reduce((a, b) => a + b, 0);
      const mask = withLeftPadding(packedDocumentsMask(docs), pad % (n + 1));
      expect(visiblePairs(mask)).toBe(mask.allowed.reduce((a, b) => a + b, 0));
      for (let q = 0; q < n; q++) {
        const seen = visibleRanges(mask, q).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
        const expected = [...mask.allowed.subarray(q * n, (q + 1) * n)].flatMap((v, k) => (v ? [k] : []));
        expect(seen).toEqual(expected);
      }
    }),
  );
});

test('counts are the same when the cells sit at an unaligned offset in a larger buffer', () => {
  const causal = attentionMask({ kind: 'causal', length: 9 });
  for (const offset of [1, 2, 4, 7]) {
    const buffer = new Uint8Array(offset + 81);
    buffer.set(causal.allowed, offset);
    const view = { length: 9, allowed: buffer.subarray(offset) };
    expect(visiblePairs(view)).toBe(45);
    expect(visibleRanges(view, 4)).toEqual([[0, 4]]);
    expect([...maskCoverage(view, 3).share]).toEqual([...maskCoverage(causal, 3).share]);
  }
});

test('stacked windows: the receptive field after L layers is what L products of the mask reach', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (n, w, layers) => {
      const mask = attentionMask({ kind: 'sliding-window', length: n, window: w }).allowed;
      // reach[k] = 1 when token k can influence the last position after the layers so far.
      let reach = Uint8Array.from({ length: n }, (_, k) => (k === n - 1 ? 1 : 0));
      for (let l = 0; l < layers; l++) {
        const next = new Uint8Array(n);
        for (let q = 0; q < n; q++) if (reach[q]) for (let k = 0; k < n; k++) if (mask[q * n + k]) next[k] = 1;
        reach = next;
      }
      expect(reach.indexOf(1)).toBe(receptiveFieldStart(n - 1, layers, w));
      // Every position from the start to the last one is reached: no gaps.
      expect(reach.subarray(reach.indexOf(1)).every((x) => x === 1)).toBe(true);
    }),
  );
});
