/** Problems for SFT data and failures: the loss mask of a chat sample, loss averaging, mixing in general data. */
import o200k from 'gpt-tokenizer/encoding/o200k_base';
import { encoderFrom, type GptTokenizerModule } from '~/lib/text/bpe-vocabularies';
import { tokenPieces } from '~/lib/text/token-pieces';
import { abs, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

// The page's figure tokenizes its sample with o200k_base; the problem uses the same vocabulary.
// A static import, not `await loadVocabulary(…)`: a top-level await here stopped the build (see encoderFrom).
const encoder = encoderFrom('o200k_base', o200k as unknown as GptTokenizerModule['default']);
const count = (text: string) => tokenPieces(encoder, text).length;

export const sftDataProblems: PageProblems = {
  page: 'sft-data-and-failures',
  problems: [
    problem({
      id: 'sft-1',
      level: 'plug-in',
      inputs: { user: 'Name three uses of LoRA.', answer: 'Domain adaptation, style transfer and cheap multi-task serving.' },
      alternatives: [{ answer: 'Two small matrices per layer.' }],
      solve: (inputs) => {
        const answerTokens = count(inputs.answer);
        const promptTokens = 1 + count('user\n') + count(inputs.user) + 1 + count('\n') + 1 + count('assistant\n');
        return {
          question: say(
            t`一条 ChatML 格式的样本：\`<|im_start|>user↵${inputs.user}<|im_end|>↵<|im_start|>assistant↵${inputs.answer}<|im_end|>\`。用 o200k_base 词表切分（\`<|im_start|>\`、\`<|im_end|>\` 各算一个特殊词元），只在回答上计损失（含回答末尾的 \`<|im_end|>\`）。有多少个词元的 $m_t = 1$？`,
            t`A ChatML sample: \`<|im_start|>user↵${inputs.user}<|im_end|>↵<|im_start|>assistant↵${inputs.answer}<|im_end|>\`. Tokenized with o200k_base (\`<|im_start|>\` and \`<|im_end|>\` one special token each), with the loss on the answer only (its closing \`<|im_end|>\` included). How many tokens have $m_t = 1$?`,
          ),
          answer: num(answerTokens + 1, { zh: '个词元', en: 'tokens' }, abs(0.5), 0),
          hint: say(
            t`回答文本的词元数，加上结尾的 \`<|im_end|>\`：模型要学会在哪里停。`,
            t`The answer text's tokens, plus the closing \`<|im_end|>\`: the model must learn where to stop.`,
          ),
          steps: [
            say(
              t`回答文本切成 ${answerTokens} 个词元；加上 \`<|im_end|>\`，共 ${answerTokens + 1} 个 $m_t = 1$。`,
              t`The answer text is ${answerTokens} tokens; with \`<|im_end|>\`, ${answerTokens + 1} tokens have $m_t = 1$.`,
            ),
            say(
              t`提示一侧（模板标记、角色名和用户的话）共 ${promptTokens} 个词元，$m_t = 0$：它们仍参与前向，只是不计损失。`,
              t`The prompt side (template markers, role names and the user's words) is ${promptTokens} tokens with $m_t = 0$: they still go through the forward pass, they just carry no loss.`,
            ),
          ],
          calculator: { page: 'calculators/tokens', calculator: 'tokens', params: { 'tok.text': inputs.answer, 'tok.vocab': 'o200k_base' } },
        };
      },
    }),
    problem({
      id: 'sft-2',
      level: 'work-out',
      inputs: { short: 12, long: 300 },
      solve: ({ short, long }) => {
        const tokenShare = short / (short + long);
        return {
          question: say(
            t`一个批里有两条样本：回答分别有 ${short} 和 ${long} 个计损失的词元。损失按全部计损失词元平均（$\frac{1}{\sum_t m_t}\sum_t m_t \ell_t$）时，短样本在这一批的梯度里占多大权重？用百分数回答。`,
            t`A batch holds two samples whose answers have ${short} and ${long} loss tokens. With the loss averaged over all loss tokens ($\frac{1}{\sum_t m_t}\sum_t m_t \ell_t$), what weight does the short sample carry in the batch's gradient? Answer in percent.`,
          ),
          answer: num(tokenShare * 100, '%', rel(0.01), 2),
          hint: say(t`每个计损失的词元权重相同。`, t`Every loss token weighs the same.`),
          steps: [
            say(t`$${short} / (${short} + ${long}) = ${n(tokenShare * 100, 2)}$ %。`, t`$${short} / (${short} + ${long}) = ${n(tokenShare * 100, 2)}$ %.`),
            say(
              t`若先在每条样本内平均、再在样本间平均，它占 50 %。两种约定会让长回答或短回答占上风；框架的默认值不同，数据里长度分布不均时值得检查。`,
              t`Averaged per sample first and then across samples, it would weigh 50 %. The two conventions favor long or short answers; frameworks default differently, so check when answer lengths vary widely.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'sft-3',
      level: 'work-out',
      inputs: { task: 40000, share: 0.2 },
      solve: ({ task, share }) => {
        const general = (share / (1 - share)) * task;
        return {
          question: say(
            t`领域指令数据有 ${task} 条。要按 $\mathcal{D} = (1-\rho)\mathcal{D}_{\text{task}} + \rho\,\mathcal{D}_{\text{general}}$、$\rho = ${n(share, 2)}$ 混入通用数据以减轻遗忘，需要多少条通用数据？`,
            t`You have ${task} domain instructions. To mix in general data as $\mathcal{D} = (1-\rho)\mathcal{D}_{\text{task}} + \rho\,\mathcal{D}_{\text{general}}$ with $\rho = ${n(share, 2)}$ to soften forgetting, how many general examples do you need?`,
          ),
          answer: num(general, { zh: '条', en: 'examples' }, rel(0.01), 0),
          hint: say(t`通用数据占总量的 $\rho$：$G / (T + G) = \rho$。`, t`General data is the share $\rho$ of the total: $G / (T + G) = \rho$.`),
          steps: [
            say(
              t`$G = \frac{\rho}{1-\rho} T = \frac{${n(share, 2)}}{${n(1 - share, 2)}} \times ${task}$。`,
              t`$G = \frac{\rho}{1-\rho} T = \frac{${n(share, 2)}}{${n(1 - share, 2)}} \times ${task}$.`,
            ),
            say(t`$= ${n(general, 0)}$ 条，总计 ${n(task + general, 0)} 条。`, t`$= ${n(general, 0)}$ examples, ${n(task + general, 0)} in all.`),
          ],
        };
      },
    }),
    problem({
      id: 'sft-4',
      level: 'explain',
      inputs: { threshold: 0.7 },
      solve: ({ threshold }) => ({
        question: say(
          t`Self-Instruct 只保留与已保留指令的 ROUGE-L 重合度都低于 ${n(threshold, 1)} 的新指令。把阈值调高会怎样？`,
          t`Self-Instruct keeps a new instruction only if its ROUGE-L overlap with every kept one is below ${n(threshold, 1)}. What does raising the threshold do?`,
        ),
        answer: choice(
          [
            say(t`保留更多近似重复的指令，数据更多但更不多样`, t`More near-duplicates survive: more data, less diversity`),
            say(t`过滤更严，数据更少但更多样`, t`Stricter filtering: less data, more diversity`),
            say(t`没有影响：ROUGE-L 只衡量长度`, t`Nothing: ROUGE-L only measures length`),
          ],
          0,
        ),
        hint: say(t`条件是“低于阈值才保留”。`, t`The rule is "keep if below the threshold".`),
        steps: [
          say(
            t`阈值越高，越相似的指令也能通过。LIMA 与 AlpaGasus 的结果都说明，质量与多样性比数量更重要；放宽去重换来的量往往不值。`,
            t`The higher the threshold, the more similar an instruction may be and still pass. LIMA's and AlpaGasus's results both say quality and diversity matter more than volume; the volume a looser filter buys is seldom worth it.`,
          ),
        ],
      }),
    }),
    problem({
      id: 'sft-5',
      level: 'explain',
      inputs: {},
      solve: () => ({
        question: say(
          t`你想让模型学会一批它原本不知道的新事实，于是把它们写成问答对加进 SFT 数据。按 Gekhman 等人的发现，会发生什么？`,
          t`You want the model to learn facts it does not know, so you add them to the SFT data as Q&A pairs. By Gekhman et al.'s findings, what happens?`,
        ),
        answer: choice(
          [
            say(t`模型很快学会，且整体更准确`, t`The model learns them quickly and becomes more accurate overall`),
            say(
              t`这些样本学得慢；一旦被拟合，模型编造的倾向随之上升。宜早停，并滤掉模型不知道的事实，或改用继续预训练与检索`,
              t`They are learned slowly, and once fitted the model's tendency to make things up rises. Stop early and filter out unknown facts, or use continued pretraining and retrieval instead`,
            ),
            say(t`没有影响：SFT 不改变知识`, t`Nothing: SFT does not change knowledge`),
          ],
          1,
        ),
        hint: say(
          t`见本页“为什么 SFT 后模型显得变笨”一节中关于新事实与幻觉的一行。`,
          t`See the row on new facts and hallucination in the page's "why a model can seem dumber after SFT".`,
        ),
        steps: [
          say(
            t`Gekhman 等人发现：模型原本不知道的事实在 SFT 中学得慢，一旦被拟合，幻觉随之线性增加。知识主要来自预训练；SFT 更适合教格式与行为。`,
            t`Gekhman et al. find that facts the model did not know are learned slowly in SFT, and once fitted, hallucination rises linearly. Knowledge comes mainly from pretraining; SFT is better at teaching format and behavior.`,
          ),
        ],
      }),
    }),
  ],
};
