/**
 * The planner's decision (issue 28): the verdict, the speeds it allows, what to change, the context window, and the
 * sentences in both languages (no English words inside the Chinese ones but technical terms).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { servingGpu, type GpuFile, type ServingInputs } from '~/components/calculators/serving-planner/view';
import { computeServing } from '~/components/calculators/serving-planner/compute';
import { customGpu, inputsOf, servingDefaults } from '~/components/calculators/serving-planner/state';
import { verdictSentence } from '~/components/calculators/serving-planner/Verdict';
import { servingEn } from '~/components/calculators/serving-planner/strings/en';
import { servingZh } from '~/components/calculators/serving-planner/strings/zh';
import { servingLink } from '~/components/calculators/serving-planner/link';
import { formatterFor } from '~/components/calculators/shared/locale';
import { vllmContextLimit } from '~/lib/memory/context-window';
import { GiB } from '~/lib/model/dtype';
import { gpuSchema } from '../../../../src/schemas/gpu';
import { modelPreset } from '../../helpers/presets';

const gpuDir = join(process.cwd(), 'src/content/gpus');
const gpus = readdirSync(gpuDir)
  .map((f) => ({ id: f.replace(/\.json$/, ''), data: gpuSchema.parse(JSON.parse(readFileSync(join(gpuDir, f), 'utf8'))) as GpuFile }))
  .map(({ id, data }) => servingGpu(id, data)!)
  .filter(Boolean);
const qwen = modelPreset('qwen3-32b');
const model = { id: 'qwen3-32b', name: 'Qwen3 32B', spec: qwen.spec, contextLimit: vllmContextLimit(qwen.config) };

/** The UX review's setting: Qwen3-32B, AWQ int4, RTX 4090, 32k. */
function ux(tp: number, ctx = 32768, more: Partial<ReturnType<typeof servingDefaults>> = {}): ServingInputs {
  const state = {
    ...servingDefaults(
      'qwen3-32b',
      gpus.map((g) => g.id),
    ),
    gpu: 'rtx-4090',
    w: 'awq-int4',
    tp,
    ctx,
    ...more,
  };
  return inputsOf(state, model, gpus);
}
const view = (inputs: ServingInputs) => {
  const r = computeServing(inputs);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};
const en = formatterFor('en');

test('TP 1: won’t start (fewer KV tokens than max_model_len); no speeds; TP 2 is the first remedy', () => {
  const v = view(ux(1));
  expect(v.memory.verdict).toBe('wont-start');
  expect(v.memory.kvTokens).toBeGreaterThan(0);
  expect(v.memory.kvTokens).toBeLessThan(32768);
  expect(v.speeds).toBeNull();
  expect(v.concurrentSequences).toBe(0);
  expect(v.series.every((p) => !p.fits)).toBe(true);
  expect(v.remedies[0]).toMatchObject({ kind: 'tp', tensorParallel: 2, gpus: 2 });
  // The longest context that starts is offered too, and it does start.
  const ctx = v.remedies.find((r) => r.kind === 'context');
  expect(ctx).toMatchObject({ contextTokens: v.memory.kvTokens });
  expect(view(ux(1, v.memory.kvTokens)).memory.verdict).toBe('fits');
  expect(verdictSentence(servingEn, en, v, ux(1))).toBe(`Won’t start: ${en.n(v.memory.kvTokens)} KV tokens < max_model_len 32,768.`);
});

