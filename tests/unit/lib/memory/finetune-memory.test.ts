import { test, expect, describe } from 'vitest';
import fc from 'fast-check';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countParams } from '~/lib/model/param-count';
import { modelPreset, modelPresets } from '../../helpers/presets';
import {
  fineTuneMemory,
  largestFit,
  fineTuneMemoryWithParams,
  largestFitWithParams,
  layerActivationBytes,
  linearLayerParams,
  loraParams,
  prefixTuningParams,
  zeroShard,
  largestLayerParams,
  FineTuneOptionError,
  NF4_DOUBLE_QUANT_BITS,
  LORA_TARGETS,
  type FineTuneOptions,
  type LoraTarget,
} from '~/lib/memory/finetune-memory';

/** A Llama-style decoder (gated MLP, RMSNorm, no biases). */
function llama(shape: Partial<ModelSpec> & Pick<ModelSpec, 'numLayers' | 'hiddenSize' | 'numHeads'>): ModelSpec {
  return {
    family: 'llama',
    numKvHeads: shape.numHeads,
    headDim: shape.hiddenSize / shape.numHeads,
    intermediateSize: 4 * shape.hiddenSize,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attention: 'mha',
    mlp: 'gated',
    norm: 'rmsnorm',
    bias: { qkv: false, o: false, mlp: false },
    normsPerLayer: 2,
    extraNorms: 1,
    ...shape,
  };
}

/** Parameters of a Llama-style decoder, written out from the architecture (embeddings, 7 projections, 2 RMSNorms per layer, final norm). */
function llamaParams(s: ModelSpec): number {
  const h = s.hiddenSize;
  const q = s.numHeads * s.headDim;
  const kv = s.numKvHeads * s.headDim;
  const layer = h * q + 2 * h * kv + q * h + 3 * h * s.intermediateSize + 2 * h;
  return s.vocabSize * h * (s.tiedEmbeddings ? 1 : 2) + s.numLayers * layer + h;
}

const llama2_7b = llama({ numLayers: 32, hiddenSize: 4096, numHeads: 32, intermediateSize: 11008 });
const llama3_8b = llama({ numLayers: 32, hiddenSize: 4096, numHeads: 32, numKvHeads: 8, intermediateSize: 14336, vocabSize: 128256 });
const llama_65b = llama({ numLayers: 80, hiddenSize: 8192, numHeads: 64, intermediateSize: 22016 });
/** GPT-3 175B (Brown et al. 2020, Table 2.1): 96 layers, d_model 12288, 96 heads of 128, plain 4h MLP. */
const gpt3: ModelSpec = {
  ...llama({ numLayers: 96, hiddenSize: 12288, numHeads: 96 }),
  family: 'gpt3',
  mlp: 'plain',
  norm: 'layernorm',
  vocabSize: 50257,
  tiedEmbeddings: true,
};
/** ChatGLM-6B: 28 layers, hidden 4096, 32 heads (multi-head), vocabulary 130528. */
const chatglm6b = llama({ numLayers: 28, hiddenSize: 4096, numHeads: 32, intermediateSize: 16384, vocabSize: 130528 });

const base: FineTuneOptions = {
  method: 'full',
  precision: 'mixed',
  optimizer: 'adamw',
  batchSize: 1,
  seqLen: 512,
  gradientCheckpointing: false,
};

const GB = 1e9;
const GiB = 2 ** 30;
const states = (m: { weights: number; gradients: number; optimizer: number }) => m.weights + m.gradients + m.optimizer;

test('the hand-written Llama-2-7B count matches the official 6,738,415,616 and countParams', () => {
  expect(llamaParams(llama2_7b)).toBe(6_738_415_616);
  for (const spec of [llama2_7b, llama3_8b, llama_65b]) expect(countParams(spec)).toBe(llamaParams(spec));
});

