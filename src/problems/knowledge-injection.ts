/** Problems for knowledge injection: the compute of continued pretraining, the re-warmed cosine, RAG or SFT. */
import { sixND } from '~/lib/model/component-counts';
import { countParams } from '~/lib/model/param-count';
import { gpuById } from '~/lib/memory/gpu-data';
import { cosineLearningRate } from '~/lib/training/schedules';
import { model } from './presets';
import { choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const knowledgeInjectionProblems: PageProblems = {
  page: 'knowledge-injection',
  problems: [
    problem({
      id: 'know-1',
      level: 'plug-in',
      inputs: { model: 'qwen2.5-7b', tokens: 100e9 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const C = sixND(N, inputs.tokens);
        return {
          question: say(
            t`在 ${n(inputs.tokens / 1e9, 0)} B 个领域词元上对 ${m.name}（${N} 个参数）做全参数继续预训练。按 $6ND$，要多少 FLOPs？以 $10^{21}$ 为单位。`,
            t`Full-parameter continued pretraining of ${m.name} (${N} parameters) on ${n(inputs.tokens / 1e9, 0)} B domain tokens. By $6ND$, how many FLOPs, in units of $10^{21}$?`,
          ),
          answer: num(C / 1e21, { zh: '× 10²¹ FLOPs', en: '× 10²¹ FLOPs' }, rel(0.01), 2),
          hint: say(t`$C = 6 N D$。`, t`$C = 6 N D$.`),
          steps: [
            say(
              t`$6 \times ${n(N / 1e9, 3)} \times 10^9 \times ${n(inputs.tokens / 1e9, 0)} \times 10^9 = ${n(C / 1e21, 2)} \times 10^{21}$。`,
              t`$6 \times ${n(N / 1e9, 3)} \times 10^9 \times ${n(inputs.tokens / 1e9, 0)} \times 10^9 = ${n(C / 1e21, 2)} \times 10^{21}$.`,
            ),
          ],
          calculator: { page: 'calculators/transformer-counts', calculator: 'transformer-counts', params: { 'tc.model': inputs.model, 'tc.phase': 'train' } },
        };
      },
    }),
    problem({
      id: 'know-2',
      level: 'work-out',
      inputs: { model: 'qwen2.5-7b', tokens: 100e9, gpu: 'h100-80gb', gpus: 8, mfu: 0.4 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const C = sixND(N, inputs.tokens);
        const gpu = gpuById(inputs.gpu);
        const seconds = C / (inputs.gpus * gpu.flopsPerSecond.bf16 * inputs.mfu);
        return {
          question: say(
            t`接上题：在 ${inputs.gpus} 块 ${gpu.name} 上训练（BF16 稠密峰值 ${n(gpu.flopsPerSecond.bf16 / 1e12, 1)} TFLOP/s），算力利用率（MFU）按 ${n(inputs.mfu * 100, 0)} % 计，要多少小时？`,
            t`Continuing: trained on ${inputs.gpus} ${gpu.name} GPUs (${n(gpu.flopsPerSecond.bf16 / 1e12, 1)} TFLOP/s dense BF16 peak each) at a model FLOPs utilization (MFU) of ${n(inputs.mfu * 100, 0)} %, how many hours does it take?`,
          ),
          answer: num(seconds / 3600, { zh: '小时', en: 'hours' }, rel(0.02), 1),
          hint: say(t`时间 = 总 FLOPs ÷（卡数 × 峰值 × MFU）。`, t`Time = total FLOPs ÷ (GPUs × peak × MFU).`),
          steps: [
            say(
              t`每秒有效算力：$${inputs.gpus} \times ${n(gpu.flopsPerSecond.bf16 / 1e12, 1)} \times ${n(inputs.mfu, 2)} = ${n((inputs.gpus * gpu.flopsPerSecond.bf16 * inputs.mfu) / 1e12, 0)}$ TFLOP/s。`,
              t`Useful compute: $${inputs.gpus} \times ${n(gpu.flopsPerSecond.bf16 / 1e12, 1)} \times ${n(inputs.mfu, 2)} = ${n((inputs.gpus * gpu.flopsPerSecond.bf16 * inputs.mfu) / 1e12, 0)}$ TFLOP/s.`,
            ),
            say(
              t`$${n(C / 1e21, 2)} \times 10^{21} / ${n((inputs.gpus * gpu.flopsPerSecond.bf16 * inputs.mfu) / 1e12, 0)} \times 10^{12}$ 秒 $\approx ${n(seconds / 3600, 1)}$ 小时。注意长序列训练时 $6ND$ 会低估（见“Transformer 逐项计数”）。`,
              t`$${n(C / 1e21, 2)} \times 10^{21} / ${n((inputs.gpus * gpu.flopsPerSecond.bf16 * inputs.mfu) / 1e12, 0)} \times 10^{12}$ s $\approx ${n(seconds / 3600, 1)}$ hours. On long sequences $6ND$ undercounts (see "The Transformer, counted").`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'know-3',
      level: 'work-out',
      inputs: { step: 3000, steps: 10000, max: 3e-4, min: 3e-5 },
      solve: (o) => {
        const lr = cosineLearningRate(o);
        return {
          question: say(
            t`继续预训练按 Ibrahim 等人的做法重新升温再余弦衰减：$\eta_{\max} = ${n(o.max * 1e4, 1)} \times 10^{-4}$，$\eta_{\min} = ${n(o.min * 1e5, 1)} \times 10^{-5}$，共 ${o.steps} 步。第 ${o.step} 步的学习率是多少？以 $10^{-4}$ 为单位。`,
            t`Continued pretraining re-warms and then decays with a cosine, as Ibrahim et al. do: $\eta_{\max} = ${n(o.max * 1e4, 1)} \times 10^{-4}$, $\eta_{\min} = ${n(o.min * 1e5, 1)} \times 10^{-5}$, ${o.steps} steps. What is the learning rate at step ${o.step}, in units of $10^{-4}$?`,
          ),
          answer: num(lr * 1e4, '× 10⁻⁴', rel(0.01), 3),
          hint: say(
            t`$\eta_t = \eta_{\min} + \tfrac12(\eta_{\max} - \eta_{\min})(1 + \cos(\pi t / T))$。`,
            t`$\eta_t = \eta_{\min} + \tfrac12(\eta_{\max} - \eta_{\min})(1 + \cos(\pi t / T))$.`,
          ),
          steps: [
            say(
              t`$\cos(\pi \cdot ${o.step} / ${o.steps}) = ${n(Math.cos((Math.PI * o.step) / o.steps), 4)}$。`,
              t`$\cos(\pi \cdot ${o.step} / ${o.steps}) = ${n(Math.cos((Math.PI * o.step) / o.steps), 4)}$.`,
            ),
            say(t`$\eta = ${n(lr * 1e4, 3)} \times 10^{-4}$。`, t`$\eta = ${n(lr * 1e4, 3)} \times 10^{-4}$.`),
          ],
        };
      },
    }),
    problem({
      id: 'know-4',
      level: 'explain',
      inputs: {},
      solve: () => ({
        question: say(
          t`公司的产品价格每周都变，你希望模型回答价格时准确并给出出处。该选哪种做法？`,
          t`Your company's prices change every week, and you want the model to answer prices correctly and cite where they come from. Which approach fits?`,
        ),
        answer: choice(
          [
            say(t`每周用新价格做一次 SFT`, t`SFT on the new prices every week`),
            say(
              t`检索增强生成（RAG）：价格放在外部、随时更新，回答时检索并引用`,
              t`Retrieval-augmented generation (RAG): the prices live outside the model, updated any time, retrieved and cited at answer time`,
            ),
            say(t`用价格表做继续预训练`, t`Continued pretraining on the price list`),
          ],
          1,
        ),
        hint: say(t`看本页“继续预训练还是微调”的决策表。`, t`See the page's decision table.`),
        steps: [
          say(
            t`Ovadia 等人的实验里 RAG 一直胜过无监督微调；知识放在模型外，可以随时更新、可以引用。用 SFT 硬塞新事实还会增加幻觉（Gekhman 等人）。`,
            t`In Ovadia et al.'s experiments RAG consistently beats unsupervised fine-tuning; knowledge kept outside the model can be updated any time and cited. Forcing new facts in through SFT also raises hallucination (Gekhman et al.).`,
          ),
        ],
      }),
    }),
    problem({
      id: 'know-5',
      level: 'work-out',
      inputs: { model: 'llama-2-7b', trained: 2e12, tokensPerParam: 20 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const optimal = inputs.tokensPerParam * N;
        return {
          question: say(
            t`${m.name}（${N} 个参数）预训练用了 ${n(inputs.trained / 1e12, 0)} T 个词元。这是 Chinchilla 计算最优量（约每参数 ${inputs.tokensPerParam} 个词元）的多少倍？`,
            t`${m.name} (${N} parameters) was pretrained on ${n(inputs.trained / 1e12, 0)} T tokens. How many times the Chinchilla compute optimum (about ${inputs.tokensPerParam} tokens per parameter) is that?`,
          ),
          answer: num(inputs.trained / optimal, '×', rel(0.01), 1),
          hint: say(t`计算最优量 $D = ${inputs.tokensPerParam} N$。`, t`The compute optimum is $D = ${inputs.tokensPerParam} N$.`),
          steps: [
            say(
              t`$${inputs.tokensPerParam} \times ${n(N / 1e9, 2)} \times 10^9 = ${n(optimal / 1e9, 0)} \times 10^9$ 个词元。`,
              t`$${inputs.tokensPerParam} \times ${n(N / 1e9, 2)} \times 10^9 = ${n(optimal / 1e9, 0)} \times 10^9$ tokens.`,
            ),
            say(
              t`${n(inputs.trained / optimal, 1)} 倍。计算最优只让训练计算量最省；模型要长期提供服务，推理成本随参数增长，所以小模型多训练更划算。继续预训练的词元数也应按这种“用途”来定，而不是按这个比例。`,
              t`${n(inputs.trained / optimal, 1)} times. The optimum only minimizes training compute; a model that will serve for long costs more to run the more parameters it has, so training a small model longer pays. Continued pretraining's token budget follows the same use-driven logic, not this ratio.`,
            ),
          ],
        };
      },
    }),
  ],
};
