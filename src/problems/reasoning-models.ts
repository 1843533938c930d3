/**
 * Problems for reasoning models and RL with verifiable rewards: GRPO's group-normalized advantage and Dr. GRPO's,
 * the per-token weights of the loss types (the page's figure's functions), what a GRPO run and a long thinking
 * chain hold in memory (the calculators' cores), and why DAPO drops groups that are all right or all wrong.
 */
import { correctAnswerAdvantage, groupAdvantages, tokenWeights } from '~/components/figures/reasoning-models/group-weights';
import { fineTuneMemory } from '~/lib/memory/finetune-memory';
import { kvCacheBytes } from '~/lib/memory/kv-cache';
import { grpoAdvantages } from '~/lib/training/preference-loss';
import { model } from './presets';
import { GB, GiB, KiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

/** The page's GRPO setting: TRL's defaults (G = 8, β = 0, so no reference model), one prompt, gradient checkpointing. */
function grpoMemory(id: string, generations: number, seqLen: number) {
  return fineTuneMemory(model(id).spec, {
    method: 'full',
    precision: 'mixed',
    optimizer: 'adamw',
    batchSize: 1,
    seqLen,
    gradientCheckpointing: true,
    flashAttention: true,
    objective: 'grpo',
    preference: { reference: 'none', numGenerations: generations },
  });
}

export const reasoningModelsProblems: PageProblems = {
  page: 'reasoning-models',
  problems: [
    problem({
      id: 'reason-1',
      level: 'plug-in',
      inputs: { group: 8, correct: 1 },
      solve: ({ group, correct }) => {
        const rewards = Array.from({ length: group }, (_, i) => (i < correct ? 1 : 0));
        const grpo = correctAnswerAdvantage(group, correct);
        const dr = groupAdvantages(rewards, 'none')[0]!;
        const p = correct / group;
        return {
          question: say(
            t`GRPO 对一道题采样 $G = ${group}$ 个回答，二值奖励，${correct} 个答对。按组内均值和（总体）标准差归一化，一个答对的回答的优势 $\hat A$ 是多少？`,
            t`GRPO samples $G = ${group}$ answers to one question with a binary reward, ${correct} of them right. Normalized by the group's mean and (population) standard deviation, what is a right answer's advantage $\hat A$?`,
          ),
          answer: num(grpo, '', rel(0.01), 2),
          hint: say(
            t`答对比例 $p$ 时，均值是 $p$，标准差是 $\sqrt{p(1-p)}$，所以 $\hat A = \sqrt{(1-p)/p}$。`,
            t`With a fraction $p$ right, the mean is $p$ and the standard deviation $\sqrt{p(1-p)}$, so $\hat A = \sqrt{(1-p)/p}$.`,
          ),
          steps: [
            say(
              t`$p = ${correct}/${group} = ${n(p, 4)}$，$\hat A = (1 - ${n(p, 4)})/\sqrt{${n(p, 4)} \times ${n(1 - p, 4)}} = ${n(grpo, 2)}$。`,
              t`$p = ${correct}/${group} = ${n(p, 4)}$, $\hat A = (1 - ${n(p, 4)})/\sqrt{${n(p, 4)} \times ${n(1 - p, 4)}} = ${n(grpo, 2)}$.`,
            ),
            say(
              t`Dr. GRPO 不除以标准差：$\hat A = 1 - ${n(p, 4)} = ${n(dr, 3)}$。除以标准差会放大几乎总做错（或几乎总做对）的题：${group} 个里对一半时，GRPO 的优势只有 ${n(correctAnswerAdvantage(group, group / 2), 2)}。`,
              t`Dr. GRPO does not divide by the standard deviation: $\hat A = 1 - ${n(p, 4)} = ${n(dr, 3)}$. The division inflates questions almost always failed (or almost always solved): with half of ${group} right, GRPO's advantage is only ${n(correctAnswerAdvantage(group, group / 2), 2)}.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'reason-2',
      level: 'work-out',
      inputs: { short: 500, long: 4000 },
      solve: ({ short, long }) => {
        const [ws, wl] = tokenWeights([short, long], 'grpo') as [number, number];
        const [ds, dl] = tokenWeights([short, long], 'dapo') as [number, number];
        return {
          question: say(
            t`一组里有一个 ${short} 个词元的回答和一个 ${long} 个词元的回答。按 GRPO 原始的损失（先在每个回答内按长度平均，再对 $G$ 个回答平均），短回答的一个词元在损失里的权重是长回答一个词元的多少倍？`,
            t`A group holds an answer of ${short} tokens and one of ${long} tokens. With GRPO's original loss (averaged over each answer's own length, then over the $G$ answers), how many times the weight of one token of the long answer does one token of the short answer get?`,
          ),
          answer: num(ws / wl, '×', rel(0.01), 2),
          hint: say(t`GRPO 的一个词元权重是 $1/(G\,|o_i|)$。`, t`A token of answer $i$ weighs $1/(G\,|o_i|)$ in GRPO.`),
          steps: [
            say(
              t`$\frac{1/(G \cdot ${short})}{1/(G \cdot ${long})} = ${long}/${short} = ${n(ws / wl, 2)}$。`,
              t`$\frac{1/(G \cdot ${short})}{1/(G \cdot ${long})} = ${long}/${short} = ${n(ws / wl, 2)}$.`,
            ),
            say(
              t`所以答错的长回答每个词元受的惩罚小 ${n(ws / wl, 2)} 倍，错误答案被推向更长；答对的短回答被推向更短。DAPO 按全组词元数平均（两者权重比 ${n(ds / dl, 2)}），Dr. GRPO 除以一个常数，都去掉了这个偏差。`,
              t`So each token of a wrong long answer is penalized ${n(ws / wl, 2)} times less, and wrong answers drift longer while right short ones are pushed shorter. DAPO averages over all the group's tokens (a ratio of ${n(ds / dl, 2)}) and Dr. GRPO divides by a constant: both remove the bias.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'reason-3',
      level: 'work-out',
      inputs: { model: 'qwen2.5-7b', generations: 8, tokens: 2048, gpuGB: 80 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const r = grpoMemory(inputs.model, inputs.generations, inputs.tokens);
        const states = r.bytes.weights + r.bytes.gradients + r.bytes.optimizer;
        return {
          question: say(
            t`用 GRPO 全量微调 ${m.name}：TRL 默认 $G = ${inputs.generations}$、$\beta = 0$（不需要参考模型），一个提示，回答 ${inputs.tokens} 个词元，梯度检查点，混合精度 AdamW。单卡总共需要多少 GiB？一张 ${inputs.gpuGB} GB 的卡放得下吗？`,
            t`Full GRPO fine-tuning of ${m.name}: TRL's defaults $G = ${inputs.generations}$ and $\beta = 0$ (no reference model), one prompt, answers of ${inputs.tokens} tokens, gradient checkpointing, mixed-precision AdamW. How many GiB does one GPU need in all? Does one ${inputs.gpuGB} GB card hold it?`,
          ),
          answer: num(r.bytes.total / GiB, 'GiB', rel(0.02), 1),
          hint: say(
            t`先算模型状态：混合精度 AdamW 每个参数约 16 字节；再加上 $G$ 个回答的激活和 logits。`,
            t`Start with the model states, about 16 bytes a parameter with mixed-precision AdamW; then add the activations and logits of the $G$ answers.`,
          ),
          steps: [
            say(
              t`模型状态（权重、梯度、优化器）：${n(states / GiB, 1)} GiB；激活与 logits：${n(r.bytes.activations / GiB, 1)} GiB；生成时的 KV 缓存：${n(r.bytes.rolloutKvCache / GiB, 2)} GiB。`,
              t`Model states (weights, gradients, optimizer): ${n(states / GiB, 1)} GiB; activations and logits: ${n(r.bytes.activations / GiB, 1)} GiB; the rollout's KV cache: ${n(r.bytes.rolloutKvCache / GiB, 2)} GiB.`,
            ),
            say(
              t`合计 ${n(r.bytes.total / GiB, 1)} GiB，而 ${inputs.gpuGB} GB $= ${n((inputs.gpuGB * GB) / GiB, 1)}$ GiB：${r.bytes.total > inputs.gpuGB * GB ? '放不下，要用 ZeRO/FSDP 分到多张卡，或改用 LoRA' : '放得下'}。`,
              t`${n(r.bytes.total / GiB, 1)} GiB in all, against ${inputs.gpuGB} GB $= ${n((inputs.gpuGB * GB) / GiB, 1)}$ GiB: ${r.bytes.total > inputs.gpuGB * GB ? 'it does not fit; shard it over GPUs with ZeRO or FSDP, or use LoRA' : 'it fits'}.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: {
              'ft.model': inputs.model,
              'ft.method': 'full',
              'ft.objective': 'grpo',
              'ft.ref': 'none',
              'ft.gens': inputs.generations,
              'ft.seq': inputs.tokens,
              'ft.ckpt': true,
            },
          },
        };
      },
    }),
    problem({
      id: 'reason-4',
      level: 'work-out',
      inputs: { model: 'qwen3-8b', tokens: 32768 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const kv = kvCacheBytes(m.spec, { seqLen: inputs.tokens, batch: 1, dtype: 'bf16' });
        return {
          question: say(
            t`${m.name} 思考了 ${inputs.tokens} 个词元才开始作答。这一条思维链在 BF16 下的 KV 缓存有多少 GiB？`,
            t`${m.name} thinks for ${inputs.tokens} tokens before it answers. How many GiB of BF16 KV cache does that one chain of thought hold?`,
          ),
          answer: num(kv.total / GiB, 'GiB', rel(0.01), 2),
          hint: say(
            t`每个词元每层存 K 和 V：$2 \times n_{\text{kv}} \times d_{\text{head}} \times 2$ 字节。`,
            t`Each token stores K and V in every layer: $2 \times n_{\text{kv}} \times d_{\text{head}} \times 2$ bytes.`,
          ),
          steps: [
            say(
              t`每词元 ${n(kv.perToken / KiB, 0)} KiB（${m.spec.numLayers} 层，${m.spec.numKvHeads} 个 KV 头）。`,
              t`${n(kv.perToken / KiB, 0)} KiB a token (${m.spec.numLayers} layers, ${m.spec.numKvHeads} KV heads).`,
            ),
            say(
              t`$\times ${inputs.tokens} = ${n(kv.total / GiB, 2)}$ GiB。每个思考词元都是一步解码，要读一遍权重和这份不断变长的缓存：思考预算控制的正是这笔开销。`,
              t`$\times ${inputs.tokens} = ${n(kv.total / GiB, 2)}$ GiB. Every thinking token is a decode step that reads the weights and this growing cache: a thinking budget caps exactly that cost.`,
            ),
          ],
          calculator: { page: 'calculators/kv-cache', calculator: 'kv-cache', params: { 'kv.model': inputs.model, 'kv.seq': inputs.tokens, 'kv.batch': 1 } },
        };
      },
    }),
    problem({
      id: 'reason-5',
      level: 'explain',
      inputs: { group: 8 },
      solve: ({ group }) => {
        const allRight = grpoAdvantages(Array<number>(group).fill(1));
        const oneWrong = grpoAdvantages([...Array<number>(group - 1).fill(1), 0]);
        return {
          question: say(
            t`DAPO 的动态采样丢掉 $G = ${group}$ 个回答全对或全错的组，继续采样直到批次填满。为什么？`,
            t`DAPO's dynamic sampling drops groups whose $G = ${group}$ answers are all right or all wrong, and samples on until the batch is full. Why?`,
          ),
          answer: choice(
            [
              say(t`这些组的奖励太高或太低，会让训练不稳定`, t`Their rewards are extreme and destabilize training`),
              say(
                t`组内奖励全相同，每个回答的优势都是 0，这组不产生梯度，只会稀释批次`,
                t`All rewards in the group are equal, so every advantage is 0: the group gives no gradient and only dilutes the batch`,
              ),
              say(t`为了省掉 KL 项的计算`, t`To save computing the KL term`),
            ],
            1,
          ),
          hint: say(t`优势是奖励减去组内均值。`, t`The advantage is the reward minus the group's mean.`),
          steps: [
            say(
              t`全对：均值是 1，每个优势 $1 - 1 = ${n(allRight[0]!, 2)}$；全错同理。`,
              t`All right: the mean is 1 and every advantage is $1 - 1 = ${n(allRight[0]!, 2)}$; all wrong likewise.`,
            ),
            say(
              t`只要有一个答错，优势就不为 0：答对 ${n(oneWrong[0]!, 3)}，答错 ${n(oneWrong.at(-1)!, 3)}。训练越往后，越多的题总被做对，零梯度的组越多；DAPO 把它们换成有信号的组，让每批的有效梯度数量保持稳定。`,
              t`One wrong answer is enough for nonzero advantages: ${n(oneWrong[0]!, 3)} for the right ones, ${n(oneWrong.at(-1)!, 3)} for the wrong one. As training goes on, more questions are always solved and more groups give zero gradient; DAPO replaces them with groups that carry a signal, keeping the number of effective gradients per batch steady.`,
            ),
          ],
        };
      },
    }),
  ],
};