describe('public API on the model presets', () => {
  const options: FineTuneOptions = { method: 'full', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 2048, gradientCheckpointing: false };

  test('Llama-2-7B from its config.json: 16 bytes per parameter of model states', () => {
    const m = fineTuneMemory(modelPreset('llama-2-7b').spec, options);
    expect(m.totalParams).toBe(6_738_415_616);
    expect(states(m.bytes)).toBe(16 * 6_738_415_616);
  });

  test('Llama-3.1-8B from its config.json, LoRA r = 16 on all seven projections: 41,943,040 trainable', () => {
    const m = fineTuneMemory(modelPreset('llama-3.1-8b').spec, { ...options, method: 'lora', lora: { rank: 16, targets: [...LORA_TARGETS] } });
    expect(m.trainableParams).toBe(41_943_040);
  });

  test('Mixtral-8x7B LoRA on the MLP adapts every expert', () => {
    const spec = modelPreset('mixtral-8x7b').spec;
    const m = fineTuneMemory(spec, { ...options, method: 'lora', lora: { rank: 8, targets: ['up'] } });
    expect(m.trainableParams).toBe(32 * 8 * 8 * (4096 + 14336));
  });

  test('QLoRA quantizes at most the parameters a preset has, for every preset', () => {
    for (const preset of modelPresets()) {
      const m = fineTuneMemory(preset.spec, { ...options, method: 'qlora' });
      expect(m.quantizedParams, preset.id).toBeGreaterThan(0.5 * m.totalParams);
      expect(m.quantizedParams, preset.id).toBeLessThanOrEqual(m.totalParams);
      expect(Number.isFinite(m.bytes.total), preset.id).toBe(true);
    }
  });

  test('every method gives a finite result on every preset, MLA and MoE included', () => {
    for (const preset of modelPresets()) {
      for (const method of ['full', 'freeze', 'lora', 'qlora', 'p-tuning-v2'] as const) {
        const m = fineTuneMemory(preset.spec, { ...options, method, lora: { rank: 8, targets: [...LORA_TARGETS] } });
        expect(m.bytes.total > 0 && Number.isFinite(m.bytes.total), `${preset.id} ${method}`).toBe(true);
      }
    }
  });

  test('largestFit agrees with fineTuneMemory at its answer', () => {
    const spec = modelPreset('llama-3.1-8b').spec;
    const o: FineTuneOptions = { ...options, method: 'qlora', gradientCheckpointing: true, flashAttention: true };
    const { maxBatchSize } = largestFit(spec, o, 24 * 2 ** 30);
    expect(fineTuneMemory(spec, { ...o, batchSize: maxBatchSize! }).bytes.total).toBeLessThanOrEqual(24 * 2 ** 30);
    expect(fineTuneMemory(spec, { ...o, batchSize: maxBatchSize! + 1 }).bytes.total).toBeGreaterThan(24 * 2 ** 30);
  });
});

describe('model states (ZeRO §3.1)', () => {
  test('mixed-precision AdamW keeps 2 + 2 + 12 = 16 bytes per parameter', () => {
    const P = llamaParams(llama2_7b);
    const m = fineTuneMemoryWithParams(llama2_7b, P, base);
    expect(m.unsharded).toEqual({ weights: 2 * P, gradients: 2 * P, optimizer: 12 * P });
    expect(states(m.unsharded) / GB).toBeCloseTo(107.81, 2);
  });

  test('an fp32 gradient copy makes it 18 bytes per parameter', () => {
    const P = llamaParams(llama2_7b);
    const m = fineTuneMemoryWithParams(llama2_7b, P, { ...base, fp32Gradients: true });
    expect(states(m.unsharded)).toBe(18 * P);
  });

  test('GPT-2 1.5B needs at least 24 GB of model states', () => {
    const m = fineTuneMemoryWithParams(gpt3, 1.5e9, base);
    expect(states(m.bytes)).toBe(24 * GB);
  });

  test('pure bf16 AdamW keeps 8 bytes per parameter, 8-bit Adam in mixed precision 10, SGD in bf16 4', () => {
    const P = 1e9;
    expect(states(fineTuneMemoryWithParams(llama2_7b, P, { ...base, precision: 'bf16' }).unsharded)).toBe(8 * P);
    expect(states(fineTuneMemoryWithParams(llama2_7b, P, { ...base, optimizer: 'adamw-8bit' }).unsharded)).toBe(10 * P);
    expect(states(fineTuneMemoryWithParams(llama2_7b, P, { ...base, precision: 'bf16', optimizer: 'sgd' }).unsharded)).toBe(4 * P);
    expect(states(fineTuneMemoryWithParams(llama2_7b, P, { ...base, precision: 'fp32', optimizer: 'sgd-momentum' }).unsharded)).toBe(12 * P);
  });

  test('Adafactor keeps one fp32 row and column per matrix instead of two full moments', () => {
    const P = llamaParams(llama2_7b);
    const adafactor = fineTuneMemoryWithParams(llama2_7b, P, { ...base, precision: 'fp32', optimizer: 'adafactor' });
    const factored = 32 * (4 * (4096 + 4096) + 3 * (4096 + 11008)) + 2 * (32000 + 4096);
    const vectors = P - linearLayerParams(llama2_7b) - 2 * 32000 * 4096;
    expect(adafactor.unsharded.optimizer).toBe(4 * (factored + vectors));
  });
});

