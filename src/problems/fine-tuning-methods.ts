/** Problems for the fine-tuning methods page: LoRA counts, the rank for a 1 % adapter, P-tuning v2, QLoRA weights. */
import { loraParams, prefixTuningParams, fineTuneMemory, NF4_DOUBLE_QUANT_BITS } from '~/lib/memory/finetune-memory';
import { LORA_TARGETS } from '~/lib/memory/lora-targets';
import { countParams } from '~/lib/model/param-count';
import { model } from './presets';
import { GiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const ALL = [...LORA_TARGETS];

export const fineTuningMethodsProblems: PageProblems = {
  page: 'fine-tuning-methods',
  problems: [
    problem({
      id: 'ft-1',
      level: 'plug-in',
      inputs: { model: 'mistral-7b', rank: 16 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const count = loraParams(s, { rank: inputs.rank, targets: ['q', 'v'] });
        const kvWidth = s.numKvHeads * s.headDim;
        return {
          question: say(
            t`给 ${m.name}（$h = ${s.hiddenSize}$，${s.numLayers} 层，GQA：$W_v$ 输出 ${kvWidth} 维）的 $W_q$ 和 $W_v$ 加秩 $r = ${inputs.rank}$ 的 LoRA。可训练参数有多少（百万）？`,
            t`LoRA of rank $r = ${inputs.rank}$ on ${m.name}'s $W_q$ and $W_v$ ($h = ${s.hiddenSize}$, ${s.numLayers} layers, GQA: $W_v$ outputs ${kvWidth}). How many trainable parameters, in millions?`,
          ),
          answer: num(count / 1e6, { zh: '百万', en: 'million' }, rel(0.01), 3),
          hint: say(
            t`每个矩阵 $r(d_{\text{in}} + d_{\text{out}})$，用真实形状。`,
            t`Each matrix adds $r(d_{\text{in}} + d_{\text{out}})$, with its true shape.`,
          ),
          steps: [
            say(
              t`每层：$${inputs.rank}(${s.hiddenSize} + ${s.numHeads * s.headDim}) + ${inputs.rank}(${s.hiddenSize} + ${kvWidth}) = ${count / s.numLayers}$。`,
              t`Per layer: $${inputs.rank}(${s.hiddenSize} + ${s.numHeads * s.headDim}) + ${inputs.rank}(${s.hiddenSize} + ${kvWidth}) = ${count / s.numLayers}$.`,
            ),
            say(
              t`乘以 ${s.numLayers} 层：${count}，约 ${n(count / 1e6, 3)} 百万，是全部参数的 ${n((count / countParams(s)) * 100, 3)} %。`,
              t`Times ${s.numLayers} layers: ${count}, about ${n(count / 1e6, 3)} million, ${n((count / countParams(s)) * 100, 3)} % of the model.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'lora', 'ft.rank': inputs.rank, 'ft.targets': 'q,v' },
          },
        };
      },
    }),
    problem({
      id: 'ft-2',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', percent: 1 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const perRank = loraParams(m.spec, { rank: 1, targets: ALL });
        const rank = ((inputs.percent / 100) * N) / perRank;
        return {
          question: say(
            t`给 ${m.name} 的全部七类线性层（$W_q, W_k, W_v, W_o$ 与 gate、up、down）加 LoRA。秩取多少时，适配器参数恰为模型参数的 ${inputs.percent} %？（可以不是整数。）`,
            t`LoRA on all seven kinds of linear layer of ${m.name} ($W_q, W_k, W_v, W_o$ and gate, up, down). At what rank do the adapters hold exactly ${inputs.percent} % of the model's parameters? (It need not be whole.)`,
          ),
          answer: num(rank, '', rel(0.01), 1),
          hint: say(t`LoRA 参数与 $r$ 成正比：先算 $r = 1$ 时的个数。`, t`LoRA's count is proportional to $r$: work out the count at $r = 1$ first.`),
          steps: [
            say(t`$r = 1$ 时：${perRank} 个参数。`, t`At $r = 1$: ${perRank} parameters.`),
            say(
              t`目标：$${inputs.percent} \% \times ${N} = ${n((inputs.percent / 100) * N, 0)}$。`,
              t`Target: $${inputs.percent} \% \times ${N} = ${n((inputs.percent / 100) * N, 0)}$.`,
            ),
            say(
              t`$r = ${n((inputs.percent / 100) * N, 0)} / ${perRank} \approx ${n(rank, 1)}$：即使秩上百，LoRA 也只训练模型的百分之一左右。`,
              t`$r = ${n((inputs.percent / 100) * N, 0)} / ${perRank} \approx ${n(rank, 1)}$: even with a rank in the hundreds, LoRA trains about a hundredth of the model.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'lora', 'ft.rank': Math.round(rank), 'ft.targets': ALL.join(',') },
          },
        };
      },
    }),
    problem({
      id: 'ft-3',
      level: 'plug-in',
      inputs: { model: 'llama-2-7b', prefix: 128 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const count = prefixTuningParams(s, inputs.prefix, false);
        return {
          question: say(
            t`P-tuning v2 在 ${m.name} 的每一层放 ${inputs.prefix} 个前缀位置，以键和值的形式存放（不用重参数化）。可训练参数有多少（百万）？`,
            t`P-tuning v2 puts ${inputs.prefix} prefix positions in every layer of ${m.name}, stored as their keys and values (no reparameterization). How many trainable parameters, in millions?`,
          ),
          answer: num(count / 1e6, { zh: '百万', en: 'million' }, rel(0.01), 2),
          hint: say(t`$L \cdot 2 \cdot p \cdot n_{kv} d_h$。`, t`$L \cdot 2 \cdot p \cdot n_{kv} d_h$.`),
          steps: [
            say(
              t`$${s.numLayers} \cdot 2 \cdot ${inputs.prefix} \cdot ${s.numKvHeads * s.headDim} = ${count}$，约 ${n(count / 1e6, 2)} 百万（${n((count / countParams(s)) * 100, 3)} %）。`,
              t`$${s.numLayers} \cdot 2 \cdot ${inputs.prefix} \cdot ${s.numKvHeads * s.headDim} = ${count}$, about ${n(count / 1e6, 2)} million (${n((count / countParams(s)) * 100, 3)} %).`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'p-tuning-v2', 'ft.prefix': inputs.prefix },
          },
        };
      },
    }),
    problem({
      id: 'ft-4',
      level: 'work-out',
      inputs: { model: 'llama-2-13b', rank: 16 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const r = fineTuneMemory(m.spec, {
          method: 'qlora',
          precision: 'mixed',
          optimizer: 'adamw',
          batchSize: 1,
          seqLen: 512,
          gradientCheckpointing: true,
          lora: { rank: inputs.rank, targets: ALL },
        });
        return {
          question: say(
            t`用 QLoRA 微调 ${m.name}：线性层权重存为 NF4 并做双重量化（每个权重 ${n(NF4_DOUBLE_QUANT_BITS, 3)} 位），其余参数（词嵌入、输出头、归一化）保持 16 位。冻结权重要占多少 GiB？`,
            t`QLoRA on ${m.name}: linear-layer weights stored as NF4 with double quantization (${n(NF4_DOUBLE_QUANT_BITS, 3)} bits a weight), the rest (embedding, head, norms) kept in 16 bits. How many GiB do the frozen weights take?`,
          ),
          answer: num(r.bytes.weights / GiB, 'GiB', rel(0.02), 2),
          hint: say(t`分两部分：量化的线性层参数，和保持 16 位的其余参数。`, t`Two parts: the quantized linear-layer parameters, and the rest at 16 bits.`),
          steps: [
            say(
              t`线性层 ${r.quantizedParams} 个参数 × ${n(NF4_DOUBLE_QUANT_BITS, 3)} 位；其余 ${r.totalParams - r.quantizedParams} 个 × 2 字节。`,
              t`${r.quantizedParams} linear-layer parameters × ${n(NF4_DOUBLE_QUANT_BITS, 3)} bits; the other ${r.totalParams - r.quantizedParams} × 2 bytes.`,
            ),
            say(
              t`合计约 ${n(r.bytes.weights / GiB, 2)} GiB（含适配器），而 16 位权重要 ${n((r.totalParams * 2) / GiB, 1)} GiB。`,
              t`About ${n(r.bytes.weights / GiB, 2)} GiB in all (adapters included), against ${n((r.totalParams * 2) / GiB, 1)} GiB in 16 bits.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'qlora', 'ft.rank': inputs.rank, 'ft.targets': ALL.join(','), 'ft.ckpt': true, 'ft.seq': 512 },
          },
        };
      },
    }),
    problem({
      id: 'ft-5',
      level: 'explain',
      inputs: { model: 'llama-2-7b', rank: 8 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const h = m.spec.hiddenSize;
        const merged = h * h;
        const adapters = inputs.rank * (h + h);
        return {
          question: say(
            t`${m.name} 的一个 $W_q$（$${h} \times ${h}$）训练了秩 ${inputs.rank} 的 LoRA。为什么合并后推理没有额外延迟？`,
            t`One $W_q$ of ${m.name} ($${h} \times ${h}$) was trained with a rank-${inputs.rank} LoRA. Why is there no extra inference latency once merged?`,
          ),
          answer: choice(
            [
              say(
                t`因为 $W_0 + \frac{\alpha}{r}BA$ 仍是一个同样大小的矩阵，推理时只做一次原来的乘法`,
                t`Because $W_0 + \frac{\alpha}{r}BA$ is still one matrix of the same size, so inference does the original product only`,
              ),
              say(t`因为适配器很小，算它几乎不花时间`, t`Because the adapters are small and cost almost nothing to compute`),
              say(t`因为合并时丢掉了适配器`, t`Because merging drops the adapters`),
            ],
            0,
          ),
          hint: say(t`比较合并前后每个词元要做的乘法。`, t`Compare the products each token needs before and after merging.`),
          steps: [
            say(
              t`合并前：$W_0 x$ 加上 $B(Ax)$，多 ${adapters} 个乘加，还多两次小矩阵乘法的内核调用。`,
              t`Unmerged: $W_0 x$ plus $B(Ax)$, ${adapters} more multiply-adds and two more small kernel launches.`,
            ),
            say(
              t`合并后：$W' = W_0 + \frac{\alpha}{r} BA$ 仍是 ${merged} 个数，形状不变，推理与原模型完全相同。不合并时那两次小乘法在批大小为 1 时反而可能拖慢速度。`,
              t`Merged: $W' = W_0 + \frac{\alpha}{r} BA$ is still ${merged} numbers of the same shape, so inference is exactly the original model's. Left unmerged, those two small products can slow batch-1 decoding.`,
            ),
          ],
        };
      },
    }),
  ],
};
