/** Problems for "Tokens and embeddings": the embedding table, the untied head, vocabulary growth. */
import { embeddingParams } from '~/lib/model/embedding';
import { countParams } from '~/lib/model/param-count';
import { componentCounts } from '~/lib/model/component-counts';
import { model } from './presets';
import { choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const tokensEmbeddingsProblems: PageProblems = {
  page: 'tokens-embeddings',
  problems: [
    problem({
      id: 'tok-1',
      level: 'plug-in',
      inputs: { model: 'qwen2.5-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const e = embeddingParams(m.spec.vocabSize, m.spec.hiddenSize);
        return {
          question: say(
            t`${m.name} 的词表有 $V = ${m.spec.vocabSize}$ 个词元，隐藏维度 $d = ${m.spec.hiddenSize}$。词嵌入表有多少个参数（百万）？`,
            t`${m.name}'s vocabulary has $V = ${m.spec.vocabSize}$ tokens and its hidden size is $d = ${m.spec.hiddenSize}$. How many parameters does the embedding table hold, in millions?`,
          ),
          answer: num(e / 1e6, { zh: '百万', en: 'million' }, rel(0.01), 1),
          hint: say(t`词嵌入表是 $V \times d$ 的矩阵。`, t`The embedding table is a $V \times d$ matrix.`),
          steps: [
            say(
              t`$${m.spec.vocabSize} \times ${m.spec.hiddenSize} = ${e}$，约 ${n(e / 1e6, 1)} 百万。`,
              t`$${m.spec.vocabSize} \times ${m.spec.hiddenSize} = ${e}$, about ${n(e / 1e6, 1)} million.`,
            ),
          ],
          calculator: { page: 'calculators/transformer-counts', calculator: 'transformer-counts', params: { 'tc.model': inputs.model } },
        };
      },
    }),
    problem({
      id: 'tok-2',
      level: 'work-out',
      inputs: { model: 'llama-3.2-3b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const e = embeddingParams(m.spec.vocabSize, m.spec.hiddenSize);
        const share = (e * (m.spec.tiedEmbeddings ? 1 : 2)) / N;
        return {
          question: say(
            t`${m.name}：$V = ${m.spec.vocabSize}$，$d = ${m.spec.hiddenSize}$，输出头${m.spec.tiedEmbeddings ? '与词嵌入共享' : '单独训练'}，共 ${N} 个参数。词嵌入${m.spec.tiedEmbeddings ? '（兼作输出头）' : '加输出头'}占全部参数的百分之几？`,
            t`${m.name}: $V = ${m.spec.vocabSize}$, $d = ${m.spec.hiddenSize}$, the head ${m.spec.tiedEmbeddings ? 'tied to the embedding' : 'trained separately'}, ${N} parameters in all. What percentage of them is the embedding${m.spec.tiedEmbeddings ? ' (which is also the head)' : ' plus the head'}?`,
          ),
          answer: num(share * 100, '%', rel(0.02), 1),
          hint: say(t`共享时只算一份 $V \cdot d$，不共享时两份。`, t`Tied, count $V \cdot d$ once; untied, twice.`),
          steps: [
            say(t`$V \cdot d = ${e}$。`, t`$V \cdot d = ${e}$.`),
            say(
              t`${m.spec.tiedEmbeddings ? '共享，一份' : '不共享，两份'}：${n(share * 100, 1)} %。词表越大、模型越小，这一块的占比越高；它不产生矩阵乘法运算，但输出头的 logits 仍要 $2Vd$ FLOPs。`,
              t`${m.spec.tiedEmbeddings ? 'Tied, once' : 'Untied, twice'}: ${n(share * 100, 1)} %. The bigger the vocabulary and the smaller the model, the larger this share; the table costs no matmul, but the head's logits still cost $2Vd$ FLOPs.`,
            ),
          ],
          calculator: { page: 'calculators/transformer-counts', calculator: 'transformer-counts', params: { 'tc.model': inputs.model } },
        };
      },
    }),
    problem({
      id: 'tok-3',
      level: 'work-out',
      inputs: { small: 'llama-2-7b', large: 'llama-3.1-8b' },
      solve: (inputs) => {
        const a = model(inputs.small);
        const b = model(inputs.large);
        const headFlops = (id: string) => componentCounts(model(id).spec, { contextTokens: 1 }).components.find((c) => c.component === 'head')!.flopsPerToken;
        return {
          question: say(
            t`${a.name} 的词表 ${a.spec.vocabSize}，${b.name} 的词表 ${b.spec.vocabSize}，二者 $d = ${b.spec.hiddenSize}$。每生成一个词元，后者输出头的 FLOPs 是前者的多少倍？`,
            t`${a.name} has a vocabulary of ${a.spec.vocabSize}, ${b.name} one of ${b.spec.vocabSize}, both with $d = ${b.spec.hiddenSize}$. Per generated token, how many times the former's head FLOPs does the latter's head cost?`,
          ),
          answer: num(headFlops(inputs.large) / headFlops(inputs.small), '×', rel(0.01), 2),
          hint: say(t`输出头每词元 $2Vd$ FLOPs。`, t`The head costs $2Vd$ FLOPs per token.`),
          steps: [
            say(
              t`$2 \cdot ${a.spec.vocabSize} \cdot ${a.spec.hiddenSize} = ${n(headFlops(inputs.small) / 1e9, 3)}$ GFLOP；$2 \cdot ${b.spec.vocabSize} \cdot ${b.spec.hiddenSize} = ${n(headFlops(inputs.large) / 1e9, 3)}$ GFLOP。`,
              t`$2 \cdot ${a.spec.vocabSize} \cdot ${a.spec.hiddenSize} = ${n(headFlops(inputs.small) / 1e9, 3)}$ GFLOP; $2 \cdot ${b.spec.vocabSize} \cdot ${b.spec.hiddenSize} = ${n(headFlops(inputs.large) / 1e9, 3)}$ GFLOP.`,
            ),
            say(
              t`${n(headFlops(inputs.large) / headFlops(inputs.small), 2)} 倍。换来的是更少的词元：同样的文本切得更粗，序列更短，其余各层的运算也随之减少。`,
              t`${n(headFlops(inputs.large) / headFlops(inputs.small), 2)} times. What it buys is fewer tokens: the same text cut coarser, shorter sequences, less work in every other layer.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'tok-4',
      level: 'explain',
      inputs: { model: 'llama-2-7b', added: 20000 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const grow = embeddingParams(inputs.added, m.spec.hiddenSize) * (m.spec.tiedEmbeddings ? 1 : 2);
        return {
          question: say(
            t`给 ${m.name}（词表 ${m.spec.vocabSize}，$d = ${m.spec.hiddenSize}$，输出头不共享）的词表加入 ${inputs.added} 个中文词元。要新增多少个参数（百万）？新增的这些行该怎样得到？`,
            t`${inputs.added} Chinese tokens are added to ${m.name}'s vocabulary (${m.spec.vocabSize} tokens, $d = ${m.spec.hiddenSize}$, head untied). How many parameters does that add, in millions, and how should the new rows be obtained?`,
          ),
          answer: num(grow / 1e6, { zh: '百万', en: 'million' }, rel(0.01), 1),
          hint: say(t`词嵌入和输出头各多 ${inputs.added} 行。`, t`The embedding and the head each gain ${inputs.added} rows.`),
          steps: [
            say(
              t`$2 \times ${inputs.added} \times ${m.spec.hiddenSize} = ${grow}$，约 ${n(grow / 1e6, 1)} 百万。`,
              t`$2 \times ${inputs.added} \times ${m.spec.hiddenSize} = ${grow}$, about ${n(grow / 1e6, 1)} million.`,
            ),
            say(
              t`新行没有经过训练，不能只靠微调指令数据学会：中文 LLaMA 一类工作扩词表之后，都先用大量中文语料继续预训练，再做指令微调。`,
              t`The new rows are untrained and will not be learned from instruction data alone: Chinese LLaMA-style work extends the vocabulary, then continues pretraining on a large Chinese corpus before instruction tuning.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'tok-5',
      level: 'explain',
      inputs: { model: 'gpt2' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const tied = m.spec.tiedEmbeddings;
        return {
          question: say(
            t`${m.name} 的 \`config.json\` 里输出头与词嵌入${tied ? '共享' : '不共享'}。共享（weight tying）省下了什么，又没省下什么？`,
            t`${m.name}'s \`config.json\` ${tied ? 'ties' : 'unties'} its head and embedding. What does tying save, and what not?`,
          ),
          answer: choice(
            [
              say(
                t`省下一份 $V \times d$ 的参数和显存；logits 的运算照旧`,
                t`It saves one $V \times d$ of parameters and memory; the logits' arithmetic stays`,
              ),
              say(t`省下 logits 的运算；参数不变`, t`It saves the logits' arithmetic; the parameters stay`),
              say(t`两者都省下`, t`It saves both`),
            ],
            0,
          ),
          hint: say(t`查表是取一行；logits 要与每一行做点积。`, t`A lookup fetches one row; the logits take a dot product with every row.`),
          steps: [
            say(
              t`省下 $${m.spec.vocabSize} \times ${m.spec.hiddenSize} = ${embeddingParams(m.spec.vocabSize, m.spec.hiddenSize)}$ 个参数。`,
              t`It saves $${m.spec.vocabSize} \times ${m.spec.hiddenSize} = ${embeddingParams(m.spec.vocabSize, m.spec.hiddenSize)}$ parameters.`,
            ),
            say(
              t`但每个词元的 logits 仍要 $2Vd = ${2 * embeddingParams(m.spec.vocabSize, m.spec.hiddenSize)}$ FLOPs，与不共享时一样。`,
              t`But each token's logits still cost $2Vd = ${2 * embeddingParams(m.spec.vocabSize, m.spec.hiddenSize)}$ FLOPs, as untied.`,
            ),
          ],
        };
      },
    }),
  ],
};
