/** Problems for training Chinese LLMs: tokens per character, the vocabulary's cost, compute budgets. */
import { loadVocabulary } from '~/lib/text/bpe-vocabularies';
import { efficiencyRow, EFFICIENCY_PARAGRAPHS } from '~/lib/text/token-efficiency';
import { embeddingParams } from '~/lib/model/embedding';
import { countParams } from '~/lib/model/param-count';
import { sixND } from '~/lib/model/component-counts';
import { model } from './presets';
import { choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const rows = {
  cl100k_base: efficiencyRow(await loadVocabulary('cl100k_base')),
  o200k_base: efficiencyRow(await loadVocabulary('o200k_base')),
};
type Vocab = keyof typeof rows;
const characters = [...EFFICIENCY_PARAGRAPHS.zh].length;

export const chineseLlmProblems: PageProblems = {
  page: 'chinese-llm',
  problems: [
    problem({
      id: 'zh-1',
      level: 'plug-in',
      inputs: { vocab: 'cl100k_base' },
      alternatives: [{ vocab: 'o200k_base' }],
      solve: (inputs) => {
        const row = rows[inputs.vocab as Vocab];
        return {
          question: say(
            t`本页“词表与分词器”一节开头那段中文（${characters} 个字符）用 \`${inputs.vocab}\` 切成 ${row.zh.tokens} 个词元。平均每个词元几个字符？`,
            t`The Chinese opening of the page's "Tokenizer and vocabulary" section (${characters} characters) is ${row.zh.tokens} tokens under \`${inputs.vocab}\`. How many characters per token on average?`,
          ),
          answer: num(row.zh.charactersPerToken, { zh: '字符/词元', en: 'characters/token' }, rel(0.01), 2),
          hint: say(t`字符数除以词元数。`, t`Characters over tokens.`),
          steps: [
            say(
              t`$${characters} / ${row.zh.tokens} = ${n(row.zh.charactersPerToken, 2)}$。同一段话的英文版在这个词表下是 ${n(row.en.charactersPerToken, 2)} 字符/词元。`,
              t`$${characters} / ${row.zh.tokens} = ${n(row.zh.charactersPerToken, 2)}$. The same paragraph in English runs at ${n(row.en.charactersPerToken, 2)} characters per token under this vocabulary.`,
            ),
          ],
          calculator: { page: 'calculators/tokens', calculator: 'tokens', params: { 'tok.text': EFFICIENCY_PARAGRAPHS.zh, 'tok.vocab': inputs.vocab } },
        };
      },
    }),
    problem({
      id: 'zh-2',
      level: 'work-out',
      inputs: { window: 4096 },
      solve: ({ window }) => {
        const a = rows.cl100k_base.zh.charactersPerToken * window;
        const b = rows.o200k_base.zh.charactersPerToken * window;
        return {
          question: say(
            t`按上一题那段中文的切分效率，一个 ${window} 词元的上下文窗口在 \`o200k_base\` 下比在 \`cl100k_base\` 下多装多少个汉字？`,
            t`At the tokenization rate of the previous problem's paragraph, how many more Chinese characters does a ${window}-token window hold under \`o200k_base\` than under \`cl100k_base\`?`,
          ),
          answer: num(b - a, { zh: '个字符', en: 'characters' }, rel(0.02), 0),
          hint: say(t`窗口 × 字符/词元。`, t`Window × characters per token.`),
          steps: [
            say(
              t`\`cl100k_base\`：$${window} \times ${n(rows.cl100k_base.zh.charactersPerToken, 3)} \approx ${n(a, 0)}$；\`o200k_base\`：$${window} \times ${n(rows.o200k_base.zh.charactersPerToken, 3)} \approx ${n(b, 0)}$。`,
              t`\`cl100k_base\`: $${window} \times ${n(rows.cl100k_base.zh.charactersPerToken, 3)} \approx ${n(a, 0)}$; \`o200k_base\`: $${window} \times ${n(rows.o200k_base.zh.charactersPerToken, 3)} \approx ${n(b, 0)}$.`,
            ),
            say(
              t`多约 ${n(b - a, 0)} 个。同样的中文在更大的词表下词元更少：上下文装得更多，训练和推理的每个字也更便宜。`,
              t`About ${n(b - a, 0)} more. The same Chinese costs fewer tokens under the larger vocabulary: more fits in the context, and each character is cheaper to train on and to generate.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'zh-3',
      level: 'work-out',
      inputs: { model: 'glm-4-9b-chat', tokensPerParam: 20 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const D = inputs.tokensPerParam * N;
        const C = sixND(N, D);
        return {
          question: say(
            t`按 Chinchilla 的经验（约每个参数 ${inputs.tokensPerParam} 个词元）给 ${m.name}（${N} 个参数）定预训练数据量，再按 $6ND$ 估算计算量。是多少 FLOPs？以 $10^{21}$ 为单位。`,
            t`Size ${m.name}'s (${N} parameters) pretraining data by Chinchilla's rule of about ${inputs.tokensPerParam} tokens per parameter, then its compute by $6ND$. How many FLOPs, in units of $10^{21}$?`,
          ),
          answer: num(C / 1e21, { zh: '× 10²¹ FLOPs', en: '× 10²¹ FLOPs' }, rel(0.01), 1),
          hint: say(
            t`$D = ${inputs.tokensPerParam} N$，$C = 6ND = ${6 * inputs.tokensPerParam} N^2$。`,
            t`$D = ${inputs.tokensPerParam} N$, $C = 6ND = ${6 * inputs.tokensPerParam} N^2$.`,
          ),
          steps: [
            say(
              t`$D = ${inputs.tokensPerParam} \times ${n(N / 1e9, 3)} \times 10^9 = ${n(D / 1e9, 0)} \times 10^9$ 个词元。`,
              t`$D = ${inputs.tokensPerParam} \times ${n(N / 1e9, 3)} \times 10^9 = ${n(D / 1e9, 0)} \times 10^9$ tokens.`,
            ),
            say(
              t`$C = ${n(C / 1e21, 1)} \times 10^{21}$。这是计算最优点，不是最有用的点：推理成本随参数增长，开源模型往往远超这个词元数。`,
              t`$C = ${n(C / 1e21, 1)} \times 10^{21}$. That is the compute optimum, not the most useful point: inference cost grows with parameters, so open models train far past this many tokens.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'zh-4',
      level: 'explain',
      inputs: { model: 'llama-2-7b', added: 17953 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const rowsAdded = embeddingParams(inputs.added, m.spec.hiddenSize) * (m.spec.tiedEmbeddings ? 1 : 2);
        return {
          question: say(
            t`Chinese-LLaMA 给 ${m.name} 的词表加入了 ${inputs.added} 个中文词元（$d = ${m.spec.hiddenSize}$，输出头不共享）。为什么之后要先做大规模中文继续预训练，而不是直接做指令微调？`,
            t`Chinese-LLaMA added ${inputs.added} Chinese tokens to ${m.name}'s vocabulary ($d = ${m.spec.hiddenSize}$, head untied). Why does it continue pretraining on a large Chinese corpus before instruction tuning, rather than tune directly?`,
          ),
          answer: choice(
            [
              say(
                t`因为新词元的嵌入和输出行都是新参数，要靠大量文本才学得出来`,
                t`Because the new tokens' embedding and output rows are new parameters that only a lot of text can train`,
              ),
              say(t`因为扩词表后旧词元的嵌入被清空了`, t`Because extending the vocabulary wipes the old tokens' embeddings`),
              say(t`因为指令微调不支持新词元`, t`Because instruction tuning does not support new tokens`),
            ],
            rowsAdded > 0 ? 0 : 1,
          ),
          hint: say(t`算一算新增了多少个参数，它们从哪里获得训练信号。`, t`Count the new parameters and ask where their training signal comes from.`),
          steps: [
            say(
              t`新增 $2 \times ${inputs.added} \times ${m.spec.hiddenSize} = ${rowsAdded}$ 个参数（约 ${n(rowsAdded / 1e6, 0)} 百万），起初没有意义。`,
              t`$2 \times ${inputs.added} \times ${m.spec.hiddenSize} = ${rowsAdded}$ new parameters (about ${n(rowsAdded / 1e6, 0)} million), meaningless at first.`,
            ),
            say(
              t`每一行只在对应词元出现时才得到梯度：要让近两万个新词元都见得足够多，需要大量中文语料；指令数据太少也太窄。`,
              t`Each row gets gradient only when its token occurs: for nearly twenty thousand new tokens to be seen often enough takes a large Chinese corpus; instruction data is too small and too narrow.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'zh-5',
      level: 'work-out',
      inputs: { vocab: 'cl100k_base' },
      alternatives: [{ vocab: 'o200k_base' }],
      solve: (inputs) => {
        const row = rows[inputs.vocab as Vocab];
        return {
          question: say(
            t`同一段话的中文版和英文版（本页“词表与分词器”一节开头）用 \`${inputs.vocab}\` 切分，分别得到 ${row.zh.tokens} 和 ${row.en.tokens} 个词元。表达同样的内容，中文要花英文的多少倍词元？`,
            t`The same paragraph in Chinese and in English (the opening of the page's "Tokenizer and vocabulary" section) is ${row.zh.tokens} and ${row.en.tokens} tokens under \`${inputs.vocab}\`. How many times the English tokens does the same content cost in Chinese?`,
          ),
          answer: num(row.zhPerEn, '×', rel(0.01), 2),
          hint: say(t`中文词元数除以英文词元数。`, t`Chinese tokens over English tokens.`),
          steps: [
            say(
              t`$${row.zh.tokens} / ${row.en.tokens} = ${n(row.zhPerEn, 2)}$。倍数大于 1 意味着中文用户在同一个上下文窗口里放得下的内容更少，按词元计费时付得更多。`,
              t`$${row.zh.tokens} / ${row.en.tokens} = ${n(row.zhPerEn, 2)}$. Above 1, a Chinese reader fits less content in the same context window and pays more when billed by the token.`,
            ),
          ],
        };
      },
    }),
  ],
};