test('TP 2: starts; speeds at batch 1 and at the requests that fit, which max_num_seqs bounds', () => {
  const v = view(ux(2));
  expect(v.memory.verdict).toBe('fits');
  const n = v.memory.concurrentRequests;
  expect(n).toBe(Math.floor(v.memory.kvTokens / 32768));
  expect(n).toBeGreaterThanOrEqual(2);
  expect(v.speeds!.one.batch).toBe(1);
  expect(v.speeds!.full!.batch).toBe(n);
  // The aggregate at the n that fit exceeds one request's speed, and per-sequence speed falls as the batch grows.
  expect(v.speeds!.full!.aggregate).toBeGreaterThan(v.speeds!.one.aggregate);
  expect(v.speeds!.full!.perSequence).toBeLessThan(v.speeds!.one.perSequence);
  expect(v.series.filter((p) => p.fits).map((p) => p.batch)).toEqual([1, 2, 4, 8, 16, 32].filter((b) => b <= n));
  // The formula's batch (32 by default) is capped at what fits.
  expect(v.formulaBatch).toBe(Math.min(32, n));
  expect(v.remedies).toEqual([]);
  // max_num_seqs 1 bounds concurrency to one request.
  const one = view(ux(2, 32768, { mns: 1 }));
  expect(one.memory.concurrentRequests).toBe(1);
  expect(one.speeds!.full).toBeNull();
  const sentence = verdictSentence(servingEn, en, v, ux(2));
  expect(sentence).toMatch(
    new RegExp(
      `^Starts: holds ${n} requests of 32,768 tokens at once \\([\\d,]+ KV tokens\\)\\. [\\d,]+ tok/s for one request, [\\d,]+ tok/s in all at the ${n} that fit\\.$`,
    ),
  );
});

test('bf16 on one 4090: no room at all; the sentence adds weights and reserve against the usable memory', () => {
  const inputs = ux(1, 32768, { w: 'bf16' });
  const v = view(inputs);
  expect(v.memory.verdict).toBe('no-room');
  const p = v.memory.perGpu;
  expect(p.weights + v.reserveBytes).toBeGreaterThan(p.budget);
  expect(verdictSentence(servingEn, en, v, inputs)).toBe(
    `Won’t start: weights ${en.bytes(p.weights)} + reserve ${en.bytes(v.reserveBytes)} > ${en.bytes(p.budget)} usable on each GPU.`,
  );
  expect(v.remedies.some((r) => r.kind === 'context')).toBe(false);
  expect(v.remedies.find((r) => r.kind === 'tp')).toMatchObject({ kind: 'tp' });
});

test('131,072 tokens is beyond Qwen3-32B’s 40,960; with YaRN ×4 in the config it is within 163,840', () => {
  expect(view(ux(2, 131072)).beyondWindow).toMatchObject({ limit: 40960, key: 'max_position_embeddings' });
  expect(view(ux(2, 40960)).beyondWindow).toBeNull();
  const yarn = {
    ...model,
    contextLimit: vllmContextLimit({ ...qwen.config, rope_scaling: { rope_type: 'yarn', factor: 4, original_max_position_embeddings: 40960 } }),
  };
  const state = {
    ...servingDefaults(
      'qwen3-32b',
      gpus.map((g) => g.id),
    ),
    gpu: 'rtx-4090',
    w: 'awq-int4',
    tp: 2,
    ctx: 131072,
  };
  expect(view(inputsOf(state, yarn, gpus)).beyondWindow).toBeNull();
  const t = servingEn.window('131,072', 'Qwen3 32B', '40,960', servingEn.windowHow('max_position_embeddings', undefined, '40,960'));
  expect(t).toContain('VLLM_ALLOW_LONG_MAX_MODEL_LEN');
});

test('a custom GPU: the reader’s memory drives the plan', () => {
  const state = {
    ...servingDefaults(
      'qwen3-32b',
      gpus.map((g) => g.id),
    ),
    gpu: 'custom',
    gmem: 48,
    w: 'awq-int4',
    tp: 1,
    ctx: 32768,
  };
  const g = customGpu(state, 'My card');
  expect(g.memoryBytes).toBe(48 * GiB);
  const v = view(inputsOf(state, model, gpus));
  expect(v.memory.perGpu.capacity).toBe(48 * GiB);
  expect(v.memory.verdict).toBe('fits');
});

