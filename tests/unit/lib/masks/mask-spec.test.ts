import { test, expect } from 'vitest';
import fc from 'fast-check';
import { buildMask, encoderDecoderJointMask, specLength, type MaskSpec } from '~/lib/masks/mask-spec';
import { maskSpecToPython } from '~/lib/masks/mask-python';
import { attentionMask, MaskOptionError } from '~/lib/masks/attention-mask';

const rows = (m: { length: number; allowed: Uint8Array }) =>
  Array.from({ length: m.length }, (_, q) => [...m.allowed.subarray(q * m.length, (q + 1) * m.length)].join(''));

test('encoder–decoder as one square: encoder rows see the encoder, decoder rows see all of it and the decoder causally', () => {
  expect(rows(encoderDecoderJointMask(2, 3))).toEqual(['11000', '11000', '11100', '11110', '11111']);
});

test('the encoder–decoder pattern equals a prefix LM with p = encoder length', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (e, d) => {
      const joint = encoderDecoderJointMask(e, d);
      expect(joint.allowed).toEqual(attentionMask({ kind: 'prefix', length: e + d, prefixLength: e }).allowed);
    }),
  );
});

test('buildMask covers every kind, with left padding, and names the bad field', () => {
  expect(rows(buildMask({ kind: 'glm', length: 4, partALength: 2 }))).toEqual(['1100', '1100', '1110', '1111']);
  expect(rows(buildMask({ kind: 'chunked', length: 4, chunkSize: 2, leftPadding: 1 }))).toEqual(['0000', '0100', '0010', '0011']);
  expect(specLength({ kind: 'packed', documentLengths: [2, 3] })).toBe(5);
  expect(() => buildMask({ kind: 'encoder-decoder', encoderLength: 2, decoderLength: 2, leftPadding: 3 })).toThrow(/encoder input/);
  expect(() => buildMask({ kind: 'encoder-decoder', encoderLength: 0, decoderLength: 4 })).toThrow(/at least 1 token each/);
  try {
    buildMask({ kind: 'chunked', length: 4, chunkSize: 0 });
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(MaskOptionError);
    expect((e as MaskOptionError).field).toBe('window');
  }
});

/**
 * Runs the Python `mask_mod` (and the tensor expression, cell by cell) as JavaScript: `//` is floor division,
 * `&` and `|` are elementwise and/or, `doc[x]` indexes the document ids.
 */
function pythonToJs(expression: string): string {
  return expression
    .replace(/(\w+) \/\/ (\d+)/g, 'Math.floor($1 / $2)')
    .replace(/ & /g, ' && ')
    .replace(/ \| /g, ' || ');
}

function documentIds(spec: MaskSpec): number[] {
  if (spec.kind !== 'packed') return [];
  return spec.documentLengths.flatMap((len, d) => Array<number>(len).fill(d));
}

function evaluateMaskMod(spec: MaskSpec): (q: number, k: number) => boolean {
  const { maskMod } = maskSpecToPython(spec);
  const expression = maskMod.match(/return (.*)$/)![1]!;
  const fn = new Function('q_idx', 'kv_idx', 'doc', `return Boolean(${pythonToJs(expression)})`);
  const doc = documentIds(spec);
  return (q, k) => fn(q, k, doc);
}

function evaluateTensor(spec: MaskSpec): (q: number, k: number) => boolean {
  const { tensor } = maskSpecToPython(spec);
  const terms = tensor
    .split('\n')
    .filter((line) => line.startsWith('mask'))
    .map((line) => line.replace(/^mask &?= /, '').replace('doc[:, None] == doc[None, :]', 'doc[q] == doc[k]'))
    .map((expr) => (expr.startsWith('torch.ones') ? 'true' : pythonToJs(expr)));
  const fn = new Function('q', 'k', 'doc', `return ${terms.map((t) => `Boolean(${t})`).join(' && ')}`);
  const doc = documentIds(spec);
  return (q, k) => fn(q, k, doc);
}

const specs = fc.oneof(
  fc.record({
    kind: fc.constantFrom('causal' as const, 'prefix' as const, 'bidirectional' as const, 'sliding-window' as const),
    length: fc.integer({ min: 1, max: 12 }),
    prefixLength: fc.integer({ min: 0, max: 12 }),
    window: fc.integer({ min: 1, max: 12 }),
    leftPadding: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('glm' as const),
    length: fc.integer({ min: 1, max: 12 }),
    partALength: fc.integer({ min: 0, max: 12 }),
    leftPadding: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('chunked' as const),
    length: fc.integer({ min: 1, max: 12 }),
    chunkSize: fc.integer({ min: 1, max: 12 }),
    leftPadding: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('packed' as const),
    documentLengths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
    leftPadding: fc.integer({ min: 0, max: 12 }),
  }),
);

test('the exported mask_mod and tensor give the drawn mask, cell by cell', () => {
  fc.assert(
    fc.property(specs, (raw) => {
      const n = specLength(raw as MaskSpec);
      // Clamp the generated options into range so every case is a valid mask.
      const spec = { ...raw, leftPadding: raw.leftPadding % (n + 1) } as MaskSpec;
      if ('prefixLength' in spec && spec.prefixLength !== undefined) spec.prefixLength %= n + 1;
      if (spec.kind === 'glm') spec.partALength %= n + 1;
      const mask = buildMask(spec);
      const maskMod = evaluateMaskMod(spec);
      const tensor = evaluateTensor(spec);
      for (let q = 0; q < n; q++) {
        for (let k = 0; k < n; k++) {
          const allowed = mask.allowed[q * n + k] === 1;
          expect(maskMod(q, k), `mask_mod q=${q} k=${k}`).toBe(allowed);
          expect(tensor(q, k), `tensor q=${q} k=${k}`).toBe(allowed);
        }
      }
    }),
  );
});

test('encoder–decoder exports its three matrices, padding on the encoder input', () => {
  const { tensor, maskMod } = maskSpecToPython({ kind: 'encoder-decoder', encoderLength: 5, decoderLength: 3, leftPadding: 2 });
  expect(tensor).toContain('enc_self = torch.ones(5, 5, dtype=torch.bool)');
  expect(tensor).toContain('dec_self = torch.ones(3, 3, dtype=torch.bool).tril()');
  expect(tensor).toContain('cross = torch.ones(3, 5, dtype=torch.bool)');
  expect(tensor).toContain('cross[:, :2] = False');
  expect(maskMod).toContain('return kv_idx >= 2');
});
