/** Problems for the architectures page: masks, visible pairs, loss positions, why a prefix leaks nothing. */
import { attentionMask, lossTargets, visiblePairs } from '~/lib/masks/attention-mask';
import { abs, choice, num, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const sum = (flags: Uint8Array) => flags.reduce((s, f) => s + f, 0);

/** Allowed (query, key) pairs whose key comes after the query, optionally only those with the key at or past `from`. */
function futurePairs(kind: 'causal' | 'prefix' | 'bidirectional', length: number, prefixLength = 0, from = 0): number {
  const mask = attentionMask({ kind, length, prefixLength });
  let count = 0;
  for (let q = 0; q < length; q++) for (let k = Math.max(q + 1, from); k < length; k++) count += mask.allowed[q * length + k]!;
  return count;
}

export const architecturesProblems: PageProblems = {
  page: 'architectures',
  problems: [
    problem({
      id: 'arch-1',
      level: 'plug-in',
      inputs: { length: 12 },
      solve: ({ length }) => {
        const pairs = visiblePairs(attentionMask({ kind: 'causal', length }));
        return {
          question: say(
            t`一个因果语言模型处理 ${length} 个词元。注意力掩码一共允许多少个（查询，键）对？`,
            t`A causal language model processes ${length} tokens. How many (query, key) pairs does its attention mask allow?`,
          ),
          answer: num(pairs, { zh: '对', en: 'pairs' }, abs(0.5), 0),
          hint: say(
            t`第 $i$ 个位置（从 1 数起）能看到自己和前面的全部位置，共 $i$ 个键。`,
            t`Position $i$ (counting from 1) sees itself and everything before it: $i$ keys.`,
          ),
          steps: [
            say(
              t`$1 + 2 + \dots + ${length} = \frac{${length} \cdot ${length + 1}}{2}$。`,
              t`$1 + 2 + \dots + ${length} = \frac{${length} \cdot ${length + 1}}{2}$.`,
            ),
            say(
              t`$= ${pairs}$，不到全部 $${length}^2 = ${length * length}$ 对的一半多一点：下三角加对角线。`,
              t`$= ${pairs}$, a little over half of all $${length}^2 = ${length * length}$ pairs: the lower triangle and the diagonal.`,
            ),
          ],
          calculator: {
            page: 'calculators/attention-mask',
            calculator: 'attention-mask',
            params: { 'mask.a': 'causal', 'mask.b': 'prefix', 'mask.n': length },
          },
        };
      },
    }),
    problem({
      id: 'arch-2',
      level: 'plug-in',
      inputs: { length: 10, prefix: 4 },
      solve: ({ length, prefix }) => {
        const pairs = visiblePairs(attentionMask({ kind: 'prefix', length, prefixLength: prefix }));
        const causal = visiblePairs(attentionMask({ kind: 'causal', length }));
        return {
          question: say(
            t`前缀语言模型，序列长 ${length}，前缀长 ${prefix}。掩码允许多少个（查询，键）对？比同长度的因果掩码多几个？请填多出的个数。`,
            t`A prefix LM with a sequence of ${length} tokens and a prefix of ${prefix}. How many (query, key) pairs does its mask allow beyond a causal mask of the same length? Give the extra pairs.`,
          ),
          answer: num(pairs - causal, { zh: '对', en: 'pairs' }, abs(0.5), 0),
          hint: say(
            t`多出来的只在前缀内部：前缀里的词元还能看到前缀中排在它后面的词元。`,
            t`The extra pairs are all inside the prefix: a prefix token also sees the prefix tokens after it.`,
          ),
          steps: [
            say(t`因果掩码：$${length} \cdot ${length + 1}/2 = ${causal}$ 对。`, t`Causal: $${length} \cdot ${length + 1}/2 = ${causal}$ pairs.`),
            say(
              t`前缀掩码：${pairs} 对。多出 $${prefix}\cdot${prefix - 1}/2 = ${pairs - causal}$ 对，即前缀内部的上三角。`,
              t`Prefix: ${pairs} pairs. The extra $${prefix}\cdot${prefix - 1}/2 = ${pairs - causal}$ are the upper triangle inside the prefix.`,
            ),
          ],
          calculator: {
            page: 'calculators/attention-mask',
            calculator: 'attention-mask',
            params: { 'mask.a': 'causal', 'mask.b': 'prefix', 'mask.n': length, 'mask.p': prefix },
          },
        };
      },
    }),
    problem({
      id: 'arch-3',
      level: 'work-out',
      inputs: { length: 512, prefix: 384 },
      solve: ({ length, prefix }) => {
        const causal = sum(lossTargets('causal', length));
        const prefixLm = sum(lossTargets('prefix', length, prefix));
        return {
          question: say(
            t`同一条 ${length} 个词元的训练文本，前 ${prefix} 个是输入。按因果语言模型训练（每个位置都预测下一个词元）比按前缀语言模型训练（只在目标部分计损失）每条序列多多少个计损失的位置？`,
            t`The same training text of ${length} tokens, the first ${prefix} of them input. How many more positions carry loss per sequence when it is trained as a causal LM (every position predicts the next token) than as a prefix LM (loss on the target part only)?`,
          ),
          answer: num(causal - prefixLm, { zh: '个位置', en: 'positions' }, abs(0.5), 0),
          hint: say(
            t`因果语言模型除第一个词元外每个词元都是目标；前缀语言模型只有前缀之后的词元是目标。`,
            t`A causal LM has every token but the first as a target; a prefix LM only the tokens after the prefix.`,
          ),
          steps: [
            say(t`因果：$${length} - 1 = ${causal}$ 个目标。`, t`Causal: $${length} - 1 = ${causal}$ targets.`),
            say(t`前缀：$${length} - ${prefix} = ${prefixLm}$ 个目标。`, t`Prefix: $${length} - ${prefix} = ${prefixLm}$ targets.`),
            say(
              t`多 ${causal - prefixLm} 个，即每条序列的监督信号多 ${n(causal / prefixLm, 1)} 倍左右：这是“每个位置都受监督”的含义。`,
              t`${causal - prefixLm} more, about ${n(causal / prefixLm, 1)} times the supervision per sequence: what "every position is supervised" means.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'arch-4',
      level: 'explain',
      inputs: { length: 8, prefix: 3 },
      solve: ({ length, prefix }) => {
        const insidePrefix = futurePairs('prefix', length, prefix);
        const causalFuture = futurePairs('causal', length);
        const fullFuture = futurePairs('bidirectional', length);
        // Keys past the prefix that some earlier query may see: the only "leak" that would matter.
        const leaksIntoTarget = futurePairs('prefix', length, prefix, prefix);
        return {
          question: say(
            t`前缀语言模型的前缀内部是双向注意力：前缀里的词元能看到它后面的词元。为什么这在推理时不会泄露答案？（序列长 ${length}，前缀长 ${prefix}。）`,
            t`Inside a prefix LM's prefix attention is bidirectional: a prefix token sees tokens after it. Why does this leak nothing at inference? (A sequence of ${length}, a prefix of ${prefix}.)`,
          ),
          answer: choice(
            [
              say(
                t`能被“提前看到”的只有前缀里的词元，而前缀就是推理时已经给定的提示；要生成的部分仍是因果的`,
                t`The only tokens seen "ahead" are prefix tokens, and the prefix is the prompt, fully given at inference; the generated part stays causal`,
              ),
              say(t`推理时掩码被换成了因果掩码`, t`At inference the mask is switched to a causal one`),
              say(
                t`训练时前缀不计损失，所以模型学不会利用后面的词元`,
                t`The prefix carries no loss in training, so the model never learns to use later tokens`,
              ),
            ],
            leaksIntoTarget === 0 ? 0 : 1,
          ),
          hint: say(
            t`数一数：掩码里“键在查询之后”的对，键都落在哪一段？`,
            t`Count the pairs where the key comes after the query: in which part do those keys lie?`,
          ),
          steps: [
            say(
              t`前缀掩码中键在查询之后的对共 ${insidePrefix} 个，全部落在前缀内部（$${prefix}\cdot${prefix - 1}/2$）；落在目标部分的为 ${leaksIntoTarget} 个。对照：因果掩码 ${causalFuture} 个，全可见掩码 ${fullFuture} 个。`,
              t`The prefix mask has ${insidePrefix} pairs whose key follows the query, all inside the prefix ($${prefix}\cdot${prefix - 1}/2$); ${leaksIntoTarget} reach into the target. For comparison: causal ${causalFuture}, fully visible ${fullFuture}.`,
            ),
            say(
              t`推理时前缀就是用户给的提示，一次预填充全部已知；生成部分每一步只看已生成的词元，与训练时的掩码完全一致。所以没有“未来”可泄露，掩码也不需要更换。`,
              t`At inference the prefix is the user's prompt, known in full at prefill; each generated token sees only what was generated before, exactly as in training. There is no future to leak, and no mask to switch.`,
            ),
            say(
              t`代价在别处：追加文本会改变前缀里每个位置的表示，上一轮的 KV 缓存不能沿用（见“只用解码器”一页）。`,
              t`The price is elsewhere: appending text changes every prefix position's representation, so the previous turn's KV cache cannot be reused (see the decoder-only page).`,
            ),
          ],
          calculator: {
            page: 'calculators/attention-mask',
            calculator: 'attention-mask',
            params: { 'mask.a': 'prefix', 'mask.b': 'causal', 'mask.n': length, 'mask.p': prefix },
          },
        };
      },
    }),
    problem({
      id: 'arch-5',
      level: 'explain',
      inputs: { encoder: 6, decoder: 4 },
      solve: ({ encoder, decoder }) => {
        const enc = visiblePairs(attentionMask({ kind: 'bidirectional', length: encoder }));
        const dec = visiblePairs(attentionMask({ kind: 'causal', length: decoder }));
        const cross = encoder * decoder;
        const prefix = visiblePairs(attentionMask({ kind: 'prefix', length: encoder + decoder, prefixLength: encoder }));
        return {
          question: say(
            t`编码器–解码器：输入 ${encoder} 个词元，输出 ${decoder} 个。编码器自注意力、解码器自注意力和交叉注意力一共允许多少个（查询，键）对？它与同样长度的前缀语言模型相比如何？填总对数。`,
            t`An encoder–decoder with ${encoder} input and ${decoder} output tokens. How many (query, key) pairs do the encoder self-attention, decoder self-attention and cross-attention allow in all? How does that compare with a prefix LM over the same tokens? Give the total.`,
          ),
          answer: num(enc + dec + cross, { zh: '对', en: 'pairs' }, abs(0.5), 0),
          hint: say(
            t`编码器全可见，解码器因果，交叉注意力让每个输出词元看到全部输入。`,
            t`The encoder is fully visible, the decoder causal, and cross-attention lets every output token see every input token.`,
          ),
          steps: [
            say(
              t`编码器 $${encoder}^2 = ${enc}$，解码器 $${decoder}\cdot${decoder + 1}/2 = ${dec}$，交叉 $${decoder}\cdot${encoder} = ${cross}$，合计 ${enc + dec + cross}。`,
              t`Encoder $${encoder}^2 = ${enc}$, decoder $${decoder}\cdot${decoder + 1}/2 = ${dec}$, cross $${decoder}\cdot${encoder} = ${cross}$: ${enc + dec + cross} in all.`,
            ),
            say(
              t`前缀语言模型把同样 ${encoder + decoder} 个词元放进一个堆栈，允许 ${prefix} 对：与编码器–解码器相同。谁能看到谁一样，区别在参数：编码器–解码器用两套权重，前缀语言模型一套。`,
              t`A prefix LM puts the same ${encoder + decoder} tokens in one stack and allows ${prefix} pairs: the same number. Who sees whom is identical; the difference is the weights, two stacks against one.`,
            ),
          ],
        };
      },
    }),
  ],
};
