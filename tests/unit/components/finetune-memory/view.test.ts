import { describe, expect, test } from 'vitest';
import * as core from '~/lib/memory/finetune-memory';
import fc from 'fast-check';
import { comparison, fieldMessage, fitRows, genericMessage, memoryAttempt, solve, formatPercent } from '~/components/calculators/finetune-memory/view';
import { formulaValues } from '~/components/calculators/finetune-memory/formula-values';
import { defaultState } from '~/components/calculators/finetune-memory/state';
import { en } from '~/components/calculators/finetune-memory/strings/en';
import { modelPresets } from '../../helpers/presets';

const llama = modelPresets().find((p) => p.id === 'llama-2-7b')!.spec;
const base = defaultState('llama-2-7b', 'h100-80gb');
const GiB = 2 ** 30;

describe('fine-tune view', () => {
  test('the default is full fine-tuning of all 6,738,415,616 parameters of Llama-2-7B', () => {
    const a = memoryAttempt(core, llama, base);
    expect(a.ok && a.value.trainableParams).toBe(6_738_415_616);
  });

  test('a freeze depth beyond the model is refused as trainableLayers, explained with the model’s layer count', () => {
    const a = memoryAttempt(core, llama, { ...base, method: 'freeze', layers: 40 });
    expect(a.ok).toBe(false);
    const error = a.ok ? null : a.error;
    expect(error).toMatchObject({ field: 'trainableLayers', reason: 'above-max', limit: '32' });
    expect(fieldMessage(error, 'trainableLayers', en, llama)).toBe(en.errors.trainableLayers(32));
    expect(fieldMessage(error, 'offload', en, llama)).toBeNull();
    expect(genericMessage(error, en)).toBeNull();
  });

  test('the comparison puts LoRA and QLoRA far below full fine-tuning', () => {
    const rows = comparison(core, llama, base);
    expect(rows.map((r) => r.method)).toEqual(['full', 'lora', 'qlora', 'p-tuning-v2']);
    const total = (m: string) => {
      const a = rows.find((r) => r.method === m)!.attempt;
      return a.ok ? a.value.bytes.total : NaN;
    };
    expect(total('lora')).toBeLessThan(total('full') / 3);
    expect(total('qlora')).toBeLessThan(total('lora'));
  });

  test('fit rows agree with the total and say by how much a GPU is short', () => {
    const gpus = [
      { id: 'small', label: 'Small', bytes: 24 * GiB },
      { id: 'big', label: 'Big', bytes: 10_000 * GiB },
    ];
    const rows = fitRows(100 * GiB, gpus, en, 'en');
    expect(rows.map((r) => r.fits)).toEqual([false, true]);
    expect(rows[0]!.verdict).toContain('76');
    expect(rows[1]!.verdict.startsWith('✓')).toBe(true);
  });

  test('the solver answers a batch that fits an 80 GiB GPU under LoRA', () => {
    const fit = solve(core, llama, { ...base, method: 'lora' }, 80 * GiB);
    expect(fit?.maxBatchSize).toBeGreaterThan(0);
  });

  test('formula slots never show NaN or Infinity, whatever the numeric settings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 32_768 }),
        fc.constantFrom('full', 'lora', 'qlora', 'p-tuning-v2', 'freeze'),
        fc.boolean(),
        (batch, seq, method, ckpt) => {
          const state = { ...base, batch, seq, method, ckpt };
          const a = memoryAttempt(core, llama, state);
          if (!a.ok) return;
          const text = JSON.stringify(formulaValues(a.value, state, llama, 'en'));
          expect(text).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('small shares keep their digits', () => {
    expect(formatPercent(0.0006, 'en')).toBe('0.06%');
    expect(formatPercent(0.5, 'en')).toBe('50%');
  });
});