describe('ZeRO sharding (Rajbhandari et al. 2020, Fig. 1 and Table 1)', () => {
  const psi = 7.5e9;
  const perGpu = (stage: 0 | 1 | 2 | 3, gpus: number) => states(fineTuneMemoryWithParams(llama2_7b, psi, { ...base, zeroStage: stage, gpus }).bytes) / GB;

  test('7.5B on 64 GPUs: 120 / 31.4 / 16.6 / 1.9 GB per GPU', () => {
    expect(perGpu(0, 64)).toBe(120);
    expect(perGpu(1, 64)).toBeCloseTo(31.4, 1);
    expect(perGpu(2, 64)).toBeCloseTo(16.6, 1);
    expect(perGpu(3, 64)).toBeCloseTo(1.9, 1);
  });

  test('7.5B on 4, 16 and 1024 GPUs reproduces Table 1', () => {
    expect([1, 2, 3].map((s) => perGpu(s as 1 | 2 | 3, 4).toFixed(1))).toEqual(['52.5', '41.3', '30.0']);
    expect([1, 2, 3].map((s) => perGpu(s as 1 | 2 | 3, 16).toFixed(1))).toEqual(['35.6', '21.6', '7.5']);
    expect([1, 2, 3].map((s) => perGpu(s as 1 | 2 | 3, 1024).toFixed(2))).toEqual(['30.09', '15.10', '0.12']);
  });

  test('stage 3 on a single GPU is allowed and changes nothing', () => {
    const one = fineTuneMemoryWithParams(llama2_7b, psi, { ...base, zeroStage: 3, gpus: 1 });
    expect(one.bytes.total).toBe(fineTuneMemoryWithParams(llama2_7b, psi, base).bytes.total);
  });

  test('zeroShard divides only what each stage partitions', () => {
    expect(zeroShard({ weights: 8, gradients: 8, optimizer: 8 }, 2, 4)).toEqual({ weights: 8, gradients: 2, optimizer: 2 });
  });

  test('optimizer offload moves optimizer states and gradients to the CPU', () => {
    const m = fineTuneMemoryWithParams(llama2_7b, psi, { ...base, zeroStage: 2, gpus: 4, offload: 'optimizer' });
    expect(m.bytes.optimizer).toBe(0);
    expect(m.bytes.gradients).toBe(0);
    expect(m.bytes.weights).toBe(2 * psi);
    // The offloaded states, then DeepSpeed's additional_buffer_factor of 1.5 on the CPU side (issue 15).
    expect(m.cpuStatesBytes).toBe((14 * psi) / 4);
    expect(m.cpuBytes).toBe(1.5 * ((14 * psi) / 4));
    expect(fineTuneMemoryWithParams(llama2_7b, psi, { ...base, zeroStage: 2, gpus: 4, offload: 'optimizer', cpuBufferFactor: 1 }).cpuBytes).toBe(
      (14 * psi) / 4,
    );
  });

  test('parameter offload needs stage 3 and leaves activations and the gathered largest layer on the GPU', () => {
    expect(() => fineTuneMemoryWithParams(llama2_7b, psi, { ...base, zeroStage: 2, offload: 'optimizer-and-params' })).toThrow(/stage 3/);
    const m = fineTuneMemoryWithParams(llama2_7b, psi, { ...base, zeroStage: 3, gpus: 2, offload: 'optimizer-and-params' });
    // DeepSpeed's ZeRO-3 estimator keeps 4·largest_layer_params on the GPU: here the 32000×4096 embedding.
    expect(m.largestLayerParams).toBe(32000 * 4096);
    expect(m.bytes.zeroBuffer).toBe(4 * 32000 * 4096);
    expect(m.bytes.total).toBe(m.bytes.activations + m.bytes.zeroBuffer);
    expect(m.cpuStatesBytes).toBe(8 * psi);
    expect(m.cpuBytes).toBe(1.5 * 8 * psi);
  });
});

