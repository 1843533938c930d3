/**
 * Issue 27: the estimator against measured runs. The corpus (tests/fixtures/finetune-measured/corpus.json) holds
 * peaks published with their recipes by LitGPT, torchtune, Unsloth (its own column and its Hugging Face baseline)
 * and LLaMA-Factory users, each with its URL and what the figure is (allocated, reserved or nvidia-smi).
 */
import { describe, expect, test } from 'vitest';
import { fineTuneMemory, largestFit } from '~/lib/training/finetune';
import { CORPUS, measuredBytes, predictedBytes, rowOptions, rowSpec } from './measured-corpus';

const peaks = CORPUS.filter((r) => r.kind !== 'oom');
const error = (row: (typeof CORPUS)[number]) => predictedBytes(row) / measuredBytes(row) - 1;

describe('the corpus', () => {
  test('holds at least 30 measured peaks from at least 5 frameworks, each fully described', () => {
    expect(peaks.length).toBeGreaterThanOrEqual(30);
    expect(new Set(peaks.map((r) => r.framework)).size).toBeGreaterThanOrEqual(5);
    for (const r of CORPUS) {
      expect(r.url, r.id).toMatch(/^https:\/\//);
      expect(r.recipe, r.id).toMatch(/^https:\/\//);
      expect(r.frameworkVersion.length, r.id).toBeGreaterThan(5);
      expect(r.gpu.length, r.id).toBeGreaterThan(2);
      expect(['full', 'freeze', 'lora', 'qlora', 'p-tuning-v2'], r.id).toContain(r.method);
      if (r.method === 'lora' || r.method === 'qlora') expect(r.lora!.rank, r.id).toBeGreaterThan(0);
      expect(r.seqLen * r.batchSize, r.id).toBeGreaterThan(0);
      expect(typeof r.checkpointing, r.id).toBe('boolean');
      expect(['allocated', 'reserved', 'device'], r.id).toContain(r.metric);
    }
  });

  test.each(peaks.map((r) => [r.id, r] as const))('%s: within ±15% of the measured peak, or a stated, sourced reason', (_id, row) => {
    const e = error(row);
    if (Math.abs(e) <= 0.15) return;
    const outside = (row as { outside?: { reason: string; source: string } }).outside;
    expect(outside, `${row.id} is ${(e * 100).toFixed(1)}% off with no stated reason`).toBeDefined();
    expect(outside!.reason.length).toBeGreaterThan(80);
    expect(outside!.source).toMatch(/^https:\/\//);
  });

  test('the median absolute error over the corpus is at most 10%', () => {
    const errors = peaks.map((r) => Math.abs(error(r))).sort((a, b) => a - b);
    const median = (errors[(errors.length - 1) >> 1]! + errors[errors.length >> 1]!) / 2;
    expect(median).toBeLessThanOrEqual(0.1);
  });

  test('runs that ran out of memory are predicted not to fit', () => {
    for (const row of CORPUS.filter((r) => r.kind === 'oom'))
      expect(fineTuneMemory(rowSpec(row), rowOptions(row)).peak.device, row.id).toBeGreaterThan(measuredBytes(row));
  });
});

describe("the solver against Unsloth's Llama 3.1 8B context-length table (both columns)", () => {
  // The 70B table's rows are peaks in the corpus above (within 4%); at 48 GB the sequence sits so close to the
  // fixed 40 GiB that a 4% peak error is a third of the sequence, so the ±20% sequence check is the 8B table's.
  const table = CORPUS.filter((r) => r.kind === 'largest-fit' && r.model === 'llama-3.1-8b');
  test.each(table.map((r) => [r.id, r] as const))('%s: longest sequence within ±20%', (_id, row) => {
    const fit = largestFit(rowSpec(row), rowOptions(row), measuredBytes(row));
    expect(fit.maxSeqLen).not.toBeNull();
    expect(fit.maxSeqLen! / row.seqLen).toBeGreaterThan(0.8);
    expect(fit.maxSeqLen! / row.seqLen).toBeLessThan(1.2);
  });
  test('8 GB: Unsloth fits 2,972 tokens, Hugging Face none, because its fp32 embeddings and head alone exceed the card', () => {
    const unsloth = table.find((r) => r.framework === 'unsloth')!;
    const hf = table.find((r) => r.framework === 'hf')!;
    const u = largestFit(rowSpec(unsloth), rowOptions(unsloth), 8 * 2 ** 30);
    expect(u.maxSeqLen! / 2972).toBeGreaterThan(0.8);
    expect(u.maxSeqLen! / 2972).toBeLessThan(1.2);
    const h = largestFit(rowSpec(hf), rowOptions(hf), 8 * 2 ** 30);
    expect(h.maxSeqLen).toBeNull();
    expect(h.cause).toBe('states');
  });
});

describe('refusals', () => {
  test('FineTuneOptionError is an OptionError with a reason code; a bad spec field is reported without parsing a message', async () => {
    const { OptionError } = await import('~/lib/errors');
    const { FineTuneOptionError } = await import('~/lib/training/finetune');
    const spec = rowSpec(CORPUS[0]!);
    const run = (o: object, s = spec) => {
      try {
        fineTuneMemory(s, { ...rowOptions(CORPUS[0]!), ...o });
      } catch (error) {
        expect(error).toBeInstanceOf(FineTuneOptionError);
        expect(error).toBeInstanceOf(OptionError);
        return error as InstanceType<typeof FineTuneOptionError>;
      }
      throw new Error('no refusal');
    };
    expect(run({ batchSize: 0 })).toMatchObject({ field: 'batchSize', reason: 'below-min', limit: 1 });
    expect(run({ framework: 'axolotl' })).toMatchObject({ field: 'framework', reason: 'not-one-of' });
    expect(run({ attention: 'ring' })).toMatchObject({ field: 'attention', reason: 'not-one-of' });
    expect(run({ offload: 'optimizer' })).toMatchObject({ field: 'offload', reason: 'requires', limit: 'ZeRO stage 1, 2 or 3' });
    expect(run({}, { ...spec, numLayers: 0 })).toMatchObject({ field: 'spec.numLayers', reason: 'malformed', got: 0 });
  });
});
