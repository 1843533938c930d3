/** Problems for catastrophic forgetting: how little LoRA trains, EWC's penalty, WiSE-FT, replay. */
import { loraParams } from '~/lib/memory/finetune-memory';
import { countParams } from '~/lib/model/param-count';
import { model } from './presets';
import { choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const forgettingProblems: PageProblems = {
  page: 'forgetting',
  problems: [
    problem({
      id: 'forget-1',
      level: 'plug-in',
      inputs: { model: 'llama-2-7b', rank: 16 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const lora = loraParams(m.spec, { rank: inputs.rank, targets: ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] });
        const N = countParams(m.spec);
        return {
          question: say(
            t`对 ${m.name} 的全部线性层做秩 ${inputs.rank} 的 LoRA，可训练参数占全量微调的百分之几？`,
            t`LoRA of rank ${inputs.rank} on every linear layer of ${m.name}: what percentage of full fine-tuning's trainable parameters is that?`,
          ),
          answer: num((lora / N) * 100, '%', rel(0.01), 2),
          hint: say(
            t`每个矩阵 $r(d_{\text{in}} + d_{\text{out}})$，七类矩阵，每层各一个。`,
            t`Each matrix adds $r(d_{\text{in}} + d_{\text{out}})$; seven kinds, one of each per layer.`,
          ),
          steps: [
            say(t`LoRA：${lora} 个；全量：${N} 个。`, t`LoRA: ${lora}; full: ${N}.`),
            say(
              t`${n((lora / N) * 100, 2)} %。Biderman 等人发现 LoRA 学得少、忘得也少；但 Kalajdzievski 发现遗忘仍随训练参数量和步数按幂律增长：少训练不等于不遗忘。`,
              t`${n((lora / N) * 100, 2)} %. Biderman et al. find LoRA learns less and forgets less; but Kalajdzievski finds forgetting still grows as a power law in trained parameters and steps: training less is not forgetting nothing.`,
            ),
          ],
          calculator: {
            page: 'calculators/finetune-memory',
            calculator: 'finetune-memory',
            params: { 'ft.model': inputs.model, 'ft.method': 'lora', 'ft.rank': inputs.rank, 'ft.targets': 'q,k,v,o,gate,up,down' },
          },
        };
      },
    }),
    problem({
      id: 'forget-2',
      level: 'work-out',
      inputs: { lambda: 100, fisher: 0.5, old: 0.12, moved: 0.18 },
      solve: ({ lambda, fisher, old, moved }) => {
        const penalty = (lambda / 2) * fisher * (moved - old) ** 2;
        return {
          question: say(
            t`EWC 的惩罚项 $\frac{\lambda}{2} F_i (\theta_i - \theta^*_{A,i})^2$：$\lambda = ${lambda}$，某个参数的 Fisher 信息 $F_i = ${n(fisher, 2)}$，它从 ${n(old, 2)} 移到了 ${n(moved, 2)}。这一项是多少？`,
            t`EWC's penalty term $\frac{\lambda}{2} F_i (\theta_i - \theta^*_{A,i})^2$ with $\lambda = ${lambda}$: a parameter with Fisher information $F_i = ${n(fisher, 2)}$ moved from ${n(old, 2)} to ${n(moved, 2)}. What is its term?`,
          ),
          answer: num(penalty, '', rel(0.01), 4),
          hint: say(t`代入即可；注意平方。`, t`Substitute; mind the square.`),
          steps: [
            say(
              t`$(\theta - \theta^*)^2 = ${n(moved - old, 2)}^2 = ${n((moved - old) ** 2, 4)}$。`,
              t`$(\theta - \theta^*)^2 = ${n(moved - old, 2)}^2 = ${n((moved - old) ** 2, 4)}$.`,
            ),
            say(
              t`$\frac{${lambda}}{2} \times ${n(fisher, 2)} \times ${n((moved - old) ** 2, 4)} = ${n(penalty, 4)}$。$F_i$ 大的参数（对旧任务重要）移动同样距离，罚得更重。`,
              t`$\frac{${lambda}}{2} \times ${n(fisher, 2)} \times ${n((moved - old) ** 2, 4)} = ${n(penalty, 4)}$. Parameters with large $F_i$ (important to the old task) pay more for the same move.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'forget-3',
      level: 'work-out',
      inputs: { alpha: 0.4, base: 0.9, tuned: 0.3 },
      solve: ({ alpha, base, tuned }) => {
        const w = (1 - alpha) * base + alpha * tuned;
        return {
          question: say(
            t`WiSE-FT：$\theta_\alpha = (1-\alpha)\theta_{\text{base}} + \alpha\,\theta_{\text{ft}}$。某个权重在基座里是 ${n(base, 2)}，微调后是 ${n(tuned, 2)}，取 $\alpha = ${n(alpha, 2)}$，插值后是多少？`,
            t`WiSE-FT: $\theta_\alpha = (1-\alpha)\theta_{\text{base}} + \alpha\,\theta_{\text{ft}}$. A weight is ${n(base, 2)} in the base model and ${n(tuned, 2)} after fine-tuning; with $\alpha = ${n(alpha, 2)}$, what is it after interpolation?`,
          ),
          answer: num(w, '', rel(0.005), 3),
          hint: say(t`逐个权重做线性插值。`, t`Interpolate each weight linearly.`),
          steps: [
            say(
              t`$(1 - ${n(alpha, 2)}) \times ${n(base, 2)} + ${n(alpha, 2)} \times ${n(tuned, 2)} = ${n(w, 3)}$。$\alpha$ 越小越接近基座：保留更多原有能力，新任务学得更少。`,
              t`$(1 - ${n(alpha, 2)}) \times ${n(base, 2)} + ${n(alpha, 2)} \times ${n(tuned, 2)} = ${n(w, 3)}$. A smaller $\alpha$ stays closer to the base: more of the old abilities kept, less of the new task learned.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'forget-4',
      level: 'explain',
      inputs: {},
      solve: () => ({
        question: say(
          t`继续指令微调时，按 Luo 等人在 1B–7B 模型上的结果，哪一项成立？`,
          t`In continual instruction tuning, which holds by Luo et al.'s results on 1B–7B models?`,
        ),
        answer: choice(
          [
            say(t`模型越大遗忘越少，所以换大模型就能避免遗忘`, t`Larger models forget less, so a bigger model avoids forgetting`),
            say(
              t`在这个范围内模型越大遗忘越多；先在通用指令数据上调过的模型遗忘更少`,
              t`Within this range larger models forget more; models first tuned on general instructions forget less`,
            ),
            say(t`遗忘只影响领域知识，不影响推理`, t`Forgetting touches only domain knowledge, not reasoning`),
          ],
          1,
        ),
        hint: say(t`见本页“大模型中的证据”一节。`, t`See the page's "Evidence in LLMs".`),
        steps: [
          say(
            t`Luo 等人在 1B 到 7B 上看到领域知识、推理和阅读理解都有遗忘，而且这个范围内越大忘得越多；Alpaca 比 LLaMA 忘得少。这是一个有范围的结论，不宜外推到更大的模型。`,
            t`Luo et al. see domain knowledge, reasoning and reading comprehension all forgotten from 1B to 7B, more so the larger the model within that range; Alpaca forgets less than LLaMA. The finding has a range and should not be extrapolated to larger models.`,
          ),
        ],
      }),
    }),
    problem({
      id: 'forget-5',
      level: 'explain',
      inputs: { model: 'llama-2-7b', rank: 16, fewer: 10, more: 100 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const h = m.spec.hiddenSize;
        return {
          question: say(
            t`Biderman 等人发现全量微调学到的权重变化，其秩是常见 LoRA 秩的 ${inputs.fewer}–${inputs.more} 倍。对 ${m.name} 的一个 $${h} \times ${h}$ 矩阵，秩 ${inputs.rank} 的 LoRA 最多能表示满秩的百分之几？这和“学得少、忘得少”有什么关系？`,
            t`Biderman et al. find that full fine-tuning learns weight changes of ${inputs.fewer}–${inputs.more} times the rank of typical LoRA. For a $${h} \times ${h}$ matrix of ${m.name}, what percentage of full rank can a rank-${inputs.rank} LoRA express at most? How does that relate to "learns less, forgets less"?`,
          ),
          answer: num((inputs.rank / h) * 100, '%', rel(0.01), 2),
          hint: say(t`$\Delta W = BA$ 的秩不超过 $r$。`, t`$\Delta W = BA$ has rank at most $r$.`),
          steps: [
            say(t`$${inputs.rank} / ${h} = ${n((inputs.rank / h) * 100, 2)}$ %。`, t`$${inputs.rank} / ${h} = ${n((inputs.rank / h) * 100, 2)}$ %.`),
            say(
              t`LoRA 只能在一个很低维的子空间里改动权重：新任务学得少，旧能力也动得少。要学的东西越多（比如代码、数学的继续预训练），这个限制越明显。`,
              t`LoRA can change the weights only within a very low-dimensional subspace: it learns less of the new task and disturbs the old abilities less. The more there is to learn (continued pretraining on code or maths, say), the more this limit shows.`,
            ),
          ],
        };
      },
    }),
  ],
};
