/** Problems for "The Transformer, counted": parameters and FLOPs per component, 6·N·D, latency from bytes. */
import {
  attentionParityContext,
  attentionProjectionWeights,
  componentCounts,
  sixND,
  trainingFlops,
  type Component,
  type ComponentCounts,
} from '~/lib/model/component-counts';
import { countParams } from '~/lib/model/param-count';
import { inferenceSpeed } from '~/lib/memory/inference-speed';
import { gpuById } from '~/lib/memory/gpu-data';
import { model } from './presets';
import { choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const part = (c: ComponentCounts, name: Component) => c.components.find((x) => x.component === name)!;

export const transformerCountedProblems: PageProblems = {
  page: 'transformer-counted',
  problems: [
    problem({
      id: 'counted-1',
      level: 'plug-in',
      inputs: { model: 'llama-3.1-8b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const perLayer = attentionProjectionWeights(s);
        const q = s.hiddenSize * s.numHeads * s.headDim;
        const kv = s.hiddenSize * s.numKvHeads * s.headDim;
        return {
          question: say(
            t`${m.name} 的 $h = ${s.hiddenSize}$，$n_h = ${s.numHeads}$ 个查询头，$n_{kv} = ${s.numKvHeads}$ 个键值头，$d_h = ${s.headDim}$，投影不带偏置。一层的注意力投影（$W_Q, W_K, W_V, W_O$）共有多少个参数？以百万为单位。`,
            t`${m.name} has $h = ${s.hiddenSize}$, $n_h = ${s.numHeads}$ query heads, $n_{kv} = ${s.numKvHeads}$ key/value heads and $d_h = ${s.headDim}$, with no biases on the projections. How many parameters do one layer's attention projections ($W_Q, W_K, W_V, W_O$) hold, in millions?`,
          ),
          answer: num(perLayer / 1e6, { zh: '百万', en: 'million' }, rel(0.01), 3),
          hint: say(
            t`$W_Q$ 和 $W_O$ 都是 $h \times n_h d_h$；分组查询注意力下 $W_K$、$W_V$ 只有 $h \times n_{kv} d_h$。`,
            t`$W_Q$ and $W_O$ are both $h \times n_h d_h$; under grouped-query attention $W_K$ and $W_V$ are only $h \times n_{kv} d_h$.`,
          ),
          steps: [
            say(
              t`$W_Q$、$W_O$：各 $${s.hiddenSize} \times ${s.numHeads} \cdot ${s.headDim} = ${q}$。`,
              t`$W_Q$, $W_O$: $${s.hiddenSize} \times ${s.numHeads} \cdot ${s.headDim} = ${q}$ each.`,
            ),
            say(
              t`$W_K$、$W_V$：各 $${s.hiddenSize} \times ${s.numKvHeads} \cdot ${s.headDim} = ${kv}$。`,
              t`$W_K$, $W_V$: $${s.hiddenSize} \times ${s.numKvHeads} \cdot ${s.headDim} = ${kv}$ each.`,
            ),
            say(
              t`合计 $2 \cdot ${q} + 2 \cdot ${kv} = ${perLayer}$，约 ${n(perLayer / 1e6, 3)} 百万；乘以 ${s.numLayers} 层是逐项计数表里“注意力投影”一行。`,
              t`In all $2 \cdot ${q} + 2 \cdot ${kv} = ${perLayer}$, about ${n(perLayer / 1e6, 3)} million; times ${s.numLayers} layers it is the table's "attention projections" row.`,
            ),
          ],
          calculator: { page: 'calculators/transformer-counts', calculator: 'transformer-counts', params: { 'tc.model': inputs.model } },
        };
      },
    }),
    problem({
      id: 'counted-2',
      level: 'plug-in',
      inputs: { model: 'mistral-7b', context: 4096 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const c = componentCounts(s, { contextTokens: inputs.context });
        const mlp = part(c, 'mlp');
        return {
          question: say(
            t`${m.name} 的 MLP 是门控的（SwiGLU），$h = ${s.hiddenSize}$，$d_{ff} = ${s.intermediateSize}$，共 ${s.numLayers} 层。解码一个词元时，全部 MLP 每词元要多少 GFLOP？`,
            t`${m.name}'s MLP is gated (SwiGLU), with $h = ${s.hiddenSize}$, $d_{ff} = ${s.intermediateSize}$ and ${s.numLayers} layers. How many GFLOP do all its MLPs cost per decoded token?`,
          ),
          answer: num(mlp.flopsPerToken / 1e9, 'GFLOP', rel(0.01), 2),
          hint: say(
            t`门控 MLP 有三个 $h \times d_{ff}$ 的矩阵，每个权重每词元 2 FLOPs。`,
            t`A gated MLP has three $h \times d_{ff}$ matrices, and each weight costs 2 FLOPs per token.`,
          ),
          steps: [
            say(
              t`每层权重 $3 \cdot ${s.hiddenSize} \cdot ${s.intermediateSize} = ${mlp.params / s.numLayers}$。`,
              t`Weights per layer: $3 \cdot ${s.hiddenSize} \cdot ${s.intermediateSize} = ${mlp.params / s.numLayers}$.`,
            ),
            say(
              t`$2 \times ${mlp.params / s.numLayers} \times ${s.numLayers} = ${n(mlp.flopsPerToken / 1e9, 2)}$ GFLOP，占每词元前向 FLOPs（上下文 ${inputs.context}）的 ${n((mlp.flopsPerToken / c.flopsPerToken) * 100, 1)} %。`,
              t`$2 \times ${mlp.params / s.numLayers} \times ${s.numLayers} = ${n(mlp.flopsPerToken / 1e9, 2)}$ GFLOP, ${n((mlp.flopsPerToken / c.flopsPerToken) * 100, 1)} % of a token's forward FLOPs at a context of ${inputs.context}.`,
            ),
          ],
          calculator: {
            page: 'calculators/transformer-counts',
            calculator: 'transformer-counts',
            params: { 'tc.model': inputs.model, 'tc.ctx': inputs.context },
          },
        };
      },
    }),
    problem({
      id: 'counted-3',
      level: 'work-out',
      inputs: { model: 'llama-2-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const at1 = componentCounts(s, { contextTokens: 1 });
        const perKey = part(at1, 'attention-scores').flopsPerToken;
        const weights = at1.flopsPerToken - perKey;
        const parity = attentionParityContext(s);
        return {
          question: say(
            t`${m.name}（多头注意力，$n_h = ${s.numHeads}$，$d_h = ${s.headDim}$，${s.numLayers} 层）解码时，上下文到多少个词元，注意力分数的 FLOPs 才等于全部权重乘法的 FLOPs？`,
            t`Decoding ${m.name} (multi-head attention, $n_h = ${s.numHeads}$, $d_h = ${s.headDim}$, ${s.numLayers} layers), at what context do the attention scores cost as many FLOPs as all the weight products?`,
          ),
          answer: num(parity, { zh: '个词元', en: 'tokens' }, rel(0.02), 0),
          hint: say(
            t`分数每层每个键 $2 n_h (d_k + d_v)$ FLOPs；权重乘法每词元 $2 \sum W$，包括输出头但不包括词嵌入。`,
            t`The scores cost $2 n_h (d_k + d_v)$ FLOPs per key per layer; the weight products $2 \sum W$ per token, the head included, the embedding not.`,
          ),
          steps: [
            say(
              t`每个键：$2 \cdot ${s.numHeads} \cdot (${s.headDim} + ${s.headDim}) \cdot ${s.numLayers} = ${perKey}$ FLOPs。`,
              t`Per key: $2 \cdot ${s.numHeads} \cdot (${s.headDim} + ${s.headDim}) \cdot ${s.numLayers} = ${perKey}$ FLOPs.`,
            ),
            say(t`权重乘法：每词元 ${n(weights / 1e9, 3)} GFLOP。`, t`Weight products: ${n(weights / 1e9, 3)} GFLOP per token.`),
            say(
              t`相等时 $k = ${n(weights / 1e9, 3)} \times 10^9 / ${perKey} \approx ${n(parity, 0)}$ 个词元，比它的训练上下文 ${s.maxPositionEmbeddings ?? 0} 长得多：在训练长度以内，这个模型的 FLOPs 主要来自权重。`,
              t`They are equal at $k = ${n(weights / 1e9, 3)} \times 10^9 / ${perKey} \approx ${n(parity, 0)}$ tokens, far beyond its trained context of ${s.maxPositionEmbeddings ?? 0}: within that length its FLOPs come mostly from the weights.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'counted-4',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', seqLen: 32768 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const ratio = trainingFlops(m.spec, { seqLen: inputs.seqLen, tokens: 1 }) / sixND(N, 1);
        const c = componentCounts(m.spec, { contextTokens: (inputs.seqLen + 1) / 2 });
        const scores = part(c, 'attention-scores').flopsPerToken;
        return {
          question: say(
            t`用 ${inputs.seqLen} 个词元长的序列训练 ${m.name}（${N} 个参数）。按逐项计数（前向乘 3，因果掩码下每个查询平均关注 $(T+1)/2$ 个键），每个词元的训练 FLOPs 是 $6N$ 的多少倍？`,
            t`${m.name} (${N} parameters) is trained on sequences of ${inputs.seqLen} tokens. Counting item by item (3 × forward, each query attending to $(T+1)/2$ keys on average under the causal mask), how many times $6N$ are the training FLOPs per token?`,
          ),
          answer: num(ratio, '×', rel(0.02), 3),
          hint: say(
            t`先算平均键数下一个词元的前向 FLOPs（分数加权重乘法），乘 3，再除以 $6N$。`,
            t`Work out a token's forward FLOPs at the mean number of keys (scores plus weight products), times 3, over $6N$.`,
          ),
          steps: [
            say(
              t`平均键数 $(${inputs.seqLen} + 1)/2 = ${n((inputs.seqLen + 1) / 2, 1)}$；此时分数每词元 ${n(scores / 1e9, 2)} GFLOP，前向合计 ${n(c.flopsPerToken / 1e9, 2)} GFLOP。`,
              t`Mean keys $(${inputs.seqLen} + 1)/2 = ${n((inputs.seqLen + 1) / 2, 1)}$; the scores then cost ${n(scores / 1e9, 2)} GFLOP per token, the forward pass ${n(c.flopsPerToken / 1e9, 2)} GFLOP in all.`,
            ),
            say(
              t`$3 \times ${n(c.flopsPerToken / 1e9, 2)} / (6 \times ${n(N / 1e9, 3)}) \approx ${n(ratio, 3)}$。$6ND$ 漏掉了分数，又把不产生运算的词嵌入算了进去。`,
              t`$3 \times ${n(c.flopsPerToken / 1e9, 2)} / (6 \times ${n(N / 1e9, 3)}) \approx ${n(ratio, 3)}$. $6ND$ leaves out the scores and counts the embedding, which does no arithmetic.`,
            ),
          ],
          calculator: {
            page: 'calculators/transformer-counts',
            calculator: 'transformer-counts',
            params: { 'tc.model': inputs.model, 'tc.ctx': inputs.seqLen, 'tc.phase': 'train' },
          },
        };
      },
    }),
    problem({
      id: 'counted-5',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', gpu: 'l40s', context: 512 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gpu = gpuById(inputs.gpu);
        const speed = inferenceSpeed(m.spec, { gpu: inputs.gpu, batch: 1, promptTokens: 1, contextTokens: inputs.context, weights: 'bf16', kvDtype: 'bf16' });
        const bytes = speed.decode.bytesPerGpu;
        return {
          question: say(
            t`${m.name} 以 BF16 在一块 ${gpu.name}（带宽 ${n(gpu.bandwidthBytesPerSecond / 1e9, 0)} GB/s）上以批大小 1 生成，上下文 ${inputs.context} 个词元。按屋顶线，每秒最多生成多少个词元？（读除词嵌入表以外的全部权重和 KV 缓存。）`,
            t`${m.name} in BF16 generates at batch 1 on one ${gpu.name} (${n(gpu.bandwidthBytesPerSecond / 1e9, 0)} GB/s), at a context of ${inputs.context} tokens. By the roofline, how many tokens per second at most? (It reads every weight but the embedding table, and the KV cache.)`,
          ),
          answer: num(1 / speed.decodeSecondsPerToken, { zh: '词元/秒', en: 'tokens/s' }, rel(0.03), 1),
          hint: say(
            t`批大小 1 时受带宽限制：每个词元的时间 ≈ 读的字节 ÷ 带宽。`,
            t`At batch 1 decoding is bandwidth-bound: time per token ≈ bytes read ÷ bandwidth.`,
          ),
          steps: [
            say(
              t`每个词元读 ${n(bytes / 1e9, 2)} GB（在这个上下文下，KV 缓存只占其中很小一部分）。`,
              t`Each token reads ${n(bytes / 1e9, 2)} GB (the KV cache is a small part of it at this context).`,
            ),
            say(
              t`$${n(bytes / 1e9, 2)} / ${n(gpu.bandwidthBytesPerSecond / 1e9, 0)}$ 秒 $= ${n(speed.decodeSecondsPerToken * 1e3, 2)}$ ms，即至多 ${n(1 / speed.decodeSecondsPerToken, 1)} 词元/秒。实测通常只达到其中一部分（本页“与实测对比”一节）。`,
              t`$${n(bytes / 1e9, 2)} / ${n(gpu.bandwidthBytesPerSecond / 1e9, 0)}$ s $= ${n(speed.decodeSecondsPerToken * 1e3, 2)}$ ms, so at most ${n(1 / speed.decodeSecondsPerToken, 1)} tokens/s. Measured runs usually reach only part of it (see "Beside measured figures").`,
            ),
          ],
          calculator: {
            page: 'calculators/serving',
            calculator: 'serving-planner',
            params: { 'srv.model': inputs.model, 'srv.gpu': inputs.gpu, 'srv.tp': 1, 'srv.batch': 1, 'srv.w': 'bf16', 'srv.ctx': inputs.context },
          },
        };
      },
    }),
    problem({
      id: 'counted-6',
      level: 'explain',
      inputs: { model: 'gpt2', context: 1024 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const c = componentCounts(m.spec, { contextTokens: inputs.context });
        const head = part(c, 'head');
        return {
          question: say(
            t`${m.name} 的输出头与词嵌入共享同一个矩阵（tied embeddings）。这对每个词元的 FLOPs 有什么影响？`,
            t`${m.name} ties its LM head to the embedding matrix. What does that do to the FLOPs per token?`,
          ),
          answer: choice(
            [
              say(t`输出头的 FLOPs 减半：两处共用一次乘法`, t`The head's FLOPs are halved: the two uses share one product`),
              say(
                t`没有影响：共享只省参数，算 logits 仍要乘一次 $h \times V$ 的矩阵`,
                t`None: tying saves parameters only; the logits still need one product with an $h \times V$ matrix`,
              ),
              say(t`输出头不再有 FLOPs：它变成了查表`, t`The head costs no FLOPs any more: it becomes a lookup`),
            ],
            head.params === 0 && head.flopsPerToken > 0 ? 1 : 0,
          ),
          hint: say(
            t`查词嵌入表是取一行；算 logits 要让隐藏向量和词表里每个词的向量做点积。`,
            t`The embedding lookup fetches one row; the logits take a dot product of the hidden vector with every vocabulary entry's vector.`,
          ),
          steps: [
            say(
              t`共享后输出头的参数为 ${head.params}，但每词元仍要 $2 \cdot ${m.spec.vocabSize} \cdot ${m.spec.hiddenSize} = ${head.flopsPerToken}$ FLOPs。`,
              t`Tied, the head holds ${head.params} parameters of its own, but still costs $2 \cdot ${m.spec.vocabSize} \cdot ${m.spec.hiddenSize} = ${head.flopsPerToken}$ FLOPs per token.`,
            ),
            say(
              t`在上下文 ${inputs.context} 时，这占每词元前向 FLOPs 的 ${n((head.flopsPerToken / c.flopsPerToken) * 100, 1)} %：小模型的词表乘法相对很贵。所以“每词元 $2N$”对共享输出头的模型会低估，$N$ 里这个矩阵只算了一次。`,
              t`At a context of ${inputs.context} that is ${n((head.flopsPerToken / c.flopsPerToken) * 100, 1)} % of a token's forward FLOPs: for a small model the vocabulary product is expensive. So "$2N$ per token" undercounts a tied model, whose $N$ holds that matrix once.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'counted-7',
      level: 'explain',
      inputs: { model: 'llama-3.1-8b', context: 131072 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const c = componentCounts(m.spec, { contextTokens: inputs.context });
        const scores = part(c, 'attention-scores').flopsPerToken;
        return {
          question: say(
            t`${m.name} 在上下文 ${inputs.context} 个词元时解码一个词元，注意力分数占前向 FLOPs 的百分之几？这说明长上下文时“每词元 $2N$”差在哪里？`,
            t`Decoding ${m.name} at a context of ${inputs.context} tokens, what percentage of a token's forward FLOPs are the attention scores? What does that say about "$2N$ per token" at long context?`,
          ),
          answer: num((scores / c.flopsPerToken) * 100, '%', rel(0.02), 1),
          hint: say(
            t`分数 $= 2 L n_h (d_k + d_v) \cdot k$，与上下文 $k$ 成正比；其余各项与上下文无关。`,
            t`The scores are $2 L n_h (d_k + d_v) \cdot k$, proportional to the context $k$; everything else does not depend on it.`,
          ),
          steps: [
            say(
              t`分数：$2 \cdot ${m.spec.numLayers} \cdot ${m.spec.numHeads} \cdot ${2 * m.spec.headDim} \cdot ${inputs.context} = ${n(scores / 1e9, 1)}$ GFLOP；前向合计 ${n(c.flopsPerToken / 1e9, 1)} GFLOP。`,
              t`Scores: $2 \cdot ${m.spec.numLayers} \cdot ${m.spec.numHeads} \cdot ${2 * m.spec.headDim} \cdot ${inputs.context} = ${n(scores / 1e9, 1)}$ GFLOP; the forward pass ${n(c.flopsPerToken / 1e9, 1)} GFLOP in all.`,
            ),
            say(
              t`占比 ${n((scores / c.flopsPerToken) * 100, 1)} %：$2N$ 完全不含这一项；在这个长度下，实际运算量约是 $2N$ 的 ${n(c.flopsPerToken / (2 * c.activeParams), 2)} 倍。分组查询注意力减少的是 KV 缓存和投影，不减少分数的运算：每个查询头仍要看全部的键。`,
              t`A share of ${n((scores / c.flopsPerToken) * 100, 1)} %: $2N$ has no such term and undercounts by a factor of about ${n(c.flopsPerToken / (2 * c.activeParams), 2)} at this length. Grouped-query attention shrinks the KV cache and the projections, not the scores' arithmetic: every query head still reads every key.`,
            ),
          ],
          calculator: {
            page: 'calculators/transformer-counts',
            calculator: 'transformer-counts',
            params: { 'tc.model': inputs.model, 'tc.ctx': inputs.context },
          },
        };
      },
    }),
  ],
};
