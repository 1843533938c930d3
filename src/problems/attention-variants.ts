/** Problems for "MHA, MQA and GQA": KV bytes per token, the saving of GQA, decode intensity, MLA. */
import { kvCacheBytes, kvElementsPerLayer, withAttention } from '~/lib/memory/kv-cache';
import { countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { gpuById } from '~/lib/memory/gpu-data';
import { model } from './presets';
import { GiB, KiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const attentionVariantsProblems: PageProblems = {
  page: 'attention-variants',
  problems: [
    problem({
      id: 'av-1',
      level: 'plug-in',
      inputs: { model: 'mistral-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const perToken = kvCacheBytes(s, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken;
        return {
          question: say(
            t`${m.name} 的 \`config.json\`：${s.numLayers} 层，${s.numKvHeads} 个键值头，$d_h = ${s.headDim}$。以 BF16 存放时，每个词元的 KV 缓存是多少 KiB？`,
            t`${m.name}'s \`config.json\`: ${s.numLayers} layers, ${s.numKvHeads} key/value heads, $d_h = ${s.headDim}$. In BF16, how many KiB of KV cache does each token take?`,
          ),
          answer: num(perToken / KiB, 'KiB', rel(0.01), 0),
          hint: say(
            t`$2 \cdot L \cdot n_{kv} \cdot d_h \cdot \beta$：一个键一个值，每个数 2 字节。`,
            t`$2 \cdot L \cdot n_{kv} \cdot d_h \cdot \beta$: one key and one value, 2 bytes a number.`,
          ),
          steps: [
            say(
              t`$2 \cdot ${s.numLayers} \cdot ${s.numKvHeads} \cdot ${s.headDim} \cdot 2 = ${perToken}$ 字节。`,
              t`$2 \cdot ${s.numLayers} \cdot ${s.numKvHeads} \cdot ${s.headDim} \cdot 2 = ${perToken}$ bytes.`,
            ),
            say(t`$${perToken} / ${KiB} = ${n(perToken / KiB, 0)}$ KiB。`, t`$${perToken} / ${KiB} = ${n(perToken / KiB, 0)}$ KiB.`),
          ],
          calculator: { page: 'calculators/kv-cache', calculator: 'kv-cache', params: { 'kv.model': inputs.model, 'kv.kvdt': 'bf16', 'kv.seq': 1 } },
        };
      },
    }),
    problem({
      id: 'av-2',
      level: 'plug-in',
      inputs: { model: 'llama-2-70b', seqLen: 4096 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gqa = kvCacheBytes(m.spec, { seqLen: inputs.seqLen, batch: 1, dtype: 'fp16' }).total;
        const mha = kvCacheBytes(withAttention(m.spec, 'mha'), { seqLen: inputs.seqLen, batch: 1, dtype: 'fp16' }).total;
        return {
          question: say(
            t`${m.name} 用 GQA（$n_h = ${m.spec.numHeads}$，$n_{kv} = ${m.spec.numKvHeads}$）。一条 ${inputs.seqLen} 个词元的序列，FP16 的 KV 缓存比同形状的多头注意力省下多少 GiB？`,
            t`${m.name} uses GQA ($n_h = ${m.spec.numHeads}$, $n_{kv} = ${m.spec.numKvHeads}$). For one sequence of ${inputs.seqLen} tokens in FP16, how many GiB of KV cache does it save over multi-head attention of the same shape?`,
          ),
          answer: num((mha - gqa) / GiB, 'GiB', rel(0.01), 2),
          hint: say(t`多头注意力的缓存是 GQA 的 $n_h / n_{kv}$ 倍。`, t`Multi-head attention caches $n_h / n_{kv}$ times as much as GQA.`),
          steps: [
            say(
              t`GQA：${n(gqa / GiB, 2)} GiB；MHA：${n(mha / GiB, 2)} GiB（${m.spec.numHeads / m.spec.numKvHeads} 倍）。`,
              t`GQA: ${n(gqa / GiB, 2)} GiB; MHA: ${n(mha / GiB, 2)} GiB (${m.spec.numHeads / m.spec.numKvHeads} times).`,
            ),
            say(t`省下 ${n((mha - gqa) / GiB, 2)} GiB，每条序列都省这么多。`, t`A saving of ${n((mha - gqa) / GiB, 2)} GiB, for every sequence.`),
          ],
          calculator: {
            page: 'calculators/kv-cache',
            calculator: 'kv-cache',
            params: { 'kv.model': inputs.model, 'kv.seq': inputs.seqLen, 'kv.kvdt': 'fp16', 'kv.attn': 'mha' },
          },
        };
      },
    }),
    problem({
      id: 'av-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', batch: 16, seqLen: 8192 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const kv = kvCacheBytes(m.spec, { seqLen: inputs.seqLen, batch: inputs.batch, dtype: 'bf16' }).total;
        const w = weightsBytes(m.spec, 'bf16');
        return {
          question: say(
            t`${m.name} 以 BF16 服务 ${inputs.batch} 条序列，每条 ${inputs.seqLen} 个词元。每个解码步要读的 KV 缓存是权重字节数的多少倍？`,
            t`${m.name} in BF16 serves ${inputs.batch} sequences of ${inputs.seqLen} tokens. How many times the weights' bytes is the KV cache each decode step reads?`,
          ),
          answer: num(kv / w, '×', rel(0.02), 2),
          hint: say(
            t`权重每步读一次、整批共用；KV 缓存每条序列各读各的。`,
            t`The weights are read once per step for the whole batch; each sequence reads its own KV cache.`,
          ),
          steps: [
            say(t`权重：${n(w / GiB, 2)} GiB。`, t`Weights: ${n(w / GiB, 2)} GiB.`),
            say(
              t`KV 缓存：${n(kv / GiB, 2)} GiB（${inputs.batch} 条 × ${inputs.seqLen} 词元）。`,
              t`KV cache: ${n(kv / GiB, 2)} GiB (${inputs.batch} sequences × ${inputs.seqLen} tokens).`,
            ),
            say(
              t`比值 ${n(kv / w, 2)}：批一大、上下文一长，解码读的主要是 KV 缓存，而它不能在序列间共享。这就是 GQA 和 KV 缓存量化要解决的。`,
              t`A ratio of ${n(kv / w, 2)}: with a large batch and long contexts, decoding mostly reads KV cache, which sequences cannot share. That is what GQA and KV-cache quantization address.`,
            ),
          ],
          calculator: {
            page: 'calculators/kv-cache',
            calculator: 'kv-cache',
            params: { 'kv.model': inputs.model, 'kv.seq': inputs.seqLen, 'kv.batch': inputs.batch, 'kv.kvdt': 'bf16', 'kv.wdt': 'bf16' },
          },
        };
      },
    }),
    problem({
      id: 'av-4',
      level: 'work-out',
      inputs: { model: 'deepseek-v2' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const mla = kvElementsPerLayer(m.spec);
        const asMha = kvElementsPerLayer(withAttention(m.spec, 'mha'));
        return {
          question: say(
            t`${m.name} 用多头潜在注意力（MLA）：每层每个词元缓存一个 $d_c = ${m.spec.mla!.kvLoraRank}$ 维的潜向量和一个 $d_h^R = ${m.spec.mla!.qkRopeHeadDim}$ 维的 RoPE 键。同样的头数和头宽按多头注意力缓存，每层每词元要存的数是它的多少倍？`,
            t`${m.name} uses multi-head latent attention (MLA): each layer caches, per token, a latent of $d_c = ${m.spec.mla!.kvLoraRank}$ numbers and a RoPE key of $d_h^R = ${m.spec.mla!.qkRopeHeadDim}$. How many times as many numbers per token and layer would multi-head attention with the same heads and head widths cache?`,
          ),
          answer: num(asMha / mla, '×', rel(0.02), 1),
          hint: say(t`MLA：$d_c + d_h^R$；多头注意力：$n_h$ 个头的键和值。`, t`MLA: $d_c + d_h^R$; multi-head attention: keys and values of $n_h$ heads.`),
          steps: [
            say(
              t`MLA：$${m.spec.mla!.kvLoraRank} + ${m.spec.mla!.qkRopeHeadDim} = ${mla}$ 个数。`,
              t`MLA: $${m.spec.mla!.kvLoraRank} + ${m.spec.mla!.qkRopeHeadDim} = ${mla}$ numbers.`,
            ),
            say(t`按多头注意力：${asMha} 个数。`, t`As multi-head attention: ${asMha} numbers.`),
            say(
              t`倍数 ${n(asMha / mla, 1)}。键和值都从同一个潜向量还原，所以没有因子 2。`,
              t`A factor of ${n(asMha / mla, 1)}. Keys and values are both recovered from the one latent, hence no factor of 2.`,
            ),
          ],
          calculator: { page: 'calculators/kv-cache', calculator: 'kv-cache', params: { 'kv.model': inputs.model, 'kv.attn': 'mha' } },
        };
      },
    }),
    problem({
      id: 'av-5',
      level: 'explain',
      inputs: { model: 'llama-2-7b', batch: 32, seqLen: 4096, gpu: 'a100-80gb', groups: 8 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const s = m.spec;
        const gpu = gpuById(inputs.gpu);
        const kvBytes = kvCacheBytes(s, { seqLen: inputs.seqLen, batch: inputs.batch, dtype: 'fp16' }).total;
        const attnFlops = 4 * s.numLayers * s.numHeads * s.headDim * inputs.seqLen * inputs.batch;
        const intensity = attnFlops / kvBytes;
        const ridge = gpu.flopsPerSecond.bf16 / gpu.bandwidthBytesPerSecond;
        const gqaIntensity =
          attnFlops / kvCacheBytes(withAttention(s, 'gqa', inputs.groups), { seqLen: inputs.seqLen, batch: inputs.batch, dtype: 'fp16' }).total;
        return {
          question: say(
            t`${m.name}（MHA，FP16）解码时，注意力读 KV 缓存的那部分运算强度是多少 FLOP/字节？为什么增大批大小也提高不了它？（批大小 ${inputs.batch}，上下文 ${inputs.seqLen}。）`,
            t`Decoding ${m.name} (MHA, FP16), what is the arithmetic intensity, in FLOP per byte, of attention's work on the KV cache? Why does a larger batch not raise it? (Batch ${inputs.batch}, context ${inputs.seqLen}.)`,
          ),
          answer: num(intensity, 'FLOP/B', rel(0.02), 2),
          hint: say(
            t`每个缓存的数只和读它的那一个查询头做一次乘加；每条序列有自己的缓存。`,
            t`Each cached number meets the one query head that reads it in one multiply-add; every sequence has its own cache.`,
          ),
          steps: [
            say(
              t`运算：$4 L n_h d_h \cdot s \cdot b = ${n(attnFlops / 1e9, 1)}$ GFLOP；字节：${n(kvBytes / 1e9, 1)} GB。强度 ${n(intensity, 2)} FLOP/字节。`,
              t`FLOPs: $4 L n_h d_h \cdot s \cdot b = ${n(attnFlops / 1e9, 1)}$ GFLOP; bytes: ${n(kvBytes / 1e9, 1)} GB. Intensity ${n(intensity, 2)} FLOP/byte.`,
            ),
            say(
              t`批大小和上下文在分子分母里同时出现，相互抵消：强度只取决于每个键值头服务几个查询头。${gpu.name} 的拐点约 ${n(ridge, 0)}，差得很远。`,
              t`Batch and context appear in both numerator and denominator and cancel: the intensity depends only on how many query heads share a key/value head. The ${gpu.name}'s ridge is near ${n(ridge, 0)}, far away.`,
            ),
            say(
              t`按 ${inputs.groups} 组的 GQA 共享（每个键值头服务 ${s.numHeads / inputs.groups} 个查询头），强度升到 ${n(gqaIntensity, 1)}，字节数降为 ${s.numHeads / inputs.groups} 分之一：这正是 MQA 和 GQA 的用意。`,
              t`Shared as GQA with ${inputs.groups} groups (each key/value head serving ${s.numHeads / inputs.groups} query heads) the intensity rises to ${n(gqaIntensity, 1)} and the bytes fall ${s.numHeads / inputs.groups}-fold: the whole point of MQA and GQA.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'av-6',
      level: 'explain',
      inputs: { model: 'llama-2-7b', groups: 8 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const before = countParams(m.spec);
        const after = countParams(withAttention(m.spec, 'gqa', inputs.groups));
        return {
          question: say(
            t`把 ${m.name}（MHA）按 GQA 论文的做法改成 ${inputs.groups} 组：同组的键、值投影做平均池化，再用少量预训练计算“上训练”。参数量怎样变？`,
            t`${m.name} (MHA) is converted to GQA with ${inputs.groups} groups as the GQA paper does: each group's key and value projections are mean-pooled, then uptrained with a little pretraining compute. What happens to the parameter count?`,
          ),
          answer: choice(
            [
              say(t`不变：只是共享了缓存`, t`Unchanged: only the cache is shared`),
              say(t`变少：$W_K$ 和 $W_V$ 的列数从 $n_h d_h$ 降到 $G \cdot d_h$`, t`It falls: $W_K$ and $W_V$ shrink from $n_h d_h$ to $G \cdot d_h$ columns`),
              say(t`变多：每组多了一个共享的投影`, t`It grows: each group gains a shared projection`),
            ],
            after < before ? 1 : after > before ? 2 : 0,
          ),
          hint: say(
            t`池化之后，同组的几个头真的只剩一个键头和一个值头。`,
            t`After pooling, a group's heads really are left with one key head and one value head.`,
          ),
          steps: [
            say(t`转换前 ${before} 个参数，转换后 ${after} 个。`, t`${before} parameters before, ${after} after.`),
            say(
              t`少了 ${before - after} 个，占 ${n(((before - after) / before) * 100, 1)} %：每层的 $W_K$、$W_V$ 从 $h \times ${m.spec.numHeads * m.spec.headDim}$ 变成 $h \times ${inputs.groups * m.spec.headDim}$。KV 缓存按同样的比例缩小，这才是主要收益。`,
              t`${before - after} fewer, ${n(((before - after) / before) * 100, 1)} %: each layer's $W_K$ and $W_V$ go from $h \times ${m.spec.numHeads * m.spec.headDim}$ to $h \times ${inputs.groups * m.spec.headDim}$. The KV cache shrinks by the same factor, which is the real gain.`,
            ),
          ],
        };
      },
    }),
  ],
};