describe('LoRA (Hu et al. 2021)', () => {
  test("GPT-3 175B with r = 4 on W_q and W_v trains 18,874,368 parameters (the paper's 18M, ~35 MB in fp16)", () => {
    const trainable = loraParams(gpt3, { rank: 4, targets: ['q', 'v'] });
    expect(trainable).toBe(96 * 2 * 4 * (12288 + 12288));
    expect(trainable).toBe(18_874_368);
    expect((trainable * 2) / 2 ** 20).toBe(36); // 36 MiB = 37.7 MB: the paper's "35MB" checkpoint
  });

  test("GPT-3 175B with W_q and W_v at r = 1 and r = 8 gives Table 4's 4.7M and 37.7M", () => {
    expect(loraParams(gpt3, { rank: 1, targets: ['q', 'v'] })).toBe(4_718_592);
    expect(loraParams(gpt3, { rank: 8, targets: ['q', 'v'] })).toBe(37_748_736);
  });

  test('Llama-2-7B, r = 8 on q and v: 4,194,304 trainable, as PEFT prints', () => {
    expect(loraParams(llama2_7b, { rank: 8, targets: ['q', 'v'] })).toBe(4_194_304);
  });

  test('Llama-3-8B, r = 16 on all seven projections uses the GQA shapes of k and v: 41,943,040', () => {
    expect(loraParams(llama3_8b, { rank: 16, targets: [...LORA_TARGETS] })).toBe(41_943_040);
    expect(llamaParams(llama3_8b)).toBe(8_030_261_248);
  });

  test('LoRA keeps the frozen model in 16 bit and 16 bytes per adapter parameter', () => {
    const P = llamaParams(llama2_7b);
    const lora = { ...base, method: 'lora' as const, lora: { rank: 8, targets: ['q', 'v'] as LoraTarget[] } };
    const A = 4_194_304;
    // PEFT upcasts the adapters to fp32 (autocast_adapter_dtype): 4 + 4 + 8 bytes, no master copy.
    const peft = fineTuneMemoryWithParams(llama2_7b, P, lora);
    expect(peft.trainableParams).toBe(A);
    expect(peft.unsharded).toEqual({ weights: 2 * P + 4 * A, gradients: 4 * A, optimizer: 8 * A });
    // 16-bit adapters under mixed precision: 2 + 2 + (4 master + 8 states).
    const bf16 = fineTuneMemoryWithParams(llama2_7b, P, { ...lora, adapterPrecision: 'bf16' });
    expect(bf16.unsharded).toEqual({ weights: 2 * (P + A), gradients: 2 * A, optimizer: 12 * A });
  });
});

