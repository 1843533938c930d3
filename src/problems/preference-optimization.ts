/** Problems for preference optimization: Bradley–Terry, DPO's loss, GRPO's advantages, what sits in memory. */
import { bradleyTerryProbability, dpoLoss, grpoAdvantages } from '~/lib/training/preference-loss';
import { fineTuneMemory } from '~/lib/memory/finetune-memory';
import { kvCacheBytes } from '~/lib/memory/kv-cache';
import { model } from './presets';
import { GB, GiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const preferenceOptimizationProblems: PageProblems = {
  page: 'preference-optimization',
  problems: [
    problem({
      id: 'pref-1',
      level: 'plug-in',
      inputs: { chosen: 1.3, rejected: 0.4 },
      solve: ({ chosen, rejected }) => {
        const p = bradleyTerryProbability(chosen, rejected);
        return {
          question: say(
            t`奖励模型给一对回答打分：被选中的 ${n(chosen, 1)}，被拒绝的 ${n(rejected, 1)}。按 Bradley–Terry 模型，前者被偏好的概率是多少？用百分数回答。`,
            t`A reward model scores a pair of answers: the chosen one ${n(chosen, 1)}, the rejected one ${n(rejected, 1)}. Under Bradley–Terry, what is the probability that the chosen one is preferred? Answer in percent.`,
          ),
          answer: num(p * 100, '%', rel(0.01), 1),
          hint: say(t`$P = \sigma(r_c - r_r) = 1/(1 + e^{-(r_c - r_r)})$。`, t`$P = \sigma(r_c - r_r) = 1/(1 + e^{-(r_c - r_r)})$.`),
          steps: [
            say(t`$r_c - r_r = ${n(chosen - rejected, 2)}$。`, t`$r_c - r_r = ${n(chosen - rejected, 2)}$.`),
            say(
              t`$\sigma(${n(chosen - rejected, 2)}) = ${n(p, 4)}$，即 ${n(p * 100, 1)} %。奖励模型的损失是 $-\log$ 它：${n(-Math.log(p), 4)}。只有差值有意义，给两个分数同加一个常数，概率不变。`,
              t`$\sigma(${n(chosen - rejected, 2)}) = ${n(p, 4)}$, i.e. ${n(p * 100, 1)} %. The reward model's loss is its $-\log$: ${n(-Math.log(p), 4)}. Only the difference matters: adding a constant to both scores changes nothing.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'pref-2',
      level: 'work-out',
      inputs: { beta: 0.1, policyChosen: -42, policyRejected: -47, referenceChosen: -44, referenceRejected: -45 },
      solve: (pair) => {
        const r = dpoLoss(pair);
        const dc = pair.policyChosen - pair.referenceChosen;
        const dr = pair.policyRejected - pair.referenceRejected;
        return {
          question: say(
            t`DPO，$\beta = ${n(pair.beta, 2)}$。一对样本的序列对数概率：策略下被选中 ${pair.policyChosen}、被拒绝 ${pair.policyRejected}；参考模型下分别为 ${pair.referenceChosen}、${pair.referenceRejected}。这一对的 DPO 损失是多少？`,
            t`DPO with $\beta = ${n(pair.beta, 2)}$. A pair's sequence log-probabilities: under the policy, chosen ${pair.policyChosen} and rejected ${pair.policyRejected}; under the reference, ${pair.referenceChosen} and ${pair.referenceRejected}. What is this pair's DPO loss?`,
          ),
          answer: num(r.loss, '', rel(0.01), 4),
          hint: say(
            t`$-\log\sigma\bigl(\beta[(\log\pi_c - \log\pi_{\text{ref},c}) - (\log\pi_r - \log\pi_{\text{ref},r})]\bigr)$。`,
            t`$-\log\sigma\bigl(\beta[(\log\pi_c - \log\pi_{\text{ref},c}) - (\log\pi_r - \log\pi_{\text{ref},r})]\bigr)$.`,
          ),
          steps: [
            say(
              t`被选中：$${pair.policyChosen} - (${pair.referenceChosen}) = ${dc}$；被拒绝：$${pair.policyRejected} - (${pair.referenceRejected}) = ${dr}$。`,
              t`Chosen: $${pair.policyChosen} - (${pair.referenceChosen}) = ${dc}$; rejected: $${pair.policyRejected} - (${pair.referenceRejected}) = ${dr}$.`,
            ),
            say(t`间隔 $\beta(${dc} - (${dr})) = ${n(r.margin, 3)}$。`, t`Margin $\beta(${dc} - (${dr})) = ${n(r.margin, 3)}$.`),
            say(
              t`损失 $-\log\sigma(${n(r.margin, 3)}) = ${n(r.loss, 4)}$，低于 $\log 2 = ${n(Math.log(2), 4)}$：相对参考模型，策略已经更偏向被选中的回答。`,
              t`Loss $-\log\sigma(${n(r.margin, 3)}) = ${n(r.loss, 4)}$, below $\log 2 = ${n(Math.log(2), 4)}$: relative to the reference, the policy already leans to the chosen answer.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'pref-3',
      level: 'work-out',
      inputs: { correct: 3, wrong: 5 },
      solve: ({ correct, wrong }) => {
        const rewards = [...Array<number>(correct).fill(1), ...Array<number>(wrong).fill(0)];
        const a = grpoAdvantages(rewards);
        return {
          question: say(
            t`GRPO 对一个提示采样 ${correct + wrong} 个回答，规则奖励：${correct} 个答对（奖励 1），${wrong} 个答错（奖励 0）。一个答对的回答的优势是多少？（组内标准化，标准差按 $n - 1$。）`,
            t`GRPO samples ${correct + wrong} answers to one prompt with a rule-based reward: ${correct} right (reward 1), ${wrong} wrong (reward 0). What is a right answer's advantage? (Normalized within the group, the standard deviation with $n - 1$.)`,
          ),
          answer: num(a[0]!, '', rel(0.01), 3),
          hint: say(t`$\hat A_i = (r_i - \bar r)/\mathrm{std}(r)$。`, t`$\hat A_i = (r_i - \bar r)/\mathrm{std}(r)$.`),
          steps: [
            say(
              t`均值 $\bar r = ${correct}/${correct + wrong} = ${n(correct / (correct + wrong), 4)}$。`,
              t`Mean $\bar r = ${correct}/${correct + wrong} = ${n(correct / (correct + wrong), 4)}$.`,
            ),
            say(
              t`答对：${n(a[0]!, 3)}；答错：${n(a.at(-1)!, 3)}。不需要价值模型：同一提示的其他回答就是基线。全组都对或全错时，优势全为 0，这组不提供信号。`,
              t`Right: ${n(a[0]!, 3)}; wrong: ${n(a.at(-1)!, 3)}. No value model is needed: the other answers to the same prompt are the baseline. A group all right or all wrong gives every advantage 0 and no signal.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'pref-4',
      level: 'work-out',
      inputs: { model: 'llama-2-7b', generations: 16, tokens: 2048 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const kv = kvCacheBytes(m.spec, { seqLen: inputs.tokens, batch: inputs.generations, dtype: 'bf16' }).total;
        return {
          question: say(
            t`用 GRPO 训练 ${m.name}，每个提示采样 $G = ${inputs.generations}$ 个回答，每个（含提示）${inputs.tokens} 个词元。生成阶段一个提示的 BF16 KV 缓存要多少 GiB？`,
            t`Training ${m.name} with GRPO, each prompt samples $G = ${inputs.generations}$ answers of ${inputs.tokens} tokens each (prompt included). How many GiB of BF16 KV cache does one prompt's generation hold?`,
          ),
          answer: num(kv / GiB, 'GiB', rel(0.01), 1),
          hint: say(t`$G$ 条序列同时生成，每条各有自己的 KV 缓存。`, t`The $G$ sequences are generated together, each with its own KV cache.`),
          steps: [
            say(
              t`每词元 ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken} 字节 × ${inputs.tokens} × ${inputs.generations} $= ${n(kv / GiB, 1)}$ GiB。`,
              t`${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken} bytes a token × ${inputs.tokens} × ${inputs.generations} $= ${n(kv / GiB, 1)}$ GiB.`,
            ),
            say(
              t`这还只是一个提示：GRPO 的显存大头常在生成，而不在训练。`,
              t`And that is one prompt: GRPO's memory often goes to generation rather than to training.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.objective': 'grpo', 'ft.gens': inputs.generations, 'ft.seq': inputs.tokens },
          },
        };
      },
    }),
    problem({
      id: 'pref-5',
      level: 'explain',
      inputs: { model: 'llama-2-7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const base = { method: 'full', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 512, gradientCheckpointing: true } as const;
        const states = (r: ReturnType<typeof fineTuneMemory>) =>
          r.bytes.weights + r.bytes.gradients + r.bytes.optimizer + r.bytes.reference + r.bytes.reward + r.bytes.critic;
        const ppo = states(fineTuneMemory(m.spec, { ...base, objective: 'ppo' }));
        const dpo = states(fineTuneMemory(m.spec, { ...base, objective: 'dpo' }));
        const dpoPre = states(fineTuneMemory(m.spec, { ...base, objective: 'dpo', preference: { reference: 'precomputed' } }));
        return {
          question: say(
            t`全量训练 ${m.name}（混合精度 AdamW）。PPO 的四个同尺寸模型与 DPO 相比，模型状态各占多少？DPO 把参考模型的对数概率预先算好后又如何？哪种说法对？`,
            t`Full training of ${m.name} (mixed-precision AdamW). How do the model states of PPO's four same-size models compare with DPO's, and with DPO when the reference log-probabilities are precomputed? Which statement holds?`,
          ),
          answer: choice(
            [
              say(t`三者相同：训练的都只是策略`, t`All three are equal: only the policy is trained`),
              say(
                t`PPO 最多（策略与价值模型都要训练，另有参考与奖励模型），DPO 其次（多一个前向用的参考模型），预先算好参考对数概率的 DPO 最少`,
                t`PPO holds the most (policy and value model trained, plus reference and reward models), DPO less (one forward-only reference), and DPO with precomputed reference log-probabilities the least`,
              ),
              say(t`DPO 最多，因为每个样本有两条序列`, t`DPO holds the most, since each example has two sequences`),
            ],
            ppo > dpo && dpo > dpoPre ? 1 : 0,
          ),
          hint: say(
            t`训练的模型每个参数 16 字节，只做前向的 16 位模型每个参数 2 字节。`,
            t`A trained model costs 16 bytes a parameter, a forward-only 16-bit one 2.`,
          ),
          steps: [
            say(
              t`PPO：${n(ppo / GB, 1)} GB；DPO：${n(dpo / GB, 1)} GB；预先算好参考对数概率的 DPO：${n(dpoPre / GB, 1)} GB。`,
              t`PPO: ${n(ppo / GB, 1)} GB; DPO: ${n(dpo / GB, 1)} GB; DPO with precomputed reference log-probabilities: ${n(dpoPre / GB, 1)} GB.`,
            ),
            say(
              t`DPO 每个样本的两条序列加的是激活，不是模型状态。用 LoRA 时参考模型就是关掉适配器的基座，也不额外占显存。`,
              t`DPO's two sequences per example add activations, not model states. With LoRA the reference is the base with adapters off, also at no extra memory.`,
            ),
          ],
          calculator: { page: 'calculators/finetune-memory', calculator: 'finetune-memory', params: { 'ft.model': inputs.model, 'ft.objective': 'ppo' } },
        };
      },
    }),
  ],
};
