/**
 * Issue 13, API hardening: every option of the public API is checked at the boundary with a typed error naming the
 * field; work and memory are bounded; no input gives NaN or a hang. Inputs are the ones the issue measured.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  attentionMask,
  buildMask,
  bytesPerElement,
  countActiveParams,
  countParams,
  decodingSteps,
  DtypeError,
  encoderDecoderJointMask,
  fineTuneMemory,
  FineTuneOptionError,
  kvCacheBytes,
  KvCacheOptionError,
  largestFit,
  MaskOptionError,
  maxConcurrentSequences,
  maxContextLength,
  MAX_MASK_LENGTH,
  MAX_SOLVED_SEQ_LEN,
  ModelSpecError,
  parseAnyVector,
  parseDict,
  parseSparse,
  slidingWindowReach,
  SparseFormatError,
  sparkIdfFit,
  toDense,
  withAttention,
  type FineTuneOptions,
  type ModelSpec,
} from '~/lib';
import { modelPreset } from '../helpers/presets';

const llama = (): ModelSpec => modelPreset('llama-2-7b').spec;
const baseFineTune: FineTuneOptions = { method: 'lora', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 512, gradientCheckpointing: false };

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

test('an unknown dtype, including prototype names, is a DtypeError naming the field, never NaN', () => {
  for (const dtype of ['__proto__', 'toString', 'constructor', 'fp12', '', 'FP16']) {
    const error = thrown(() => bytesPerElement(dtype as never));
    expect(error).toBeInstanceOf(DtypeError);
    expect((error as DtypeError).field).toBe('dtype');
    expect(thrown(() => kvCacheBytes(llama(), { seqLen: 8, batch: 1, dtype: dtype as never }))).toBeInstanceOf(DtypeError);
  }
});

test('fine-tune options outside their lists are refused by name: optimizer lion, precision fp8, offload nvme, method', () => {
  const cases: [Partial<Record<keyof FineTuneOptions, unknown>>, string][] = [
    [{ optimizer: 'lion' }, 'optimizer'],
    [{ precision: 'fp8' }, 'precision'],
    [{ offload: 'nvme', zeroStage: 3 }, 'offload'],
    [{ method: 'prompt-tuning' }, 'method'],
    [{ method: 'toString' }, 'method'],
    [{ adapterPrecision: 'fp16' }, 'adapterPrecision'],
    [{ gradientCheckpointing: 'yes' }, 'gradientCheckpointing'],
    [{ flashAttention: 1 }, 'flashAttention'],
    [{ seqLen: 1e9 }, 'seqLen'],
    [{ batchSize: 2 ** 30 }, 'batchSize'],
    [{ lora: { rank: 1e9, targets: ['q'] } }, 'lora.rank'],
    [{ method: 'p-tuning-v2', prefixLength: 1e9 }, 'prefixLength'],
    [{ gpus: 1e12 }, 'gpus'],
  ];
  for (const [patch, field] of cases) {
    const error = thrown(() => fineTuneMemory(llama(), { ...baseFineTune, ...patch } as FineTuneOptions));
    expect(error, field).toBeInstanceOf(FineTuneOptionError);
    expect((error as FineTuneOptionError).field).toBe(field);
  }
  expect((thrown(() => largestFit(llama(), baseFineTune, Number.NaN)) as FineTuneOptionError).field).toBe('capacityBytes');
});

test('withAttention("banana") is an error naming the kind, not GQA', () => {
  const error = thrown(() => withAttention(llama(), 'banana' as never));
  expect(error).toBeInstanceOf(KvCacheOptionError);
  expect((error as KvCacheOptionError).field).toBe('kind');
  expect((thrown(() => withAttention(llama(), 'mha', 4)) as KvCacheOptionError).field).toBe('kvHeads');
});

test('a hand-made spec with 10⁷ layers or a NaN width is refused before any loop runs', () => {
  const huge = { ...llama(), numLayers: 1e7 };
  for (const run of [() => countParams(huge), () => kvCacheBytes(huge, { seqLen: 1, batch: 1, dtype: 'fp16' }), () => withAttention(huge, 'mqa')]) {
    const error = thrown(run);
    expect(error).toBeInstanceOf(ModelSpecError);
    expect((error as ModelSpecError).field).toBe('numLayers');
  }
  expect((thrown(() => countParams({ ...llama(), hiddenSize: Number.NaN })) as ModelSpecError).field).toBe('hiddenSize');
  expect((thrown(() => countParams({ ...llama(), slidingWindow: { window: 8, layers: [true] } })) as ModelSpecError).field).toBe('slidingWindow.layers');
  expect((thrown(() => fineTuneMemory(huge, baseFineTune)) as FineTuneOptionError).field).toBe('spec.numLayers');
});

test('KV options are bounded: sequence length, batch and block size', () => {
  expect((thrown(() => kvCacheBytes(llama(), { seqLen: MAX_SOLVED_SEQ_LEN + 1, batch: 1, dtype: 'fp16' })) as KvCacheOptionError).field).toBe('seqLen');
  expect((thrown(() => kvCacheBytes(llama(), { seqLen: 1, batch: 1e12, dtype: 'fp16' })) as KvCacheOptionError).field).toBe('batch');
  expect((thrown(() => kvCacheBytes(llama(), { seqLen: 1, batch: 1, dtype: 'fp16', blockSize: 1e12 })) as KvCacheOptionError).field).toBe('blockSize');
  expect((thrown(() => maxContextLength(llama(), { freeBytes: Number.NaN, batch: 1, dtype: 'fp16' })) as KvCacheOptionError).field).toBe('freeBytes');
});

test('maxContextLength: "unbounded" only when every KV layer is windowed; a context past the trained window is flagged', () => {
  // Llama-2-7B has no window: with a huge budget the answer is a length (the solver's ceiling), never "unbounded".
  const noWindow = maxContextLength(llama(), { freeBytes: 2 ** 60, batch: 1, dtype: 'fp16' });
  expect(noWindow).toEqual({ kind: 'limited', seqLen: MAX_SOLVED_SEQ_LEN, exceedsTrainedWindow: true, trainedWindow: 4096 });
  // Gemma 2 alternates local and global layers, so its cache keeps growing too.
  expect(maxContextLength(modelPreset('gemma-2-9b').spec, { freeBytes: 2 ** 60, batch: 1, dtype: 'bf16' }).kind).toBe('limited');
  const within = maxContextLength(llama(), { freeBytes: 2 ** 30, batch: 1, dtype: 'fp16' });
  expect(within).toMatchObject({ kind: 'limited', seqLen: 2048, exceedsTrainedWindow: false });
});

test('decodingSteps(1, 1e7) is an error, not ten million objects; the encoder–decoder mask is held to MAX_MASK_LENGTH', () => {
  expect((thrown(() => decodingSteps(1, 1e7)) as MaskOptionError).field).toBe('length');
  expect(decodingSteps(2, 3)).toHaveLength(4);
  expect((thrown(() => encoderDecoderJointMask(MAX_MASK_LENGTH, MAX_MASK_LENGTH)) as MaskOptionError).field).toBe('length');
  expect(encoderDecoderJointMask(MAX_MASK_LENGTH - 1, 1).length).toBe(MAX_MASK_LENGTH);
  expect((thrown(() => buildMask({ kind: 'encoder-decoder', encoderLength: 4096, decoderLength: 4096 })) as MaskOptionError).field).toBe('length');
  expect((thrown(() => slidingWindowReach(Number.NaN, 4)) as MaskOptionError).field).toBe('size');
  expect((thrown(() => attentionMask({ kind: 'toString' as never, length: 4 })) as MaskOptionError).field).toBe('kind');
});

test('sparkIdfFit refuses a feature space it would have to allocate past its cap, and toDense an index past the size', () => {
  const error = thrown(() => sparkIdfFit([{ size: 2 ** 31 - 1, indices: [0], values: [1] }]));
  expect(error).toBeInstanceOf(SparseFormatError);
  expect((error as SparseFormatError).reason).toBe('too-large');
  expect(
    sparkIdfFit([
      { size: 4, indices: [0, 2], values: [1, 1] },
      { size: 4, indices: [2], values: [3] },
    ]),
  ).toHaveLength(4);
  expect(
    (
      thrown(() =>
        sparkIdfFit([
          { size: 4, indices: [0], values: [1] },
          { size: 5, indices: [0], values: [1] },
        ]),
      ) as SparseFormatError
    ).problem,
  ).toBe('size');
  const bad = thrown(() => toDense({ size: 4, indices: [5e8], values: [1] }));
  expect(bad).toBeInstanceOf(SparseFormatError);
  expect((bad as SparseFormatError).problem).toBe('index-out-of-range');
  expect((bad as SparseFormatError).field).toBe('indices');
});

test('adversarial pastes of every vector format fail with a SparseFormatError at once (parsing is linear)', () => {
  const n = 100_000;
  const inputs = [
    `(${' '.repeat(n)}`,
    `(${' '.repeat(n)})`,
    `(1,${' '.repeat(n)}[0]${' '.repeat(n)},`,
    `(4, [${' '.repeat(n)}`,
    `SparseVector(${' '.repeat(n)}`,
    `SparseVector(4,${' '.repeat(n)}{${' '.repeat(n)}`,
    `{1${' '.repeat(n)}x: 1}`,
    `{"1"${' '.repeat(n)}: 1${' '.repeat(n)}x}`,
    `{0: ${'1'.repeat(n)}x}`,
    `${'1'.repeat(n)}x`,
    `1:${'2'.repeat(n)}e`,
    `[${' ,'.repeat(n)}]`,
  ];
  const started = performance.now();
  for (const text of inputs) {
    const error = thrown(() => parseAnyVector(text));
    expect(error, text.slice(0, 20)).toBeInstanceOf(SparseFormatError);
  }
  expect(thrown(() => parseSparse(`(${' '.repeat(n)}`))).toBeInstanceOf(SparseFormatError);
  expect(thrown(() => parseDict(`SparseVector(${' '.repeat(n)}`))).toBeInstanceOf(SparseFormatError);
  // A cubic regex took 13 s at 4,000 spaces; a linear scan of all these 100,000-character inputs takes milliseconds.
  expect(performance.now() - started).toBeLessThan(2000);
});

test('the rewritten scanners read the same vectors as before', () => {
  expect(parseSparse(' ( 4 , [0, 2,3] ,[1.0,1.0, 3.0] ) ')).toEqual({ size: 4, indices: [0, 2, 3], values: [1, 1, 3] });
  expect(parseDict('SparseVector(4, {0: 1.0, 3: 3.0})')).toEqual({ size: 4, indices: [0, 3], values: [1, 3] });
  expect(parseDict(`{"3": 2.5, '0' : 1, 1:4}`)).toEqual({ size: 4, indices: [0, 1, 3], values: [1, 4, 2.5] });
  expect(thrown(() => parseSparse('(4,[0],[1]) x'))).toBeInstanceOf(SparseFormatError);
});

const arbitraryValue = fc.oneof(
  fc.integer({ min: -10, max: 10_000 }),
  fc.constantFrom(0, 0.5, -1, 1e7, 1e12, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, -0),
  fc.constantFrom('fp16', 'bf16', 'int4', '__proto__', 'toString', 'lion', 'fp8', 'nvme', 'banana', 'mha', 'gqa', 'lora', 'full'),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

function typedOrFinite(run: () => unknown, errorTypes: (new (...args: never[]) => Error)[]): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(
      errorTypes.some((type) => error instanceof type),
      String(error),
    ).toBe(true);
    return;
  }
  const numbers: number[] = [];
  JSON.stringify(result, (_key, value) => {
    if (typeof value === 'number') numbers.push(value);
    return value;
  });
  for (const n of numbers) expect(Number.isFinite(n), `got ${n}`).toBe(true);
}

test('the public API with arbitrary option values gives a typed error or finite numbers, never NaN or a hang (fast-check)', () => {
  const kvErrors = [KvCacheOptionError, DtypeError, ModelSpecError];
  fc.assert(
    fc.property(arbitraryValue, arbitraryValue, arbitraryValue, arbitraryValue, (a, b, c, d) => {
      const spec = llama();
      typedOrFinite(() => kvCacheBytes(spec, { seqLen: a, batch: b, dtype: c, blockSize: d } as never), kvErrors);
      typedOrFinite(() => maxContextLength(spec, { freeBytes: a, batch: b, dtype: c } as never), kvErrors);
      typedOrFinite(() => maxConcurrentSequences(spec, { freeBytes: a, seqLen: b, dtype: c } as never), kvErrors);
      typedOrFinite(() => withAttention(spec, a as never, b as never), kvErrors);
      typedOrFinite(() => countActiveParams({ ...spec, numLayers: a, hiddenSize: b } as never), [ModelSpecError]);
      typedOrFinite(
        () => fineTuneMemory(spec, { method: a, precision: b, optimizer: c, batchSize: d, seqLen: 64, gradientCheckpointing: false } as never),
        [FineTuneOptionError],
      );
      typedOrFinite(
        () => fineTuneMemory(spec, { ...baseFineTune, offload: a, zeroStage: b, gpus: c, lora: { rank: d, targets: ['q'] } } as never),
        [FineTuneOptionError],
      );
      typedOrFinite(() => attentionMask({ kind: a, length: b, prefixLength: c, window: d } as never).length, [MaskOptionError]);
      typedOrFinite(() => decodingSteps(a as never, b as never).length, [MaskOptionError]);
      typedOrFinite(() => slidingWindowReach(a as never, b as never), [MaskOptionError]);
    }),
    { numRuns: 300 },
  );
});
