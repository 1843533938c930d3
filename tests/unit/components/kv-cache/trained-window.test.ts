import { expect, test } from 'vitest';
import { computeKv } from '~/components/calculators/kv-cache/compute';
import { kvEn as en } from '~/components/calculators/kv-cache/strings/en';
import { kvZh as zh } from '~/components/calculators/kv-cache/strings/zh';
import { GiB } from '~/lib/model/dtype';
import { gpus as gpuFiles, modelPreset } from '../../helpers/presets';

const gpus = gpuFiles().map(({ id, name, label, memoryGiB }) => ({ id, name, label, memoryBytes: memoryGiB * GiB }));

function report(presetId: string) {
  return computeKv({
    model: modelPreset(presetId).spec,
    attention: 'model',
    groups: 8,
    seqLen: 4096,
    batch: 1,
    kvDtype: 'bf16',
    weightsDtype: 'bf16',
    gpus,
    gpuId: 'h100-80gb',
    gpuCount: 1,
    utilization: 0.9,
    blockSize: 16,
  });
}

test('the reverse solver flags a longest context past max_position_embeddings (issue 16, correction 6)', () => {
  // Llama 2 7B on an H100: about 58 GiB free holds ~119k tokens of 0.5 MiB, far past its trained 4,096.
  const llama = report('llama-2-7b').maxContext;
  expect(llama).toMatchObject({ kind: 'limited', exceedsTrainedWindow: true, trainedWindow: 4096 });
  if (llama.kind === 'limited') expect(llama.seqLen).toBeGreaterThan(100_000);
  // Llama 3.1 8B was trained to 131,072 tokens; its ~470k-token fit is flagged too, a fit below it would not be.
  const llama31 = report('llama-3.1-8b').maxContext;
  expect(llama31.kind).toBe('limited');
  if (llama31.kind === 'limited') expect(llama31.exceedsTrainedWindow).toBe(llama31.seqLen > 131072);
});

test('Gemma 2 keeps global layers, so its cache never stops growing: a length, not "unlimited"', () => {
  expect(report('gemma-2-9b').maxContext.kind).toBe('limited');
  expect(report('mistral-7b').maxContext.kind).toBe('unbounded');
});

test('the note names the trained length in both languages', () => {
  expect(en.pastTrained('4,096')).toContain('4,096');
  expect(zh.pastTrained('4,096')).toContain('4,096');
});