describe('QLoRA (Dettmers et al. 2023)', () => {
  test('NF4 with double quantization costs 4.127 bits per parameter (constants 0.5 → 0.127 bits)', () => {
    expect(NF4_DOUBLE_QUANT_BITS).toBe(4.126953125);
    expect(NF4_DOUBLE_QUANT_BITS - 4).toBeCloseTo(0.127, 3);
  });

  const P = llamaParams(llama_65b);
  const qlora65b: FineTuneOptions = {
    ...base,
    method: 'qlora',
    lora: { rank: 64, targets: [...LORA_TARGETS] },
    gradientCheckpointing: true,
    seqLen: 512,
  };

  test('LLaMA-65B has about 65.3B parameters by this count', () => {
    expect(P / 1e9).toBeCloseTo(65.29, 2);
  });

  test('fine-tuning LLaMA-65B with QLoRA (r = 64 on all linear layers, checkpointing) fits in 48 GB', () => {
    const m = fineTuneMemoryWithParams(llama_65b, P, qlora65b);
    // The paper's qlora.py casts the adapters and embeddings back to bf16 after PEFT's upcast (no fp32 residual):
    // with that recipe what nvidia-smi would show, context included, fits a 48 GB card (QLoRA §1).
    const paper = fineTuneMemoryWithParams(llama_65b, P, { ...qlora65b, framework: 'llama-factory', adapterPrecision: 'bf16' });
    expect(paper.peak.device).toBeLessThan(48 * GiB);
    // Transformers + PEFT's defaults (fp32 embeddings, head and adapters) do not.
    expect(m.peak.device).toBeGreaterThan(48 * GiB);
    // Only the linear layers are quantized; PEFT's prepare_model_for_kbit_training upcasts embeddings, norms and head
    // to fp32, and the adapters are fp32 too.
    expect(m.quantizedParams).toBe(P - 2 * 32000 * 8192 - (2 * 80 + 1) * 8192);
    expect(m.bytes.weights).toBeCloseTo((m.quantizedParams * 4.126953125) / 8 + (P - m.quantizedParams) * 4 + m.trainableParams * 4, 0);
    // The QLoRA paper's own recipe keeps them in 16 bit (its Unsloth-like profile): 2 bytes each.
    const sixteen = fineTuneMemoryWithParams(llama_65b, P, { ...qlora65b, framework: 'llama-factory', adapterPrecision: 'bf16' });
    expect(sixteen.bytes.weights).toBeCloseTo((m.quantizedParams * 4.126953125) / 8 + (P - m.quantizedParams) * 2 + m.trainableParams * 2, 0);
  });

  test('the same model fully fine-tuned in 16-bit mixed precision needs more than 780 GB', () => {
    const m = fineTuneMemoryWithParams(llama_65b, P, { ...base, gradientCheckpointing: true });
    expect(m.bytes.total).toBeGreaterThan(780 * GB);
  });

  test('fp32 adapters double the adapter weights, gradients and AdamW states (states follow the parameter dtype)', () => {
    const bf16 = fineTuneMemoryWithParams(llama_65b, P, { ...qlora65b, adapterPrecision: 'bf16' });
    const fp32 = fineTuneMemoryWithParams(llama_65b, P, { ...qlora65b, adapterPrecision: 'fp32' });
    const A = bf16.trainableParams;
    expect(fp32.bytes.weights - bf16.bytes.weights).toBeCloseTo(2 * A, 0);
    expect(fp32.bytes.gradients - bf16.bytes.gradients).toBe(2 * A);
    expect(fp32.bytes.optimizer).toBe(8 * A);
    expect(bf16.bytes.optimizer).toBe(4 * A);
  });
});

describe('P-tuning v2 (Liu et al. 2022)', () => {
  test('ChatGLM-6B with 128 prompt tokens trains 128·28·2·4096 = 29,360,128 parameters', () => {
    expect(prefixTuningParams(chatglm6b, 128, false)).toBe(29_360_128);
  });

  test('the reparameterization MLP adds an h×h and an h×(2·L·h) layer', () => {
    expect(prefixTuningParams(chatglm6b, 128, true)).toBe(128 * 4096 + 4096 * 4096 + 4096 + 4096 * 229376 + 229376);
  });

  test('prompts under GQA are as wide as the key/value heads', () => {
    expect(prefixTuningParams(llama3_8b, 10, false)).toBe(32 * 2 * 10 * 1024);
  });

  test('prompt keys and values add activations and widen the score matrix', () => {
    const P = llamaParams(llama2_7b);
    const eager = { ...base, flashAttention: false };
    const pt = fineTuneMemoryWithParams(llama2_7b, P, { ...eager, method: 'p-tuning-v2', prefixLength: 100 });
    const full = fineTuneMemoryWithParams(llama2_7b, P, eager);
    // Eager attention: each extra key adds a 6-byte score per query and head
    // (HF keeps the fp32 softmax and its 16-bit copy); the prompts' keys and values are 2 · 2 · p · n_kv·d_h.
    // P-tuning trains no projection, so its layers keep fewer inputs than full fine-tuning: compare with p = 1.
    const one = fineTuneMemoryWithParams(llama2_7b, P, { ...eager, method: 'p-tuning-v2', prefixLength: 1 });
    expect(pt.activations.perLayer - one.activations.perLayer).toBe(6 * 32 * 512 * 99 + 2 * 2 * 99 * 4096);
    expect(full.activations.perLayer).toBeGreaterThan(one.activations.perLayer);
  });
});

