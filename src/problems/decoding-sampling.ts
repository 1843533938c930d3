/**
 * Problems for decoding and sampling, on the page's own next-token distribution (gpt-4o-mini's three published
 * log-probabilities and a modelled tail, ~/components/figures/decoding/next-token.ts) run through the site's sampling
 * core (src/lib/text/sampling.ts). Problems 1–4 ask only about the three measured tokens, whose numbers do not depend
 * on how the tail is modelled; problem 5 says where it does.
 */
import { entropyBits, keptTokens, samplingStages, softmax } from '~/lib/text/sampling';
import { HEAD, PROMPT, SOURCE_MODEL, TAIL_TOKENS, nextTokenLogits, tailMass } from '~/components/figures/decoding/next-token';
import { choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const [MY, ONE, THE] = HEAD.map((h) => h.token) as [string, string, string];
const pct = (p: number) => p * 100;
const at = (options: Parameters<typeof samplingStages>[1]) => samplingStages(nextTokenLogits(), options).final;

export const decodingSamplingProblems: PageProblems = {
  page: 'decoding-sampling',
  problems: [
    problem({
      id: 'decode-1',
      level: 'plug-in',
      inputs: { minP: 0.1 },
      solve: ({ minP }) => {
        const raw = at({});
        const bar = minP * raw[0]!;
        const kept = at({ minP });
        return {
          question: say(
            t`本页的例子：${SOURCE_MODEL} 续写“${PROMPT}”，首词元“${MY}”的概率是 ${n(pct(raw[0]!), 1)} %，“${ONE}”${n(pct(raw[1]!), 1)} %，“${THE}”${n(pct(raw[2]!), 1)} %（$T=1$）。min-p 取 $p_{\text{base}} = ${n(minP, 2)}$，保留门槛是多少（%）？三个词元里哪些留下？`,
            t`The page's example: ${SOURCE_MODEL} completing “${PROMPT}” starts with “${MY}” at ${n(pct(raw[0]!), 1)} %, “${ONE}” at ${n(pct(raw[1]!), 1)} % and “${THE}” at ${n(pct(raw[2]!), 1)} % ($T=1$). With min-p at $p_{\text{base}} = ${n(minP, 2)}$, what is the bar a token must reach (in %)? Which of the three stay?`,
          ),
          answer: num(pct(bar), '%', rel(0.01), 2),
          hint: say(
            t`门槛是 $p_{\text{base}} \cdot \max_j p_j$，与最可能的词元成比例。`,
            t`The bar is $p_{\text{base}} \cdot \max_j p_j$, proportional to the most likely token.`,
          ),
          steps: [
            say(
              t`$${n(minP, 2)} \times ${n(pct(raw[0]!), 2)}\,\% = ${n(pct(bar), 2)}\,\%$。`,
              t`$${n(minP, 2)} \times ${n(pct(raw[0]!), 2)}\,\% = ${n(pct(bar), 2)}\,\%$.`,
            ),
            say(
              t`“${ONE}”（${n(pct(raw[1]!), 1)} %）${raw[1]! >= bar ? '留下' : '被去掉'}，“${THE}”（${n(pct(raw[2]!), 1)} %）${raw[2]! >= bar ? '留下' : '被去掉'}；连同尾部在内，一共只有 ${keptTokens(kept)} 个词元留下。模型越有把握，门槛越高：这是 min-p 和固定 $k$ 的区别。`,
              t`“${ONE}” (${n(pct(raw[1]!), 1)} %) ${raw[1]! >= bar ? 'stays' : 'is cut'}; “${THE}” (${n(pct(raw[2]!), 1)} %) ${raw[2]! >= bar ? 'stays' : 'is cut'}; counting the tail, only ${keptTokens(kept)} tokens survive in all. The surer the model, the higher the bar: that is what sets min-p apart from a fixed $k$.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'decode-2',
      level: 'work-out',
      inputs: { temperature: 0.5 },
      solve: ({ temperature }) => {
        const raw = at({});
        const scaled = at({ temperature });
        const gap = HEAD[0]!.logprob - HEAD[1]!.logprob;
        return {
          question: say(
            t`同一个例子，温度 $T = ${n(temperature, 2)}$ 时，“${MY}”的概率是“${ONE}”的多少倍？（$T=1$ 时是 ${n(raw[0]! / raw[1]!, 2)} 倍。）`,
            t`The same example at temperature $T = ${n(temperature, 2)}$: how many times more likely is “${MY}” than “${ONE}”? (At $T=1$ it is ${n(raw[0]! / raw[1]!, 2)} times.)`,
          ),
          answer: num(scaled[0]! / scaled[1]!, '×', rel(0.01), 2),
          hint: say(
            t`softmax 的分母在比值里约掉：$p_i / p_j = e^{(\ell_i - \ell_j)/T}$。`,
            t`The softmax's denominator cancels in the ratio: $p_i / p_j = e^{(\ell_i - \ell_j)/T}$.`,
          ),
          steps: [
            say(
              t`两个对数概率相差 $${n(HEAD[0]!.logprob, 3)} - (${n(HEAD[1]!.logprob, 3)}) = ${n(gap, 3)}$。`,
              t`The two log-probabilities differ by $${n(HEAD[0]!.logprob, 3)} - (${n(HEAD[1]!.logprob, 3)}) = ${n(gap, 3)}$.`,
            ),
            say(
              t`$e^{${n(gap, 3)}/${n(temperature, 2)}} = ${n(scaled[0]! / scaled[1]!, 2)}$。温度只改变差距，不改变顺序；尾部怎么建模与这个比值无关。`,
              t`$e^{${n(gap, 3)}/${n(temperature, 2)}} = ${n(scaled[0]! / scaled[1]!, 2)}$. Temperature changes the gaps, never the order; how the tail is modelled does not enter this ratio.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'decode-3',
      level: 'work-out',
      inputs: { presence: 1 },
      solve: ({ presence }) => {
        const raw = at({});
        const p = raw[0]!;
        const after = at({ presencePenalty: presence, outputCounts: new Map([[0, 1]]) })[0]!;
        const shrunk = p * Math.exp(-presence);
        return {
          question: say(
            t`“${MY}”已经生成过一次，存在惩罚（presence penalty）取 ${n(presence, 2)}。$T=1$ 时它的概率从 ${n(pct(p), 1)} % 变成多少（%）？`,
            t`“${MY}” has already been generated once and the presence penalty is ${n(presence, 2)}. At $T=1$, what does its probability of ${n(pct(p), 1)} % become (in %)?`,
          ),
          answer: num(pct(after), '%', rel(0.01), 1),
          hint: say(
            t`对数几率减去 $\alpha$，相当于把它的未归一化权重乘以 $e^{-\alpha}$，其他词元不变，然后重新归一化。`,
            t`Subtracting $\alpha$ from its logit multiplies its unnormalized weight by $e^{-\alpha}$; the others stay; then renormalize.`,
          ),
          steps: [
            say(
              t`权重：$${n(p, 4)} \times e^{-${n(presence, 2)}} = ${n(shrunk, 4)}$；其余词元合计仍是 $1 - ${n(p, 4)} = ${n(1 - p, 4)}$。`,
              t`Weight: $${n(p, 4)} \times e^{-${n(presence, 2)}} = ${n(shrunk, 4)}$; every other token together still has $1 - ${n(p, 4)} = ${n(1 - p, 4)}$.`,
            ),
            say(
              t`$${n(shrunk, 4)} / (${n(shrunk, 4)} + ${n(1 - p, 4)}) = ${n(pct(after), 1)}\,\%$。让出的概率按比例分给所有其他词元，包括尾部：惩罚太重时会出现奇怪的用词。`,
              t`$${n(shrunk, 4)} / (${n(shrunk, 4)} + ${n(1 - p, 4)}) = ${n(pct(after), 1)}\,\%$. The mass it gives up goes to every other token in proportion, the tail included: a heavy penalty brings odd word choices.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'decode-4',
      level: 'work-out',
      inputs: { banned: 0 },
      solve: ({ banned }) => {
        // A constraint that allows only the measured tokens other than `banned`: every other logit becomes −∞.
        const allowed = HEAD.map((_, i) => i).filter((i) => i !== banned);
        const masked = nextTokenLogits().map((l, i) => (allowed.includes(i) ? l : -Infinity));
        const probs = softmax(masked);
        const raw = at({});
        const first = allowed[0]!;
        const second = allowed[1]!;
        const before = raw[first]! + raw[second]!;
        return {
          question: say(
            t`一个语法约束只允许“${HEAD[first]!.token}”和“${HEAD[second]!.token}”作为首词元，其余对数几率都设为 $-\infty$。约束后“${HEAD[first]!.token}”的概率是多少（%）？`,
            t`A grammar allows only “${HEAD[first]!.token}” and “${HEAD[second]!.token}” as the first token and sets every other logit to $-\infty$. What is the probability of “${HEAD[first]!.token}” after the mask (in %)?`,
          ),
          answer: num(pct(probs[first]!), '%', rel(0.005), 1),
          hint: say(t`被屏蔽的词元概率为 0，剩下的按原比例重新归一化。`, t`Masked tokens get 0; the rest are renormalized in their old proportions.`),
          steps: [
            say(
              t`约束前两者合计 $${n(pct(raw[first]!), 2)}\,\% + ${n(pct(raw[second]!), 2)}\,\% = ${n(pct(before), 2)}\,\%$。`,
              t`Before the mask the two hold $${n(pct(raw[first]!), 2)}\,\% + ${n(pct(raw[second]!), 2)}\,\% = ${n(pct(before), 2)}\,\%$.`,
            ),
            say(
              t`$${n(pct(raw[first]!), 2)} / ${n(pct(before), 2)} = ${n(pct(probs[first]!), 1)}\,\%$。屏蔽改变的不只是支撑集：模型原本最想写的内容，其概率被挪给语法允许的词元，内容可能随格式一起变。`,
              t`$${n(pct(raw[first]!), 2)} / ${n(pct(before), 2)} = ${n(pct(probs[first]!), 1)}\,\%$. A mask changes more than the support: what the model most wanted to write has its mass moved onto the tokens the grammar allows, and the content can change with the format.`,
            ),
          ],
        };
      },
      alternatives: [{ banned: 1 }, { banned: 2 }],
    }),
    problem({
      id: 'decode-5',
      level: 'explain',
      inputs: { hot: 1.5, minP: 0.1, topP: 0.9 },
      solve: ({ hot, minP, topP }) => {
        const raw = at({});
        const heated = at({ temperature: hot });
        const withMinP = at({ temperature: hot, minP });
        const withTopP = at({ temperature: hot, topP });
        return {
          question: say(
            t`把温度升到 $T = ${n(hot, 2)}$ 想让回答多样一些。按本页对尾部的建模，另外 ${TAIL_TOKENS} 个词元合计的概率从 ${n(pct(tailMass(raw)), 1)} % 升到 ${n(pct(tailMass(heated)), 1)} %。哪个做法能保留头部词元之间的多样性、又去掉这条尾巴？`,
            t`You raise the temperature to $T = ${n(hot, 2)}$ for more varied answers. With the page's model of the tail, the other ${TAIL_TOKENS} tokens together go from ${n(pct(tailMass(raw)), 1)} % to ${n(pct(tailMass(heated)), 1)} %. Which setting keeps the variety among the head tokens and removes that tail?`,
          ),
          answer: choice(
            [
              say(t`top-p $= ${n(topP, 2)}$，放在温度之后`, t`top-p $= ${n(topP, 2)}$, after the temperature`),
              say(t`min-p $= ${n(minP, 2)}$，放在温度之后`, t`min-p $= ${n(minP, 2)}$, after the temperature`),
              say(t`不用截断，温度越高多样性越好`, t`No truncation: the higher the temperature, the better the variety`),
            ],
            1,
          ),
          hint: say(
            t`top-p 按累计概率截断：尾部占多数时，核必须深入尾部。min-p 按最可能词元的比例截断。`,
            t`Top-p cuts by cumulative mass: when the tail holds most of it, the nucleus must reach deep into the tail. Min-p cuts relative to the most likely token.`,
          ),
          steps: [
            say(
              t`$T = ${n(hot, 2)}$ 之后，top-p $${n(topP, 2)}$ 要保留 ${keptTokens(withTopP)} 个词元才凑够累计概率，熵 ${n(entropyBits(withTopP), 2)} 比特：核深入尾部。`,
              t`After $T = ${n(hot, 2)}$, top-p $${n(topP, 2)}$ needs ${keptTokens(withTopP)} tokens to reach its mass, entropy ${n(entropyBits(withTopP), 2)} bits: the nucleus reaches deep into the tail.`,
            ),
            say(
              t`min-p $${n(minP, 2)}$ 只保留 ${keptTokens(withMinP)} 个：“${MY}”${n(pct(withMinP[0]!), 1)} %，“${ONE}”${n(pct(withMinP[1]!), 1)} %，“${THE}”${n(pct(withMinP[2]!), 1)} %，而在 $T=1$ 时同样的 min-p 只留下 ${keptTokens(at({ minP }))} 个。多样性来自头部，而不是几万个不合适的词元。这些计数取决于尾部的建模，这一结论不取决于它。`,
              t`Min-p $${n(minP, 2)}$ keeps only ${keptTokens(withMinP)}: “${MY}” ${n(pct(withMinP[0]!), 1)} %, “${ONE}” ${n(pct(withMinP[1]!), 1)} %, “${THE}” ${n(pct(withMinP[2]!), 1)} %, where the same min-p at $T=1$ keeps ${keptTokens(at({ minP }))}. The variety comes from the head, not from tens of thousands of unfit tokens. The counts depend on the modelled tail; the conclusion does not.`,
            ),
          ],
        };
      },
    }),
  ],
};
