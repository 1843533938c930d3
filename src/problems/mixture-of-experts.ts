/** Problems for the mixture-of-experts page: total versus active, experts a batch touches, memory versus compute. */
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { expectedExpertsTouched, expertParams, moeLayerCount } from '~/lib/model/moe';
import { model } from './presets';
import { GiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const mixtureOfExpertsProblems: PageProblems = {
  page: 'mixture-of-experts',
  problems: [
    problem({
      id: 'moe-1',
      level: 'plug-in',
      inputs: { model: 'mixtral-8x7b' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const moe = m.spec.moe!;
        const one = expertParams(m.spec);
        return {
          question: say(
            t`${m.name} 的每个专家是一个门控 MLP：$h = ${m.spec.hiddenSize}$，专家宽度 ${moe.expertIntermediateSize}。一个专家有多少个参数（百万）？`,
            t`Each of ${m.name}'s experts is a gated MLP with $h = ${m.spec.hiddenSize}$ and expert width ${moe.expertIntermediateSize}. How many parameters does one expert hold, in millions?`,
          ),
          answer: num(one / 1e6, { zh: '百万', en: 'million' }, rel(0.01), 2),
          hint: say(t`门控 MLP 三个矩阵：gate、up、down。`, t`A gated MLP has three matrices: gate, up, down.`),
          steps: [
            say(
              t`$3 \cdot ${m.spec.hiddenSize} \cdot ${moe.expertIntermediateSize} = ${one}$。`,
              t`$3 \cdot ${m.spec.hiddenSize} \cdot ${moe.expertIntermediateSize} = ${one}$.`,
            ),
            say(
              t`约 ${n(one / 1e6, 2)} 百万；${moeLayerCount(m.spec)} 层各 ${moe.numExperts} 个专家，合计 ${n((one * moe.numExperts * moeLayerCount(m.spec)) / 1e9, 1)} B，占全部参数的大部分。`,
              t`About ${n(one / 1e6, 2)} million; ${moeLayerCount(m.spec)} layers of ${moe.numExperts} experts make ${n((one * moe.numExperts * moeLayerCount(m.spec)) / 1e9, 1)} B, most of the model.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'moe-2',
      level: 'plug-in',
      inputs: { model: 'deepseek-v3' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const total = countParams(m.spec);
        const active = countActiveParams(m.spec);
        return {
          question: say(
            t`按 \`config.json\` 计算，${m.name} 共有 ${n(total / 1e9, 1)} B 个参数，每个词元激活 ${n(active / 1e9, 1)} B 个。激活参数占总参数的百分之几？`,
            t`Counted from its \`config.json\`, ${m.name} holds ${n(total / 1e9, 1)} B parameters and activates ${n(active / 1e9, 1)} B per token. What percentage of the total is active?`,
          ),
          answer: num((active / total) * 100, '%', rel(0.02), 1),
          hint: say(
            t`直接相除。激活参数包括注意力、词嵌入、共享专家和选中的 $k$ 个路由专家。`,
            t`Divide. Active parameters include attention, embeddings, shared experts and the $k$ routed experts chosen.`,
          ),
          steps: [
            say(
              t`$${n(active / 1e9, 2)} / ${n(total / 1e9, 2)} = ${n((active / total) * 100, 1)}$ %。`,
              t`$${n(active / 1e9, 2)} / ${n(total / 1e9, 2)} = ${n((active / total) * 100, 1)}$ %.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'moe-3',
      level: 'work-out',
      inputs: { model: 'deepseek-v3', tokens: 32 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const moe = m.spec.moe!;
        const touched = expectedExpertsTouched(moe.numExperts, moe.expertsPerToken, inputs.tokens);
        return {
          question: say(
            t`${m.name} 每层 ${moe.numExperts} 个路由专家，每个词元选 ${moe.expertsPerToken} 个。批里 ${inputs.tokens} 个词元同时解码，若路由均匀且相互独立，一层期望有多少个专家被读到？`,
            t`${m.name} has ${moe.numExperts} routed experts per layer and each token picks ${moe.expertsPerToken}. Decoding a batch of ${inputs.tokens} tokens with uniform, independent routing, how many experts of a layer are read in expectation?`,
          ),
          answer: num(touched, { zh: '个专家', en: 'experts' }, rel(0.01), 1),
          hint: say(
            t`一个专家不被某个词元选中的概率是 $1 - k/N$；被全部 $B$ 个词元错过的概率是它的 $B$ 次方。`,
            t`An expert is missed by one token with probability $1 - k/N$, by all $B$ tokens with that to the power $B$.`,
          ),
          steps: [
            say(
              t`$N\bigl(1 - (1 - k/N)^B\bigr) = ${moe.numExperts}\bigl(1 - (1 - ${moe.expertsPerToken}/${moe.numExperts})^{${inputs.tokens}}\bigr)$。`,
              t`$N\bigl(1 - (1 - k/N)^B\bigr) = ${moe.numExperts}\bigl(1 - (1 - ${moe.expertsPerToken}/${moe.numExperts})^{${inputs.tokens}}\bigr)$.`,
            ),
            say(
              t`$\approx ${n(touched, 1)}$ 个，即 ${n((touched / moe.numExperts) * 100, 0)} %。批一大，每步读的权重就接近全部专家，带宽上的优势随之消失。`,
              t`$\approx ${n(touched, 1)}$ experts, ${n((touched / moe.numExperts) * 100, 0)} %. With a large batch each step reads nearly every expert, and the bandwidth advantage fades.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'moe-4',
      level: 'work-out',
      inputs: { moe: 'mixtral-8x7b', dense: 'llama-2-70b' },
      solve: (inputs) => {
        const a = model(inputs.moe);
        const b = model(inputs.dense);
        const memRatio = weightsBytes(a.spec, 'bf16') / weightsBytes(b.spec, 'bf16');
        const flopRatio = countActiveParams(a.spec) / countActiveParams(b.spec);
        return {
          question: say(
            t`比较 ${a.name} 与 ${b.name}（都用 BF16）。每个词元的前向运算量（约 $2N_{\text{active}}$），前者是后者的百分之几？`,
            t`Compare ${a.name} with ${b.name} (both BF16). What percentage of the latter's forward FLOPs per token (about $2N_{\text{active}}$) does the former need?`,
          ),
          answer: num(flopRatio * 100, '%', rel(0.02), 1),
          hint: say(t`运算跟着激活参数走，显存跟着总参数走。`, t`Compute follows the active parameters, memory the total.`),
          steps: [
            say(
              t`激活参数：${n(countActiveParams(a.spec) / 1e9, 1)} B 对 ${n(countActiveParams(b.spec) / 1e9, 1)} B，运算量之比 ${n(flopRatio * 100, 1)} %。`,
              t`Active parameters: ${n(countActiveParams(a.spec) / 1e9, 1)} B against ${n(countActiveParams(b.spec) / 1e9, 1)} B, a FLOP ratio of ${n(flopRatio * 100, 1)} %.`,
            ),
            say(
              t`显存：${n(weightsBytes(a.spec, 'bf16') / GiB, 1)} GiB 对 ${n(weightsBytes(b.spec, 'bf16') / GiB, 1)} GiB，之比 ${n(memRatio * 100, 0)} %：混合专家省的是运算，不是显存。`,
              t`Memory: ${n(weightsBytes(a.spec, 'bf16') / GiB, 1)} GiB against ${n(weightsBytes(b.spec, 'bf16') / GiB, 1)} GiB, ${n(memRatio * 100, 0)} %: a mixture of experts saves compute, not memory.`,
            ),
          ],
          calculator: { page: 'calculators/transformer-counts', calculator: 'transformer-counts', params: { 'tc.model': inputs.moe } },
        };
      },
    }),
    problem({
      id: 'moe-5',
      level: 'explain',
      inputs: { model: 'mixtral-8x7b', batch: 1 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const moe = m.spec.moe!;
        const one = expectedExpertsTouched(moe.numExperts, moe.expertsPerToken, inputs.batch);
        const big = expectedExpertsTouched(moe.numExperts, moe.expertsPerToken, inputs.batch * 64);
        return {
          question: say(
            t`${m.name} 以批大小 ${inputs.batch} 解码时，每层只读 ${n(one, 0)} 个专家，速度接近一个 ${n(countActiveParams(m.spec) / 1e9, 0)} B 的稠密模型。把批大小提高到 ${inputs.batch * 64}，每个词元的读字节数会怎样？`,
            t`Decoding ${m.name} at batch ${inputs.batch} reads only ${n(one, 0)} experts a layer, close to a dense ${n(countActiveParams(m.spec) / 1e9, 0)} B model. At batch ${inputs.batch * 64}, what happens to the bytes read per token?`,
          ),
          answer: choice(
            [
              say(t`不变：每个词元仍只用 $k$ 个专家`, t`Unchanged: each token still uses $k$ experts`),
              say(
                t`下降：一步几乎读遍全部专家，但这份读取由整批分摊，摊到每个词元反而更少`,
                t`It falls: a step reads nearly every expert, but the whole batch shares that read, so each token's share is smaller`,
              ),
              say(t`上升：每个词元都要读全部专家`, t`It rises: every token reads every expert`),
            ],
            big / (inputs.batch * 64) < one / inputs.batch ? 1 : 2,
          ),
          hint: say(t`算一步读到的专家数，再除以这一步产出的词元数。`, t`Count the experts a step reads, then divide by the tokens that step produces.`),
          steps: [
            say(
              t`批大小 ${inputs.batch}：每层读 ${n(one, 2)} 个专家，每个词元 ${n(one / inputs.batch, 2)} 个。`,
              t`Batch ${inputs.batch}: ${n(one, 2)} experts a layer, ${n(one / inputs.batch, 2)} per token.`,
            ),
            say(
              t`批大小 ${inputs.batch * 64}：每层读 ${n(big, 2)} 个（几乎全部），每个词元只摊到 ${n(big / (inputs.batch * 64), 3)} 个。大批量时混合专家的带宽像一个总参数量的稠密模型，但由整批分摊；这正是它适合大批量服务的原因。`,
              t`Batch ${inputs.batch * 64}: ${n(big, 2)} experts a layer (nearly all), only ${n(big / (inputs.batch * 64), 3)} per token. At large batch a mixture of experts reads like a dense model of its total size, but shared by the batch; that is why it suits large-batch serving.`,
            ),
          ],
        };
      },
    }),
  ],
};