describe('activations (Korthikanti et al. 2022, §4)', () => {
  const gpt3Layer = { seqLen: 2048, batchSize: 1, hiddenSize: 12288, numHeads: 96 };

  test('a GPT-3 layer at s = 2048 stores sbh(34 + 5as/h) = 2,868,903,936 bytes', () => {
    expect(layerActivationBytes({ ...gpt3Layer, flashAttention: false })).toBe(2_868_903_936);
  });

  test('FlashAttention removes the 5as²b term, leaving 34sbh', () => {
    expect(layerActivationBytes({ ...gpt3Layer, flashAttention: true })).toBe(34 * 2048 * 12288);
  });

  test('Llama-2-7B at s = 4096: Korthikanti counts about 3.0 GiB per layer and 97 GiB for 32 layers', () => {
    const k = layerActivationBytes({ seqLen: 4096, batchSize: 1, hiddenSize: 4096, numHeads: 32, flashAttention: false });
    expect(k / GiB).toBeCloseTo(3.03, 2);
    expect((32 * k) / GiB).toBeCloseTo(97, 0);
  });

  test('Llama-2-7B at s = 4096, counted tensor by tensor as transformers keeps them (eager, full fine-tuning)', () => {
    const m = fineTuneMemoryWithParams(llama2_7b, 6.7e9, { ...base, seqLen: 4096, flashAttention: false });
    const h = 4096;
    const I = 11008;
    // Two RMSNorms: fp32 input (4h) and the normalized 16-bit input of the weight (2h); q, k, v (2h each), their
    // shared input (2h), o_proj's input (2h), MLP input (2h); gate, act, up and product (2I each); the softmax in fp32
    // and its 16-bit copy (6 bytes per score, 32 heads × 4096 keys). No dropout: Llama trains without attention dropout.
    const perToken = 2 * 6 * h + 3 * 2 * h + 2 * h + 2 * h + 2 * h + 4 * 2 * I + 6 * 32 * 4096;
    expect(m.activations.perLayer).toBe(4096 * perToken);
  });

  test('full checkpointing keeps 2sbh per layer plus one layer being recomputed', () => {
    const m = fineTuneMemoryWithParams(llama2_7b, 6.7e9, { ...base, seqLen: 4096, gradientCheckpointing: true });
    expect(m.activations.checkpoints).toBe(32 * 2 * 4096 * 4096);
    // Plus the final norm's fp32 input and the trainable head's 16-bit input.
    expect(m.bytes.activations).toBe(m.activations.checkpoints + m.activations.perLayer + m.activations.logits + 4096 * 4096 * (4 + 2));
  });

  test('logits: the fp32 log-softmax, its gradient and the gradient it produces are alive together (12 bytes per logit)', () => {
    const m = fineTuneMemoryWithParams(llama2_7b, 6.7e9, { ...base, batchSize: 2, seqLen: 100 });
    expect(m.activations.logits).toBe(2 * 100 * 32000 * 12);
    // LitGPT's chunked loss in the model dtype keeps the 16-bit chunks and their 16-bit log-softmax.
    expect(fineTuneMemoryWithParams(llama2_7b, 6.7e9, { ...base, batchSize: 2, seqLen: 100, framework: 'litgpt' }).activations.logits).toBe(
      2 * 100 * 32000 * 4,
    );
  });

  test('freezing keeps activations only for the trainable top layers', () => {
    const P = llamaParams(llama2_7b);
    const m = fineTuneMemoryWithParams(llama2_7b, P, { ...base, method: 'freeze', trainableLayers: 3 });
    expect(m.activations.layers).toBe(3);
    expect(m.trainableParams).toBe(3 * (4 * 4096 * 4096 + 3 * 4096 * 11008));
  });
});

