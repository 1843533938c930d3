/** Problems for "Why are most LLMs decoder-only?": fair comparisons (T5 Table 2), rank, the KV cache across turns. */
import { attentionRank } from '~/lib/masks/mask-rank';
import { kvCacheBytes } from '~/lib/memory/kv-cache';
import { T5_TASKS, t5Score } from '~/components/figures/why-decoder-only/t5-table2';
import { model } from './presets';
import { MiB, abs, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export const whyDecoderOnlyProblems: PageProblems = {
  page: 'why-decoder-only',
  problems: [
    problem({
      id: 'wdo-1',
      level: 'plug-in',
      inputs: { task: 'SQuAD' },
      alternatives: [{ task: 'GLUE' }, { task: 'EnDe' }],
      solve: ({ task }) => {
        const taskName = task as (typeof T5_TASKS)[number];
        const encDec = t5Score('encoder-decoder', 'denoising', taskName);
        const lm = t5Score('language-model', 'denoising', taskName);
        return {
          question: say(
            t`T5 的表 2 在相同计算量下比较各种结构。用去噪目标预训练后，在 ${task} 上，编码器–解码器比仅解码器的语言模型高多少分？`,
            t`T5's Table 2 compares layouts at equal compute. After pretraining with the denoising objective, how many points higher does the encoder–decoder score than the decoder-only language model on ${task}?`,
          ),
          answer: num(encDec - lm, { zh: '分', en: 'points' }, abs(0.05), 2),
          hint: say(
            t`在本页的 T5 表格里找到两行：编码器–解码器和语言模型，去噪目标。`,
            t`Find the two rows in the page's T5 table: encoder–decoder and language model, denoising objective.`,
          ),
          steps: [
            say(t`编码器–解码器：${n(encDec, 2)}；语言模型：${n(lm, 2)}。`, t`Encoder–decoder: ${n(encDec, 2)}; language model: ${n(lm, 2)}.`),
            say(
              t`相差 ${n(encDec - lm, 2)} 分。注意“相同计算量”下编码器–解码器有 2P 个参数，语言模型只有 P 个：比较要固定什么，决定了结论。`,
              t`A gap of ${n(encDec - lm, 2)} points. Note that at equal compute the encoder–decoder holds 2P parameters and the language model P: what a comparison holds fixed decides its verdict.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'wdo-2',
      level: 'work-out',
      inputs: { objective: 'lm' },
      alternatives: [{ objective: 'denoising' }],
      solve: ({ objective }) => {
        const obj = objective as 'lm' | 'denoising';
        const avg = (layout: 'encoder-decoder' | 'prefix-lm' | 'language-model') => mean(T5_TASKS.map((task) => t5Score(layout, obj, task)));
        const encDec = avg('encoder-decoder');
        const prefix = avg('prefix-lm');
        const lm = avg('language-model');
        return {
          question: say(
            t`取 T5 表 2 中用${obj === 'lm' ? '语言模型' : '去噪'}目标预训练的三行，把七项任务的分数简单平均。编码器–解码器的平均分比仅解码器的语言模型高多少？`,
            t`Take the three rows of T5's Table 2 pretrained with the ${obj === 'lm' ? 'language-modeling' : 'denoising'} objective and average each over the seven tasks. By how much does the encoder–decoder's average exceed the decoder-only language model's?`,
          ),
          answer: num(encDec - lm, { zh: '分', en: 'points' }, abs(0.05), 2),
          hint: say(
            t`七项任务的量纲不同（GLUE 平均分、ROUGE、BLEU），简单平均只是一个粗略的汇总。`,
            t`The seven tasks use different scales (GLUE averages, ROUGE, BLEU); a plain mean is only a rough summary.`,
          ),
          steps: [
            say(
              t`平均分：编码器–解码器 ${n(encDec, 2)}，前缀语言模型 ${n(prefix, 2)}，语言模型 ${n(lm, 2)}。`,
              t`Means: encoder–decoder ${n(encDec, 2)}, prefix LM ${n(prefix, 2)}, language model ${n(lm, 2)}.`,
            ),
            say(
              t`差 ${n(encDec - lm, 2)} 分。这是“预训练后再微调”的迁移设定；零样本设定下结论不同（Wang 等人）。`,
              t`A gap of ${n(encDec - lm, 2)}. This is the pretrain-then-fine-tune setting; zero-shot, the verdict differs (Wang et al.).`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'wdo-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', history: 3000, added: 200 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const perToken = kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken;
        const reused = kvCacheBytes(m.spec, { seqLen: inputs.history, batch: 1, dtype: 'bf16' }).total;
        return {
          question: say(
            t`与 ${m.name} 的对话已有 ${inputs.history} 个词元，用户再发来 ${inputs.added} 个。因果模型可以沿用已有的 KV 缓存，只需为新词元做预填充。沿用的 KV 缓存有多大（MiB，BF16）？`,
            t`A conversation with ${m.name} already holds ${inputs.history} tokens and the user sends ${inputs.added} more. A causal model reuses the KV cache it has and prefills only the new tokens. How large is the reused KV cache (MiB, BF16)?`,
          ),
          answer: num(reused / MiB, 'MiB', rel(0.01), 1),
          hint: say(
            t`每个词元的 KV 缓存是 $2 \cdot L \cdot n_{kv} \cdot d_h \cdot 2$ 字节。`,
            t`Each token's KV cache is $2 \cdot L \cdot n_{kv} \cdot d_h \cdot 2$ bytes.`,
          ),
          steps: [
            say(
              t`每词元 $2 \cdot ${m.spec.numLayers} \cdot ${m.spec.numKvHeads} \cdot ${m.spec.headDim} \cdot 2 = ${perToken}$ 字节。`,
              t`Per token $2 \cdot ${m.spec.numLayers} \cdot ${m.spec.numKvHeads} \cdot ${m.spec.headDim} \cdot 2 = ${perToken}$ bytes.`,
            ),
            say(
              t`$${inputs.history} \times ${perToken}$ 字节 $= ${n(reused / MiB, 1)}$ MiB 不必重算；预填充只处理 ${inputs.added} 个词元，而不是 ${inputs.history + inputs.added} 个。前缀语言模型的前缀是双向的，追加文本会改变前缀里每个位置的键和值，这份缓存就作废了。`,
              t`$${inputs.history} \times ${perToken}$ bytes $= ${n(reused / MiB, 1)}$ MiB need not be recomputed; prefill processes ${inputs.added} tokens, not ${inputs.history + inputs.added}. In a prefix LM the prefix is bidirectional, so appended text changes every prefix position's keys and values and this cache is void.`,
            ),
          ],
          calculator: {
            page: 'calculators/kv-cache',
            calculator: 'kv-cache',
            params: { 'kv.model': inputs.model, 'kv.seq': inputs.history, 'kv.kvdt': 'bf16' },
          },
        };
      },
    }),
    problem({
      id: 'wdo-4',
      level: 'explain',
      inputs: { length: 32, headDim: 8, seed: 42 },
      solve: ({ length, headDim, seed }) => {
        const causal = attentionRank({ mask: { kind: 'causal', length }, headDim, scale: 1, seed });
        const both = attentionRank({ mask: { kind: 'bidirectional', length }, headDim, scale: 1, seed });
        return {
          question: say(
            t`有人说：双向注意力矩阵 $\mathrm{softmax}(QK^\top/\sqrt{d_h})$ 的秩被 $d_h$ 限制，所以表达能力差。取随机的 $Q, K$（$n = ${length}$，$d_h = ${headDim}$，种子 ${seed}），双向注意力矩阵的数值秩是多少？`,
            t`A claim: the bidirectional attention matrix $\mathrm{softmax}(QK^\top/\sqrt{d_h})$ has its rank capped by $d_h$, which limits expressiveness. With random $Q, K$ ($n = ${length}$, $d_h = ${headDim}$, seed ${seed}), what is the bidirectional attention matrix's numerical rank?`,
          ),
          answer: num(both.numericalRank, '', abs(0.5), 0),
          hint: say(
            t`$QK^\top$ 的秩至多为 $d_h$，但 softmax 先逐元素取指数再归一化。`,
            t`$QK^\top$ has rank at most $d_h$, but softmax exponentiates element by element before normalizing.`,
          ),
          steps: [
            say(
              t`计算得双向矩阵的数值秩为 ${both.numericalRank}，因果矩阵为 ${causal.numericalRank}；有效秩分别为 ${n(both.effectiveRank, 1)} 与 ${n(causal.effectiveRank, 1)}。`,
              t`The bidirectional matrix has numerical rank ${both.numericalRank}, the causal one ${causal.numericalRank}; effective ranks ${n(both.effectiveRank, 1)} and ${n(causal.effectiveRank, 1)}.`,
            ),
            say(
              t`逐元素的指数让低秩的 logits 变成一般满秩的矩阵，所以“双向就低秩”不成立；而一个头的输出 $AV$ 的秩无论掩码如何都不超过 $d_h$。`,
              t`The element-wise exponential turns low-rank logits into a generally full-rank matrix, so "bidirectional means low rank" fails; and a head's output $AV$ has rank at most $d_h$ under either mask.`,
            ),
          ],
          calculator: {
            page: 'why-decoder-only',
            calculator: 'attention-rank',
            params: { 'rank.rn': length, 'rank.rd': headDim, 'rank.seed': seed },
            fragment: 'rank-calculator',
          },
        };
      },
    }),
    problem({
      id: 'wdo-5',
      level: 'explain',
      inputs: { objective: 'lm' },
      solve: ({ objective }) => {
        const obj = objective as 'lm' | 'denoising';
        const glue = (layout: 'encoder-decoder' | 'language-model') => t5Score(layout, obj, 'GLUE');
        const better = glue('encoder-decoder') > glue('language-model');
        return {
          question: say(
            t`T5 表 2（${obj === 'lm' ? '语言模型' : '去噪'}目标）中，编码器–解码器在 GLUE 上胜过仅解码器的语言模型。这能否说明“编码器–解码器更好”？`,
            t`In T5's Table 2 (${obj === 'lm' ? 'language-modeling' : 'denoising'} objective) the encoder–decoder beats the decoder-only language model on GLUE. Does that show "encoder–decoder is better"?`,
          ),
          answer: choice(
            [
              say(t`能：相同计算量下它分数更高`, t`Yes: it scores higher at equal compute`),
              say(
                t`不能一概而论：它在相同计算量下多一倍参数，而且这是微调后的迁移；零样本和相同参数量下结论可能相反`,
                t`Not in general: at equal compute it has twice the parameters, and this is transfer after fine-tuning; zero-shot or at equal parameters the verdict can flip`,
              ),
              say(t`不能：T5 的表 2 里仅解码器更好`, t`No: decoder-only is better in T5's Table 2`),
            ],
            better ? 1 : 2,
          ),
          hint: say(
            t`看表中的“参数”和“计算”两列：固定了什么，放开了什么？`,
            t`Look at the table's parameter and compute columns: what is held fixed, what is not?`,
          ),
          steps: [
            say(
              t`GLUE：编码器–解码器 ${n(glue('encoder-decoder'), 2)}，语言模型 ${n(glue('language-model'), 2)}。`,
              t`GLUE: encoder–decoder ${n(glue('encoder-decoder'), 2)}, language model ${n(glue('language-model'), 2)}.`,
            ),
            say(
              t`表中编码器–解码器为 2P 参数、M 计算，语言模型为 P 参数、M 计算：计算量相同，参数不同。评测是微调后的迁移。一个公平的结论只能针对这组固定条件。`,
              t`The table gives the encoder–decoder 2P parameters and M compute, the language model P and M: equal compute, unequal parameters, and the score is transfer after fine-tuning. A fair conclusion holds only for what was held fixed.`,
            ),
          ],
        };
      },
    }),
  ],
};
