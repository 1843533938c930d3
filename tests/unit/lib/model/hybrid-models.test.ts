/**
 * Issue 29: the 2025–26 families. Real configs from tests/fixtures/configs (index.json names each source); tensor
 * shapes and totals from model-inspection reports that print a checkpoint's safetensors headers (content index ids
 * in index.json); state shapes from vLLM's MambaStateShapeCalculator (vllm/model_executor/layers/mamba/mamba_utils.py
 * at vllm-project/vllm@02d710837549a368073552333f66d714477415d2).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ConfigError } from '~/lib/model/config-error';
import { compactHfConfig, parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { recurrentLayerParams, recurrentStateElements } from '~/lib/model/recurrent';
import { kvCacheBytes, maxConcurrentSequences, maxContextLength, recurrentStateBytes } from '~/lib/memory/kv-cache';
import { GB } from '~/lib/model/dtype';

const raw = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../../fixtures/configs/${name}.json`, import.meta.url), 'utf8'));
const spec = (name: string): ModelSpec => parseHfConfig(raw(name));

function refusal(config: unknown): ConfigError {
  try {
    parseHfConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('Qwen3-Next-80B: 36 Gated DeltaNet layers and 12 gated-attention layers, every fourth', () => {
  const s = spec('qwen3-next-80b-a3b-instruct');
  expect(s.recurrent?.kind).toBe('gated-deltanet');
  expect(s.recurrent?.layers.filter(Boolean)).toHaveLength(36);
  expect(s.kvLayers?.map((kv, i) => kv === ((i + 1) % 4 === 0)).every(Boolean)).toBe(true);
  expect(s.attentionOutputGate).toBe(true);
});

test('a Gated DeltaNet layer has the checkpoint tensors: in_proj_qkvz 12288×2048, in_proj_ba 64×2048, conv 8192×4, out_proj 2048×4096', () => {
  const s = spec('qwen3-next-80b-a3b-instruct');
  // A_log [32], dt_bias [32], norm [128] (report id 62751147890).
  expect(recurrentLayerParams(s)).toBe(12288 * 2048 + 64 * 2048 + 8192 * 4 + 32 + 32 + 128 + 2048 * 4096);
});

test("vLLM's Gated DeltaNet state: conv (K−1)·(2·n_k·d_k + n_v·d_v), recurrent n_v·d_v·d_k, 39.5 MB per sequence in bf16", () => {
  const s = spec('qwen3-next-80b-a3b-instruct');
  expect(recurrentStateElements(s)).toEqual({ conv: 3 * (2 * 16 * 128 + 32 * 128), ssm: 32 * 128 * 128 });
  const kv = kvCacheBytes(s, { seqLen: 4096, batch: 1, dtype: 'bf16' });
  expect(kv.stateBytesPerSequence).toBe(36 * (24576 + 524288) * 2);
  // Only the 12 attention layers keep KV: 2 KV heads × 256 × (K and V) × 2 bytes.
  expect(kv.perToken).toBe(12 * 2 * 256 * 2 * 2);
  // Tensor parallelism splits the heads and channels.
  expect(kvCacheBytes(s, { seqLen: 1, batch: 1, dtype: 'bf16', tensorParallel: 2 }).perGpuStateBytesPerSequence).toBe(kv.stateBytesPerSequence / 2);
});

test('Qwen3.5 asks for a float32 recurrent state; a reader may override it', () => {
  const s = spec('qwen3.5-35b-a3b');
  expect(s.recurrent?.ssmStateDtype).toBe('fp32');
  const conv = 3 * (2 * 16 * 128 + 32 * 128);
  const ssm = 32 * 128 * 128;
  expect(recurrentStateBytes(s)).toBe(30 * (conv * 2 + ssm * 4));
  expect(recurrentStateBytes(s, { ssmStateDtype: 'bf16' })).toBe(30 * (conv + ssm) * 2);
});

test('Kimi Linear: KDA layers counted from 1, MLA layers with a 576-wide latent, a float32 state of 43.4 MB', () => {
  const s = spec('kimi-linear-48b-a3b-instruct');
  expect(s.recurrent?.kind).toBe('kda');
  expect(s.kvLayers?.flatMap((kv, i) => (kv ? [i] : []))).toEqual([3, 7, 11, 15, 19, 23, 26]);
  expect(s.mla?.kvLoraRank).toBe(512);
  // KDA tensors: q/k/v 4096×2304 each, three 4096×4 convs, f_a/g_a 128×2304, f_b/g_b 4096×128, b 32×2304,
  // A_log 32, dt_bias 4096, o_norm 128, o_proj 2304×4096 (report id 62691149540).
  const h = 2304;
  expect(recurrentLayerParams(s)).toBe(3 * 4096 * h + 3 * 4096 * 4 + 2 * (128 * h + 4096 * 128) + 32 * h + 32 + 4096 + 128 + h * 4096);
  const kv = kvCacheBytes(s, { seqLen: 1, batch: 1, dtype: 'bf16' });
  expect(kv.perToken).toBe(7 * 576 * 2);
  expect(kv.stateBytesPerSequence).toBe(20 * (3 * 3 * 4096 * 2 + 32 * 128 * 128 * 4));
});

test('Nemotron-H 8B: 24 Mamba-2, 4 attention and 24 MLP blocks, each block one of them with one norm', () => {
  const s = spec('nemotron-h-8b-base-8k');
  expect(s.recurrent?.layers.filter(Boolean)).toHaveLength(24);
  expect(s.kvLayers?.filter(Boolean)).toHaveLength(4);
  expect(s.mlpLayers?.filter(Boolean)).toHaveLength(24);
  expect(s.normsPerLayer).toBe(1);
  expect(s.mlp).toBe('plain');
  // Mamba-2 mixer: in_proj 4096 → 2·8192 + 2·8·128 + 128, conv (8192 + 2048) × 4 + bias, dt_bias/A_log/D, norm 8192, out_proj.
  const conv = 8192 + 2 * 8 * 128;
  expect(recurrentLayerParams(s)).toBe(4096 * (2 * 8192 + 2 * 8 * 128 + 128) + conv * 4 + conv + 3 * 128 + 8192 + 8192 * 4096);
  // vLLM keeps Nemotron-H's SSM state in float32 unless told otherwise (NemotronHForCausalLMConfig).
  expect(recurrentStateBytes(s)).toBe(24 * (3 * conv * 2 + 128 * 64 * 128 * 4));
  expect(recurrentStateBytes(s, { ssmStateDtype: 'bf16' })).toBe(24 * (3 * conv + 128 * 64 * 128) * 2);
});

test('Granite 4.0-H Tiny: Mamba-2 with one group, 64 routed experts beside a shared MLP; without experts the shared MLP is dense', () => {
  const s = spec('granite-4.0-h-tiny');
  expect(s.moe?.sharedExperts).toBe(1);
  expect(s.moe?.sharedExpertIntermediateSize).toBe(1024);
  expect(s.moe?.expertIntermediateSize).toBe(512);
  expect(recurrentStateElements(s)).toEqual({ conv: 3 * (48 * 64 + 2 * 128), ssm: 48 * 64 * 128 });
  const dense = parseHfConfig({ ...raw('granite-4.0-h-tiny'), num_local_experts: 0, num_experts_per_tok: 0, shared_intermediate_size: 4096 });
  expect(dense.moe).toBeUndefined();
  expect(dense.intermediateSize).toBe(4096);
});

test('Jamba: attention every 8th layer from 4, experts every 2nd from 1, Mamba-1 with Δ rank ⌈4096/16⌉ and its Δ/B/C norms', () => {
  const s = spec('jamba-v0.1');
  expect(s.kvLayers?.flatMap((kv, i) => (kv ? [i] : []))).toEqual([4, 12, 20, 28]);
  expect(s.moe?.layers?.filter(Boolean)).toHaveLength(16);
  const r = s.recurrent!;
  expect([r.kind, r.headDim, r.dtRank, r.stateSize]).toEqual(['mamba1', 8192, 256, 16]);
  // in_proj 4096→16384, conv 8192×4 + bias, x_proj 8192→288, dt_proj 256→8192 + bias, A_log 8192×16, D, out_proj, norms 256+16+16.
  const I = 8192;
  expect(recurrentLayerParams(s)).toBe(4096 * 2 * I + I * 4 + I + I * (256 + 32) + 256 * I + I + I * 16 + I + I * 4096 + 256 + 32);
  expect(recurrentStateBytes(s)).toBe(28 * (3 * I + I * 16) * 2);
});

test('a request holds its recurrent state whatever its length: the solvers count it once per sequence', () => {
  const s = spec('qwen3-next-80b-a3b-instruct');
  const one = kvCacheBytes(s, { seqLen: 1000, batch: 1, dtype: 'bf16' });
  const need = one.total + one.stateBytesPerSequence;
  expect(maxConcurrentSequences(s, { freeBytes: 3 * need, seqLen: 1000, dtype: 'bf16' })).toBe(3);
  expect(maxConcurrentSequences(s, { freeBytes: 3 * need - 1, seqLen: 1000, dtype: 'bf16' })).toBe(2);
  const fit = maxContextLength(s, { freeBytes: need, batch: 1, dtype: 'bf16' });
  expect(fit).toMatchObject({ kind: 'limited', seqLen: 1000 });
  expect(maxContextLength(s, { freeBytes: one.stateBytesPerSequence, batch: 1, dtype: 'bf16' }).kind).toBe('none');
});

test("Gemma 3 4B: the text model's missing sizes are Gemma3TextConfig's defaults; the SigLIP tower and projector are counted apart", () => {
  const s = spec('gemma-3-4b-it');
  expect([s.vocabSize, s.numHeads, s.numKvHeads, s.headDim]).toEqual([262208, 8, 4, 256]);
  expect(s.slidingWindow?.layers.filter(Boolean)).toHaveLength(29);
  // Gemma 3 report, Table 1: vision encoder 417M; the projector adds 1152 × 2560 + 1152.
  expect(s.visionTower?.params).toBe(416_866_032 + 1152 * 2560 + 1152);
  // Text + vision = 4,300,079,472, the 4.3B the Hub lists.
  expect(countParams(s) + s.visionTower!.params).toBe(4_300_079_472);
});

test('"active" in both conventions: gpt-oss-20b is 4.19B with the embedding, 3.61B without it, as OpenAI counts', () => {
  const s = spec('gpt-oss-20b');
  expect(countActiveParams(s)).toBe(4_187_440_704);
  expect(countActiveParams(s, { embeddings: false })).toBe(4_187_440_704 - 201088 * 2880);
  // A dense model without embeddings is its non-embedding count.
  const g = spec('gemma-3-4b-it');
  expect(countActiveParams(g, { embeddings: false })).toBe(countParams(g) - 262208 * 2560);
  expect(() => countActiveParams(s, { embeddings: 'no' as never })).toThrow(/embeddings/);
});

test('a compacted config keeps what sizes the hybrids: parsing it gives the same spec', () => {
  for (const name of [
    'qwen3-next-80b-a3b-instruct',
    'qwen3.5-35b-a3b',
    'kimi-linear-48b-a3b-instruct',
    'nemotron-h-8b-base-8k',
    'granite-4.0-h-tiny',
    'jamba-v0.1',
    'gemma-3-4b-it',
    'gpt-oss-20b',
  ]) {
    const config = raw(name);
    expect(parseHfConfig(compactHfConfig(config)), name).toEqual(parseHfConfig(config));
  }
  // The quantization_config shrinks to its method, a 5,000-character name to 100.
  const compact = compactHfConfig({ ...raw('gpt-oss-20b'), _name_or_path: 'x'.repeat(5000) });
  expect(compact.quantization_config).toEqual({ quant_method: 'mxfp4' });
  expect(compact._name_or_path).toHaveLength(100);
});

test('what stays refused is refused by name, with a feature code the UI translates', () => {
  const falconH1 = refusal({ model_type: 'falcon_h1', hidden_size: 1024 });
  expect([falconH1.field, falconH1.feature]).toEqual(['model_type', 'parallel-hybrid']);
  expect(falconH1.message).toBe(
    'model_type: "falcon_h1" is not supported: attention and a state-space block side by side in every layer (Falcon-H1) are not modelled',
  );
  expect(refusal({ model_type: 'zamba2' }).feature).toBe('other-hybrid');
  expect(refusal({ model_type: 't5' }).feature).toBe('encoder-decoder');
  expect(refusal({ ...raw('nemotron-h-8b-base-8k'), moe_latent_size: 1024 }).feature).toBe('latent-moe');
  const letter = refusal({ ...raw('nemotron-h-8b-base-8k'), hybrid_override_pattern: 'M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-X-' });
  expect([letter.field, letter.feature]).toEqual(['hybrid_override_pattern[50]', 'layer-type']);
  expect(refusal({ ...raw('nemotron-h-8b-base-8k'), hybrid_override_pattern: 'M-*' })).toMatchObject({
    field: 'hybrid_override_pattern',
    reason: 'wrong-length',
  });
  // A layer both KDA and full attention.
  const kimi = raw('kimi-linear-48b-a3b-instruct');
  const overlap = { ...kimi, linear_attn_config: { ...(kimi.linear_attn_config as object), kda_layers: [1, 2, 3, 4] } };
  expect(refusal(overlap).field).toBe('linear_attn_config.kda_layers');
  // Linear attention in a family whose layers are unknown.
  expect(refusal({ ...raw('gpt-oss-20b'), linear_num_value_heads: 8 }).feature).toBe('linear-attention');
});

test('gpt-oss-20b and -120b: 20.91B and 116.83B in total, 3.61B and 5.13B active as OpenAI counts (model card, Table 1)', () => {
  expect(countParams(spec('gpt-oss-20b')) / 1e9).toBeCloseTo(20.91, 2);
  expect(countActiveParams(spec('gpt-oss-20b'), { embeddings: false }) / 1e9).toBeCloseTo(3.61, 2);
  expect(countParams(spec('gpt-oss-120b')) / 1e9).toBeCloseTo(116.83, 2);
  expect(countActiveParams(spec('gpt-oss-120b'), { embeddings: false }) / 1e9).toBeCloseTo(5.13, 2);
  expect(GB).toBe(1e9);
});