describe('bad options', () => {
  const P = 6.7e9;
  const field = (options: Partial<FineTuneOptions>) => {
    try {
      fineTuneMemoryWithParams(llama2_7b, P, { ...base, ...options });
    } catch (error) {
      expect(error).toBeInstanceOf(FineTuneOptionError);
      return (error as FineTuneOptionError).field;
    }
    return 'no error';
  };

  test('rank 0 names lora.rank', () => expect(field({ method: 'lora', lora: { rank: 0, targets: ['q'] } })).toBe('lora.rank'));
  test('empty LoRA targets name lora.targets', () => expect(field({ method: 'qlora', lora: { rank: 8, targets: [] } })).toBe('lora.targets'));
  test('a negative batch names batchSize', () => expect(field({ batchSize: -1 })).toBe('batchSize'));
  test('a fractional sequence length names seqLen', () => expect(field({ seqLen: 10.5 })).toBe('seqLen'));
  test('0 GPUs names gpus', () => expect(field({ gpus: 0 })).toBe('gpus'));
  test('more trainable layers than the model has names trainableLayers', () =>
    expect(field({ method: 'freeze', trainableLayers: 33 })).toBe('trainableLayers'));
  test('offload without ZeRO names offload', () => expect(field({ offload: 'optimizer' })).toBe('offload'));
  test('Infinity as a batch names batchSize', () => expect(field({ batchSize: Infinity })).toBe('batchSize'));
  test('a gate target on a plain-MLP model with nothing else names lora.targets', () => {
    expect(() => fineTuneMemoryWithParams(gpt3, 175e9, { ...base, method: 'lora', lora: { rank: 4, targets: ['gate'] } })).toThrow(/none of the chosen/);
  });
});

describe('reverse solver', () => {
  const P = llamaParams(llama2_7b);
  const options: FineTuneOptions = { ...base, method: 'lora', gradientCheckpointing: true, flashAttention: true, seqLen: 2048 };

  test('the largest batch fits and one more does not', () => {
    const capacity = 80 * GiB;
    const { maxBatchSize, maxSeqLen } = largestFitWithParams(llama2_7b, P, options, capacity);
    expect(maxBatchSize).toBeGreaterThan(1);
    const at = (o: Partial<FineTuneOptions>) => fineTuneMemoryWithParams(llama2_7b, P, { ...options, ...o }).peak.device;
    expect(at({ batchSize: maxBatchSize! })).toBeLessThanOrEqual(capacity);
    expect(at({ batchSize: maxBatchSize! + 1 })).toBeGreaterThan(capacity);
    expect(at({ seqLen: maxSeqLen! })).toBeLessThanOrEqual(capacity);
    expect(at({ seqLen: maxSeqLen! + 1 })).toBeGreaterThan(capacity);
  });

  test('nothing fits when the weights alone are too large', () => {
    expect(largestFitWithParams(llama2_7b, P, base, 24 * GiB)).toMatchObject({ maxBatchSize: null, maxSeqLen: null, cause: 'states' });
  });
});

