/** Problems for the fine-tune memory page: 16 bytes per parameter, ZeRO stages, activations, what fits. */
import { fineTuneMemory, layerActivationBytes, zeroShard } from '~/lib/memory/finetune-memory';
import { countParams } from '~/lib/model/param-count';
import { gpuById } from '~/lib/memory/gpu-data';
import { model } from './presets';
import { GB, GiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const finetuneMemoryProblems: PageProblems = {
  page: 'finetune-memory',
  problems: [
    problem({
      id: 'mem-1',
      level: 'plug-in',
      inputs: { model: 'qwen2.5-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const r = fineTuneMemory(m.spec, { method: 'full', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 1, gradientCheckpointing: true });
        const states = r.bytes.weights + r.bytes.gradients + r.bytes.optimizer;
        return {
          question: say(
            t`全量微调 ${m.name}（${N} 个参数），混合精度 AdamW，单卡不分片。模型状态（权重、梯度、优化器状态）共多少 GB（$10^9$ 字节）？`,
            t`Full fine-tuning of ${m.name} (${N} parameters) with mixed-precision AdamW on one GPU, nothing sharded. How many GB ($10^9$ bytes) do the model states (weights, gradients, optimizer state) take?`,
          ),
          answer: num(states / GB, 'GB', rel(0.01), 1),
          hint: say(
            t`ZeRO 的记账：16 位权重 2 + 16 位梯度 2 + fp32 主权重、$m$、$v$ 各 4。`,
            t`ZeRO's accounting: 16-bit weights 2 + 16-bit gradients 2 + fp32 master, $m$, $v$ at 4 each.`,
          ),
          steps: [
            say(t`$16 \times ${N} = ${n(states / GB, 1)}$ GB。`, t`$16 \times ${N} = ${n(states / GB, 1)}$ GB.`),
            say(t`即 ${n(states / GiB, 1)} GiB，还没算激活。`, t`That is ${n(states / GiB, 1)} GiB, before any activation.`),
          ],
          calculator: { page: 'calculators/finetune-memory', calculator: 'finetune-memory', params: { 'ft.model': inputs.model, 'ft.method': 'full' } },
        };
      },
    }),
    problem({
      id: 'mem-2',
      level: 'work-out',
      inputs: { model: 'llama-2-13b', gpus: 8, stage: 2 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const stage = inputs.stage as 0 | 1 | 2 | 3;
        const shard = zeroShard({ weights: 2 * N, gradients: 2 * N, optimizer: 12 * N }, stage, inputs.gpus);
        const perGpu = shard.weights + shard.gradients + shard.optimizer;
        return {
          question: say(
            t`${m.name}（${N} 个参数）全量微调，混合精度 AdamW，${inputs.gpus} 张卡数据并行，ZeRO-${inputs.stage}。每张卡的模型状态是多少 GB？`,
            t`Full fine-tuning of ${m.name} (${N} parameters) with mixed-precision AdamW, data parallel over ${inputs.gpus} GPUs with ZeRO-${inputs.stage}. How many GB of model states per GPU?`,
          ),
          answer: num(perGpu / GB, 'GB', rel(0.01), 1),
          hint: say(
            t`ZeRO-1 分片优化器状态，ZeRO-2 再分片梯度，ZeRO-3 再分片权重。`,
            t`ZeRO-1 shards the optimizer state, ZeRO-2 the gradients too, ZeRO-3 the weights too.`,
          ),
          steps: [
            say(
              t`权重 ${n(shard.weights / GB, 1)} GB，梯度 ${n(shard.gradients / GB, 1)} GB，优化器状态 ${n(shard.optimizer / GB, 1)} GB。`,
              t`Weights ${n(shard.weights / GB, 1)} GB, gradients ${n(shard.gradients / GB, 1)} GB, optimizer state ${n(shard.optimizer / GB, 1)} GB.`,
            ),
            say(
              t`合计 ${n(perGpu / GB, 1)} GB，不分片时为 ${n((16 * N) / GB, 1)} GB。`,
              t`${n(perGpu / GB, 1)} GB in all, against ${n((16 * N) / GB, 1)} GB unsharded.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'full', 'ft.gpus': inputs.gpus, 'ft.zero': String(inputs.stage) },
          },
        };
      },
    }),
    problem({
      id: 'mem-3',
      level: 'work-out',
      inputs: { model: 'llama-2-7b', seqLen: 2048, batch: 1 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const perLayer = layerActivationBytes({
          seqLen: inputs.seqLen,
          batchSize: inputs.batch,
          hiddenSize: s.hiddenSize,
          numHeads: s.numHeads,
          flashAttention: false,
        });
        return {
          question: say(
            t`按 Korthikanti 等人的公式 $s\,b\,h\,(34 + 5 a s / h)$（16 位激活），${m.name}（$h = ${s.hiddenSize}$，$a = ${s.numHeads}$）在 $s = ${inputs.seqLen}$、$b = ${inputs.batch}$ 时一层的激活是多少 GiB？不用 FlashAttention。`,
            t`By Korthikanti et al.'s $s\,b\,h\,(34 + 5 a s / h)$ (16-bit activations), how many GiB of activations does one layer of ${m.name} ($h = ${s.hiddenSize}$, $a = ${s.numHeads}$) keep at $s = ${inputs.seqLen}$, $b = ${inputs.batch}$? No FlashAttention.`,
          ),
          answer: num(perLayer / GiB, 'GiB', rel(0.01), 3),
          hint: say(t`$5as/h$ 一项来自分数、softmax 和 dropout 的 $s \times s$ 矩阵。`, t`The $5as/h$ term is the $s \times s$ scores, softmax and dropout.`),
          steps: [
            say(
              t`$34 + 5 \cdot ${s.numHeads} \cdot ${inputs.seqLen} / ${s.hiddenSize} = ${n(34 + (5 * s.numHeads * inputs.seqLen) / s.hiddenSize, 1)}$。`,
              t`$34 + 5 \cdot ${s.numHeads} \cdot ${inputs.seqLen} / ${s.hiddenSize} = ${n(34 + (5 * s.numHeads * inputs.seqLen) / s.hiddenSize, 1)}$.`,
            ),
            say(
              t`$${inputs.seqLen} \cdot ${inputs.batch} \cdot ${s.hiddenSize} \cdot ${n(34 + (5 * s.numHeads * inputs.seqLen) / s.hiddenSize, 1)}$ 字节 $= ${n(perLayer / GiB, 3)}$ GiB；乘 ${s.numLayers} 层为 ${n((perLayer * s.numLayers) / GiB, 1)} GiB。`,
              t`$${inputs.seqLen} \cdot ${inputs.batch} \cdot ${s.hiddenSize} \cdot ${n(34 + (5 * s.numHeads * inputs.seqLen) / s.hiddenSize, 1)}$ bytes $= ${n(perLayer / GiB, 3)}$ GiB; ${n((perLayer * s.numLayers) / GiB, 1)} GiB over ${s.numLayers} layers.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'full', 'ft.seq': inputs.seqLen, 'ft.batch': inputs.batch, 'ft.flash': false, 'ft.ckpt': false },
          },
        };
      },
    }),
    problem({
      id: 'mem-4',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', rank: 16, seqLen: 2048, gpu: 'rtx-4090' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gpu = gpuById(inputs.gpu);
        const r = fineTuneMemory(m.spec, {
          method: 'lora',
          precision: 'mixed',
          optimizer: 'adamw',
          batchSize: 1,
          seqLen: inputs.seqLen,
          gradientCheckpointing: true,
          flashAttention: true,
          lora: { rank: inputs.rank, targets: ['q', 'k', 'v', 'o'] },
        });
        return {
          question: say(
            t`LoRA（秩 ${inputs.rank}，$W_q, W_k, W_v, W_o$）微调 ${m.name}：16 位冻结权重，批大小 1，序列 ${inputs.seqLen}，梯度检查点与 FlashAttention 都开。理论总显存是多少 GiB？能否放进一块 ${gpu.name}（${n(gpu.memoryBytes / GiB, 1)} GiB）？填 GiB 数。`,
            t`LoRA (rank ${inputs.rank}, $W_q, W_k, W_v, W_o$) on ${m.name}: 16-bit frozen weights, batch 1, sequence ${inputs.seqLen}, gradient checkpointing and FlashAttention on. What is the theoretical total in GiB, and does it fit one ${gpu.name} (${n(gpu.memoryBytes / GiB, 1)} GiB)? Give the GiB.`,
          ),
          answer: num(r.bytes.total / GiB, 'GiB', rel(0.03), 1),
          hint: say(
            t`冻结权重占大头；适配器的梯度和优化器状态很小；激活在检查点下只存每层的输入。`,
            t`The frozen weights dominate; the adapters' gradients and optimizer state are small; with checkpointing only each layer's input is kept.`,
          ),
          steps: [
            say(
              t`权重 ${n(r.bytes.weights / GiB, 2)} GiB，梯度 ${n(r.bytes.gradients / GiB, 3)} GiB，优化器 ${n(r.bytes.optimizer / GiB, 3)} GiB，激活 ${n(r.bytes.activations / GiB, 2)} GiB。`,
              t`Weights ${n(r.bytes.weights / GiB, 2)} GiB, gradients ${n(r.bytes.gradients / GiB, 3)} GiB, optimizer ${n(r.bytes.optimizer / GiB, 3)} GiB, activations ${n(r.bytes.activations / GiB, 2)} GiB.`,
            ),
            say(
              t`合计 ${n(r.bytes.total / GiB, 1)} GiB，${r.bytes.total < gpu.memoryBytes ? '理论上放得下' : '放不下'}。实测还要加上 CUDA 上下文和分配器的开销，余量要留够。`,
              t`${n(r.bytes.total / GiB, 1)} GiB in all: it ${r.bytes.total < gpu.memoryBytes ? 'fits in theory' : 'does not fit'}. Measured runs add the CUDA context and allocator overhead on top, so leave headroom.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: {
              'ft.model': inputs.model,
              'ft.method': 'lora',
              'ft.rank': inputs.rank,
              'ft.targets': 'q,k,v,o',
              'ft.seq': inputs.seqLen,
              'ft.ckpt': true,
              'ft.flash': true,
              'ft.gpu': inputs.gpu,
            },
          },
        };
      },
    }),
    problem({
      id: 'mem-5',
      level: 'explain',
      inputs: { model: 'llama-2-7b', gpus: 4 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const one = zeroShard({ weights: 2 * N, gradients: 2 * N, optimizer: 12 * N }, 3, 1);
        const many = zeroShard({ weights: 2 * N, gradients: 2 * N, optimizer: 12 * N }, 3, inputs.gpus);
        const sum = (x: typeof one) => x.weights + x.gradients + x.optimizer;
        return {
          question: say(
            t`只有一张卡时打开 ZeRO-3 全量微调 ${m.name}，每张卡的模型状态会变少吗？`,
            t`With a single GPU, does switching on ZeRO-3 for full fine-tuning of ${m.name} reduce the model states on the card?`,
          ),
          answer: choice(
            [
              say(t`会：ZeRO-3 分片了权重、梯度和优化器状态`, t`Yes: ZeRO-3 shards weights, gradients and optimizer state`),
              say(
                t`不会：分片要在多张卡之间分摊，一张卡时每份就是全部；单卡要省显存得靠卸载到 CPU`,
                t`No: sharding splits across GPUs, and with one GPU each shard is the whole; on one GPU only offloading to the CPU helps`,
              ),
            ],
            sum(one) >= 16 * N ? 1 : 0,
          ),
          hint: say(t`ZeRO-3 每张卡的模型状态是 $16\Psi / N_d$。`, t`ZeRO-3 leaves $16\Psi / N_d$ of model states per GPU.`),
          steps: [
            say(t`$N_d = 1$：${n(sum(one) / GB, 1)} GB，与不分片相同。`, t`$N_d = 1$: ${n(sum(one) / GB, 1)} GB, the same as unsharded.`),
            say(
              t`$N_d = ${inputs.gpus}$：${n(sum(many) / GB, 1)} GB。单卡时 ZeRO-Offload 把优化器状态和更新放到 CPU 内存，以 PCIe 带宽和 CPU 时间换显存。`,
              t`$N_d = ${inputs.gpus}$: ${n(sum(many) / GB, 1)} GB. On one GPU, ZeRO-Offload moves the optimizer state and update to CPU memory, trading PCIe bandwidth and CPU time for GPU memory.`,
            ),
          ],
        };
      },
    }),
  ],
};
