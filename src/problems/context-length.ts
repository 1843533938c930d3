/** Problems for "How long can the input be?": quadratic attention, the crossover, the KV cache at full window. */
import { kvCacheBytes, maxContextLength, freeKvBytes } from '~/lib/memory/kv-cache';
import { linearLayerParams } from '~/lib/memory/finetune-memory';
import { weightsBytes } from '~/lib/model/weight-formats';
import { gpuById } from '~/lib/memory/gpu-data';
import { slidingWindowReach } from '~/lib/masks/attention-mask';
import { model } from './presets';
import { GiB, abs, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const contextLengthProblems: PageProblems = {
  page: 'context-length',
  problems: [
    problem({
      id: 'ctx-1',
      level: 'plug-in',
      inputs: { short: 2048, long: 8192 },
      solve: ({ short, long }) => {
        const ratio = (long / short) ** 2;
        return {
          question: say(
            t`一层自注意力的分数与加权求和约需 $4 n^2 d$ FLOPs。序列从 ${short} 加长到 ${long} 个词元，这部分运算量变为原来的多少倍？`,
            t`One self-attention layer's scores and weighted sum take about $4 n^2 d$ FLOPs. Going from ${short} to ${long} tokens, by what factor does that work grow?`,
          ),
          answer: num(ratio, '×', rel(0.001), 0),
          hint: say(t`$d$ 不变，运算量与 $n^2$ 成正比。`, t`$d$ is fixed; the work goes as $n^2$.`),
          steps: [
            say(t`长度之比 $${long}/${short} = ${long / short}$。`, t`The lengths' ratio is $${long}/${short} = ${long / short}$.`),
            say(
              t`平方：$${long / short}^2 = ${ratio}$ 倍。LongLoRA 论文正是用这个倍数说明长上下文训练的代价。`,
              t`Squared: $${long / short}^2 = ${ratio}$ times. The LongLoRA paper uses exactly this factor to show what long-context training costs.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'ctx-2',
      level: 'work-out',
      inputs: { model: 'mistral-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const perLayer = linearLayerParams(m.spec) / m.spec.numLayers;
        const crossover = perLayer / (2 * m.spec.hiddenSize);
        return {
          question: say(
            t`按本页“注意力何时超过层里其余部分”的算法：${m.name} 每层的线性层共有 ${perLayer} 个权重，$d = ${m.spec.hiddenSize}$。序列长度到多少时，注意力分数的 $4n^2d$ 超过权重乘法的 $2n \cdot P_{\text{layer}}$？`,
            t`Following the page's "when attention outweighs the rest of the layer": ${m.name} has ${perLayer} linear weights per layer and $d = ${m.spec.hiddenSize}$. At what sequence length do the scores' $4n^2d$ exceed the weight products' $2n \cdot P_{\text{layer}}$?`,
          ),
          answer: num(crossover, { zh: '个词元', en: 'tokens' }, rel(0.01), 0),
          hint: say(t`$4n^2 d = 2n P_{\text{layer}} \iff n = P_{\text{layer}} / (2d)$。`, t`$4n^2 d = 2n P_{\text{layer}} \iff n = P_{\text{layer}} / (2d)$.`),
          steps: [
            say(t`$n = ${perLayer} / (2 \cdot ${m.spec.hiddenSize})$。`, t`$n = ${perLayer} / (2 \cdot ${m.spec.hiddenSize})$.`),
            say(
              t`$\approx ${n(crossover, 0)}$ 个词元。更短时长提示的代价大体随长度线性增长；长到数万时平方项占主导。`,
              t`$\approx ${n(crossover, 0)}$ tokens. Below it a long prompt costs about what its length suggests; at tens of thousands the quadratic term dominates.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'ctx-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const window = m.spec.maxPositionEmbeddings!;
        const kv = kvCacheBytes(m.spec, { seqLen: window, batch: 1, dtype: 'bf16' }).total;
        const w = weightsBytes(m.spec, 'bf16');
        return {
          question: say(
            t`${m.name} 的上下文窗口是 ${window} 个词元。一条填满窗口的序列，BF16 的 KV 缓存是多少 GiB？它比 BF16 权重（${n(w / GiB, 1)} GiB）大还是小？填 KV 缓存的 GiB 数。`,
            t`${m.name}'s context window is ${window} tokens. For one sequence filling it, how many GiB is the BF16 KV cache? Is that more or less than the BF16 weights (${n(w / GiB, 1)} GiB)? Give the cache in GiB.`,
          ),
          answer: num(kv / GiB, 'GiB', rel(0.01), 2),
          hint: say(t`每词元 $2 L n_{kv} d_h \cdot 2$ 字节，乘以窗口长度。`, t`Per token $2 L n_{kv} d_h \cdot 2$ bytes, times the window.`),
          steps: [
            say(
              t`$2 \cdot ${m.spec.numLayers} \cdot ${m.spec.numKvHeads} \cdot ${m.spec.headDim} \cdot 2 \cdot ${window}$ 字节 $= ${n(kv / GiB, 2)}$ GiB。`,
              t`$2 \cdot ${m.spec.numLayers} \cdot ${m.spec.numKvHeads} \cdot ${m.spec.headDim} \cdot 2 \cdot ${window}$ bytes $= ${n(kv / GiB, 2)}$ GiB.`,
            ),
            say(
              t`是权重的 ${n(kv / w, 2)} 倍。批里每多一条满窗口的序列，就再多一份。`,
              t`${n(kv / w, 2)} times the weights. Every further full-window sequence in the batch adds another copy.`,
            ),
          ],
          calculator: { page: 'calculators/kv-cache', calculator: 'kv-cache', params: { 'kv.model': inputs.model, 'kv.seq': window, 'kv.kvdt': 'bf16' } },
        };
      },
    }),
    problem({
      id: 'ctx-4',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', gpu: 'a100-80gb', utilization: 0.9 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gpu = gpuById(inputs.gpu);
        const w = weightsBytes(m.spec, 'bf16');
        const free = freeKvBytes(gpu.memoryBytes, inputs.utilization, w);
        const longest = maxContextLength(m.spec, { freeBytes: free, batch: 1, dtype: 'bf16' });
        const tokens = longest.kind === 'limited' ? longest.seqLen : 0;
        return {
          question: say(
            t`一块 ${gpu.name}（${n(gpu.memoryBytes / GiB, 1)} GiB），显存利用率上限 ${n(inputs.utilization, 2)}，放 ${m.name} 的 BF16 权重后，剩下的显存能放一条多长的序列的 KV 缓存（BF16）？`,
            t`One ${gpu.name} (${n(gpu.memoryBytes / GiB, 1)} GiB) at a memory-utilization cap of ${n(inputs.utilization, 2)} holds ${m.name}'s BF16 weights. How long a sequence's KV cache (BF16) fits in what is left?`,
          ),
          answer: num(tokens, { zh: '个词元', en: 'tokens' }, rel(0.01), 0),
          hint: say(
            t`可用 $= u \cdot M_{\text{GPU}} - M_w$；再除以每词元的 KV 字节数。`,
            t`Free $= u \cdot M_{\text{GPU}} - M_w$; divide by the KV bytes per token.`,
          ),
          steps: [
            say(
              t`$${n(inputs.utilization, 2)} \times ${n(gpu.memoryBytes / GiB, 1)} - ${n(w / GiB, 2)} = ${n(free / GiB, 2)}$ GiB。`,
              t`$${n(inputs.utilization, 2)} \times ${n(gpu.memoryBytes / GiB, 1)} - ${n(w / GiB, 2)} = ${n(free / GiB, 2)}$ GiB.`,
            ),
            say(
              t`除以每词元 ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken} 字节，约 ${tokens} 个词元${tokens >= (m.spec.maxPositionEmbeddings ?? Infinity) ? '，超过它的窗口' : '，不到它的窗口'} ${m.spec.maxPositionEmbeddings ?? 0}。实际引擎还要留出激活和 CUDA 图的显存，能放下的更少。`,
              t`Divided by ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken} bytes a token: about ${tokens} tokens, ${tokens >= (m.spec.maxPositionEmbeddings ?? Infinity) ? 'more' : 'less'} than its window of ${m.spec.maxPositionEmbeddings ?? 0}. A real engine also reserves memory for activations and CUDA graphs, so less fits.`,
            ),
          ],
          calculator: {
            page: 'calculators/kv-cache',
            calculator: 'kv-cache',
            params: { 'kv.model': inputs.model, 'kv.gpu': inputs.gpu, 'kv.util': inputs.utilization, 'kv.kvdt': 'bf16', 'kv.wdt': 'bf16', 'kv.block': 1 },
          },
        };
      },
    }),
    problem({
      id: 'ctx-5',
      level: 'explain',
      inputs: { model: 'mistral-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const window = m.spec.slidingWindow?.window ?? 0;
        const reach = slidingWindowReach(m.spec.numLayers, window);
        return {
          question: say(
            t`${m.name} 每层只看最近 ${window} 个键（滑动窗口），共 ${m.spec.numLayers} 层。信息最远能从多少个词元之外传到当前位置？这能否说明模型“用得上”这么长的上下文？`,
            t`${m.name} attends to the last ${window} keys on every layer (a sliding window) over ${m.spec.numLayers} layers. From how many tokens back can information reach the current position at most? Does that mean the model can "use" that much context?`,
          ),
          answer: num(reach, { zh: '个词元', en: 'tokens' }, abs(0.5), 0),
          hint: say(t`每一层最多再往回 $W - 1$ 个位置；层层叠加。`, t`Each layer reaches at most $W - 1$ positions further back; the layers stack.`),
          steps: [
            say(
              t`$L (W - 1) + 1 = ${m.spec.numLayers} \cdot ${window - 1} + 1 = ${reach}$。`,
              t`$L (W - 1) + 1 = ${m.spec.numLayers} \cdot ${window - 1} + 1 = ${reach}$.`,
            ),
            say(
              t`这是信息“能传到”的上界，不是模型“会利用”的长度：远处的信息要经多层转述才能到达，能否被用上要看长上下文评测（名义上下文与有效上下文之别）。`,
              t`That bounds where information can come from, not what the model will use: distant information must be relayed through many layers, and whether it is used is what long-context evaluations measure (nominal versus effective context).`,
            ),
          ],
        };
      },
    }),
  ],
};