describe('properties', () => {
  const method = fc.constantFrom('full', 'freeze', 'lora', 'qlora', 'p-tuning-v2' as const);
  const shape = fc
    .record({
      layers: fc.integer({ min: 1, max: 48 }),
      heads: fc.integer({ min: 1, max: 32 }),
      headDim: fc.constantFrom(64, 128),
      groups: fc.constantFrom(1, 2, 4),
    })
    .map(({ layers, heads, headDim, groups }) => {
      const numHeads = heads * groups;
      return llama({ numLayers: layers, hiddenSize: numHeads * headDim, numHeads, numKvHeads: heads, headDim });
    });
  const options = fc.record({
    method,
    precision: fc.constantFrom('fp32', 'mixed', 'bf16' as const),
    optimizer: fc.constantFrom('adamw', 'adamw-8bit', 'sgd-momentum', 'sgd', 'adafactor' as const),
    batchSize: fc.integer({ min: 1, max: 64 }),
    seqLen: fc.integer({ min: 1, max: 32768 }),
    gradientCheckpointing: fc.boolean(),
    flashAttention: fc.boolean(),
    lora: fc.record({ rank: fc.integer({ min: 1, max: 8 }), targets: fc.subarray([...LORA_TARGETS] as LoraTarget[], { minLength: 1 }) }),
    prefixLength: fc.integer({ min: 1, max: 512 }),
    prefixProjection: fc.boolean(),
    trainableLayers: fc.constant(1),
    gpus: fc.integer({ min: 1, max: 1024 }),
    zeroStage: fc.constantFrom(0, 1, 2, 3 as const),
    fp32Gradients: fc.boolean(),
    adapterPrecision: fc.constantFrom('bf16', 'fp32' as const),
  });
  const run = (spec: ModelSpec, o: FineTuneOptions) => fineTuneMemoryWithParams(spec, llamaParams(spec), o);

  test('memory never decreases with batch size or sequence length', () => {
    fc.assert(
      fc.property(shape, options, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4096 }), (spec, o, db, ds) => {
        const m = run(spec, o).bytes.total;
        return run(spec, { ...o, batchSize: o.batchSize + db }).bytes.total >= m && run(spec, { ...o, seqLen: o.seqLen + ds }).bytes.total >= m;
      }),
    );
  });

  // ZeRO-3's gathered largest layer (DeepSpeed's 4·largest_layer_params, issue 15) is a fixed cost that partitioning
  // adds, so with few trainable parameters ZeRO-3 can hold more than ZeRO-2; the sharded states themselves never grow.
  test('a higher ZeRO stage or more GPUs never increases per-GPU memory, apart from ZeRO-3’s fixed gather buffer', () => {
    fc.assert(
      fc.property(shape, options, (spec, o) => {
        const sharded = (x: FineTuneOptions) => {
          const b = run(spec, x).bytes;
          return b.total - b.zeroBuffer;
        };
        const m = sharded(o);
        const higher = o.zeroStage < 3 ? sharded({ ...o, zeroStage: (o.zeroStage + 1) as 1 | 2 | 3 }) : m;
        const buffer = run(spec, { ...o, zeroStage: 3, gpus: 2 }).bytes.zeroBuffer;
        return higher <= m && sharded({ ...o, gpus: o.gpus * 2 }) <= m && buffer === 4 * largestLayerParams(spec);
      }),
    );
  });

  // ZeRO-2 is left out on purpose: it shards full fine-tuning's gradients over N GPUs but replicates the
  // adapters' weights, so on hundreds of GPUs a LoRA run of a tiny model can hold a few bytes more per GPU.
  // Under LLaMA-Factory's profile (16-bit residual stream). HF's QLoRA recipe is left out on purpose: PEFT's kbit
  // upcast makes the residual stream fp32, so at long sequences its activations do exceed full fine-tuning's.
  test('LoRA and QLoRA (rank up to 1/8 of the narrowest matrix) never need more than full fine-tuning, without ZeRO-2', () => {
    fc.assert(
      fc.property(shape, options, fc.constantFrom(0, 1, 3 as const), (spec, o, zeroStage) => {
        const base: FineTuneOptions = { ...o, zeroStage, framework: 'llama-factory' };
        const full = run(spec, { ...base, method: 'full' }).bytes.total;
        return run(spec, { ...base, method: 'lora' }).bytes.total <= full && run(spec, { ...base, method: 'qlora' }).bytes.total <= full;
      }),
    );
  });

  test('every figure is finite and non-negative', () => {
    fc.assert(
      fc.property(shape, options, (spec, o) => {
        const m = run(spec, o);
        return [m.totalParams, m.trainableParams, m.cpuBytes, ...Object.values(m.bytes)].every((v) => Number.isFinite(v) && v >= 0);
      }),
    );
  });
});