test('the Chinese sentences carry no English words except the technical terms', () => {
  const zh = formatterFor('zh-CN');
  const allowed =
    /GiB|MiB|max_model_len|gpu_memory_utilization|VLLM_ALLOW_LONG_MAX_MODEL_LEN|rope_scaling|max_position_embeddings|KV|GPU|vLLM|AWQ|int4|yarn|vllm\/v1\/core\/kv_cache_utils\.py|No available memory for the cache blocks/g;
  const sentences = [
    verdictSentence(servingZh, zh, view(ux(1)), ux(1)),
    verdictSentence(servingZh, zh, view(ux(2)), ux(2)),
    verdictSentence(servingZh, zh, view(ux(1, 32768, { w: 'bf16' })), ux(1, 32768, { w: 'bf16' })),
    servingZh.window('131,072', '', '40,960', servingZh.windowHow('max_position_embeddings', { type: 'yarn', factor: 4 }, '40,960')),
    servingZh.verdict.whyNoRoom,
    servingZh.verdict.whyWontStart,
    servingZh.remedies.tp('2', '2', '2 个请求'),
    servingZh.gpuCount(1, '1'),
  ];
  for (const s of sentences) expect(s.replace(allowed, ''), s).not.toMatch(/[A-Za-z]{3,}/);
  expect(servingEn.gpuCount(1, '1')).toBe('1 GPU in all');
  expect(servingEn.gpuCount(8, '8')).toBe('8 GPUs in all');
});

test('the KV page’s link carries a pasted config, the context, the KV type and the GPU', () => {
  const config = { model_type: 'llama', num_hidden_layers: 4 };
  const link = servingLink('en', { model: 'llama-2-7b', config, contextTokens: 8192, kvDtype: 'fp8', gpu: 'rtx-4090' });
  const url = new URL(link, 'https://example.org');
  expect(url.pathname).toBe('/en/calculators/serving/');
  expect(JSON.parse(url.searchParams.get('srv.cfg')!)).toEqual(config);
  expect(url.searchParams.get('srv.model')).toBeNull();
  expect([url.searchParams.get('srv.ctx'), url.searchParams.get('srv.kvdt'), url.searchParams.get('srv.gpu')]).toEqual(['8192', 'fp8', 'rtx-4090']);
  expect(url.hash).toBe('#serving-planner');
  // A preset goes by id; a KV type the planner has no choice for is left out; zh pages link to the zh planner.
  expect(servingLink('zh-CN', { model: 'qwen3-32b', kvDtype: 'int4' })).toBe('/calculators/serving/?srv.model=qwen3-32b#serving-planner');
});

test('speed settings: a shared prefix holds more requests, speculation speeds decoding, a price gives costs', () => {
  const plain = view(ux(2));
  const shared = view(ux(2, 32768, { pfx: 50, prompt: 16384 }));
  // Half of each 16,384-token prompt shared: 8,192 tokens stored once, so more 32k requests fit.
  expect(shared.sharedPrefixTokens).toBe(8192);
  expect(shared.concurrentSequences).toBe(Math.floor((shared.memory.kvTokens - 8192) / (32768 - 8192)));
  expect(shared.concurrentSequences).toBeGreaterThan(plain.concurrentSequences);
  const spec8 = view(ux(2, 32768, { spk: 4, spa: 0.8, spc: 0.05 }));
  expect(spec8.speeds!.one.perSequence).toBeGreaterThan(plain.speeds!.one.perSequence * 2);
  expect(plain.cost).toBeNull();
  const priced = view(ux(2, 32768, { price: 0.5 }));
  // 2 GPUs at 0.5 per hour: 1/3600 per second, over the aggregate throughput at the requests that fit.
  expect(priced.cost!.output).toBeCloseTo((1 / 3600 / priced.speeds!.full!.aggregate) * 1e6, 8);
  expect(priced.cost!.batch).toBe(priced.concurrentSequences);
  // The bound (efficiencies 1, no per-layer time) is faster than the expected default.
  const bound = view(ux(2, 32768, { beff: 1, ceff: 1, lov: 0 }));
  expect(bound.speeds!.one.perSequence).toBeGreaterThan(plain.speeds!.one.perSequence);
});
