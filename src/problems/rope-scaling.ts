/** Problems for the RoPE-scaling page: wavelengths, pairs beyond the window, what each rope_scaling type keeps. */
import { readRopeConfig, ropeInverseFrequencies, ropeScaledInverseFrequencies, ropeWavelengths, ropeWindows } from '~/lib/model/rope';
import { model } from './presets';
import { abs, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

const rope = (id: string) => readRopeConfig(model(id).config);

export const ropeScalingProblems: PageProblems = {
  page: 'rope-scaling',
  problems: [
    problem({
      id: 'rope-1',
      level: 'plug-in',
      inputs: { model: 'llama-2-7b' },
      solve: (inputs) => {
        const r = rope(inputs.model);
        const wl = ropeWavelengths(ropeInverseFrequencies(r));
        return {
          question: say(
            t`${model(inputs.model).name} 的 $b = ${r.base}$，每个头旋转 $d = ${r.rotaryDim}$ 维。最慢的一对维度（最后一对）转一整圈要多少个位置？`,
            t`${model(inputs.model).name} has $b = ${r.base}$ and rotates $d = ${r.rotaryDim}$ dimensions per head. How many positions does the slowest pair (the last) need for one full turn?`,
          ),
          answer: num(wl.at(-1)!, { zh: '个位置', en: 'positions' }, rel(0.01), 0),
          hint: say(t`$\lambda_i = 2\pi\, b^{2i/d}$，最后一对 $i = d/2 - 1$。`, t`$\lambda_i = 2\pi\, b^{2i/d}$; the last pair has $i = d/2 - 1$.`),
          steps: [
            say(
              t`$i = ${r.rotaryDim / 2 - 1}$，$2i/d = ${n((2 * (r.rotaryDim / 2 - 1)) / r.rotaryDim, 4)}$。`,
              t`$i = ${r.rotaryDim / 2 - 1}$, $2i/d = ${n((2 * (r.rotaryDim / 2 - 1)) / r.rotaryDim, 4)}$.`,
            ),
            say(
              t`$\lambda = 2\pi \cdot ${r.base}^{${n((2 * (r.rotaryDim / 2 - 1)) / r.rotaryDim, 4)}} \approx ${n(wl.at(-1)!, 0)}$ 个位置。`,
              t`$\lambda = 2\pi \cdot ${r.base}^{${n((2 * (r.rotaryDim / 2 - 1)) / r.rotaryDim, 4)}} \approx ${n(wl.at(-1)!, 0)}$ positions.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'rope-2',
      level: 'work-out',
      inputs: { model: 'llama-2-7b' },
      solve: (inputs) => {
        const r = rope(inputs.model);
        const wl = ropeWavelengths(ropeInverseFrequencies(r));
        const window = r.maxPositionEmbeddings!;
        const beyond = wl.filter((w) => w > window).length;
        return {
          question: say(
            t`${model(inputs.model).name} 训练窗口 ${window} 个词元，共 ${wl.length} 对旋转维度。有几对的波长长于训练窗口（训练时一圈都没转完）？`,
            t`${model(inputs.model).name} trains on a window of ${window} tokens with ${wl.length} rotary pairs. How many pairs have a wavelength longer than the window (never completed a turn in training)?`,
          ),
          answer: num(beyond, { zh: '对', en: 'pairs' }, abs(0.5), 0),
          hint: say(t`解 $2\pi b^{2i/d} > ${window}$ 得 $i$ 的下界。`, t`Solve $2\pi b^{2i/d} > ${window}$ for the smallest $i$.`),
          steps: [
            say(
              t`第一对超过窗口的 $i = ${wl.length - beyond}$，波长 ${n(wl[wl.length - beyond]!, 0)}。`,
              t`The first pair past the window is $i = ${wl.length - beyond}$, wavelength ${n(wl[wl.length - beyond]!, 0)}.`,
            ),
            say(
              t`共 ${beyond} 对。这些维度训练时只见过一小段角度，超出窗口后会遇到没见过的角度：外推失败主要出在这里，缩放方法也主要改它们。`,
              t`${beyond} pairs. These dimensions saw only part of their circle in training and meet unseen angles past the window: that is where extrapolation fails, and what the scaling methods mostly change.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'rope-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b' },
      solve: (inputs) => {
        const r = rope(inputs.model);
        const before = ropeWavelengths(ropeInverseFrequencies(r));
        const after = ropeWavelengths(ropeScaledInverseFrequencies(r).inverseFrequencies);
        const win = ropeWindows(r);
        const kept = after.filter((w, i) => w === before[i]).length;
        const divided = after.filter((w, i) => Math.abs(w / before[i]! - (win.factor ?? 1)) < 1e-9).length;
        return {
          question: say(
            t`${model(inputs.model).name} 的 \`rope_scaling\` 类型为 llama3，放大倍数 ${win.factor ?? 0}，原窗口 ${win.originalWindow ?? 0}。${before.length} 对维度中，有几对的频率被完整地除以倍数（波长拉长 ${win.factor ?? 0} 倍）？`,
            t`${model(inputs.model).name}'s \`rope_scaling\` is of type llama3, factor ${win.factor ?? 0}, original window ${win.originalWindow ?? 0}. Of its ${before.length} pairs, how many have their frequency divided by the full factor (wavelength stretched ${win.factor ?? 0}-fold)?`,
          ),
          answer: num(divided, { zh: '对', en: 'pairs' }, abs(0.5), 0),
          hint: say(
            t`llama3 把波长分三段：短的不动，长的整除，中间平滑过渡。`,
            t`llama3 splits the wavelengths in three bands: short ones untouched, long ones divided by the factor, the middle blended.`,
          ),
          steps: [
            say(
              t`计算缩放前后的波长：不变的有 ${kept} 对，整除的有 ${divided} 对。`,
              t`Comparing wavelengths before and after: ${kept} pairs unchanged, ${divided} divided by the factor.`,
            ),
            say(
              t`其余 ${before.length - kept - divided} 对在中间带平滑过渡。高频对（区分相邻词元）保持原样，这是它与线性插值的区别。`,
              t`The other ${before.length - kept - divided} are blended in the middle band. High-frequency pairs (telling neighbors apart) are left alone, unlike linear interpolation.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'rope-4',
      level: 'explain',
      inputs: { model: 'llama-2-7b', factor: 4 },
      solve: (inputs) => {
        const r = rope(inputs.model);
        const before = ropeInverseFrequencies(r);
        const linear = ropeScaledInverseFrequencies({ ...r, scaling: { type: 'linear', factor: inputs.factor } }).inverseFrequencies;
        const firstRatio = before[0]! / linear[0]!;
        return {
          question: say(
            t`给 ${model(inputs.model).name} 加上 \`rope_scaling: {"type": "linear", "factor": ${inputs.factor}}\`（位置插值）。最快的一对维度（$i = 0$）的频率变成原来的几分之一？为什么这会损失局部信息？填频率缩小的倍数。`,
            t`${model(inputs.model).name} gets \`rope_scaling: {"type": "linear", "factor": ${inputs.factor}}\` (position interpolation). By what factor does the fastest pair's ($i = 0$) frequency shrink? Why does that cost local information? Give the factor.`,
          ),
          answer: num(firstRatio, '×', rel(0.001), 2),
          hint: say(
            t`线性插值把所有位置除以倍数，等价于把每一对的频率都除以倍数。`,
            t`Linear interpolation divides every position by the factor, the same as dividing every pair's frequency by it.`,
          ),
          steps: [
            say(
              t`$\theta_0$：${n(before[0]!, 4)} → ${n(linear[0]!, 4)}，缩小 ${n(firstRatio, 2)} 倍。`,
              t`$\theta_0$: ${n(before[0]!, 4)} → ${n(linear[0]!, 4)}, ${n(firstRatio, 2)} times smaller.`,
            ),
            say(
              t`相邻两个词元在这一对上的角度差从 ${n(before[0]!, 2)} 弧度缩到 ${n(linear[0]!, 2)} 弧度：模型靠它区分邻近位置，被压缩后需要微调才能重新适应。NTK 感知缩放、YaRN 和 llama3 都保留高频对，就是为此。`,
              t`Neighboring tokens now differ by ${n(linear[0]!, 2)} radians on this pair instead of ${n(before[0]!, 2)}: the model tells nearby positions apart by it, and squeezed, it needs fine-tuning to adapt. NTK-aware scaling, YaRN and llama3 leave high-frequency pairs alone for this reason.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'rope-5',
      level: 'explain',
      inputs: { model: 'qwen2.5-7b', scaled: 'llama-3.1-8b' },
      solve: (inputs) => {
        const r = rope(inputs.model);
        const scaled = model(inputs.scaled).name;
        const win = ropeWindows(r);
        const hasScaling = r.scaling !== undefined;
        return {
          question: say(
            t`${model(inputs.model).name} 的 \`config.json\` 写着 \`max_position_embeddings\` 为 ${win.maxPositionEmbeddings ?? 0}。能否据此说它在这个长度上训练过、开箱即可使用？`,
            t`${model(inputs.model).name}'s \`config.json\` says \`max_position_embeddings\` is ${win.maxPositionEmbeddings ?? 0}. Does that mean it was trained at that length and works there out of the box?`,
          ),
          answer: choice(
            [
              say(t`能：这个字段就是训练长度`, t`Yes: this field is the training length`),
              say(
                t`不能直接下结论：要同时看 \`rope_scaling\` 与模型卡，字段只是服务时允许的最大位置；有的模型要手动打开 YaRN 才到更长`,
                t`Not by itself: read it with \`rope_scaling\` and the model card; the field is the largest position served, and some models reach further only with YaRN switched on`,
              ),
              say(t`不能：这个字段与上下文长度无关`, t`No: the field has nothing to do with context length`),
            ],
            1,
          ),
          hint: say(
            t`本页“读 config.json 判断上下文窗口”一节列出了要看的字段。`,
            t`The page's "reading a config.json for its context window" lists the fields to read.`,
          ),
          steps: [
            say(
              t`这个 \`config.json\` ${hasScaling ? '带有' : '没有'} \`rope_scaling\`；\`max_position_embeddings\` 为 ${win.maxPositionEmbeddings ?? 0}。`,
              t`This \`config.json\` ${hasScaling ? 'has' : 'has no'} \`rope_scaling\`; \`max_position_embeddings\` is ${win.maxPositionEmbeddings ?? 0}.`,
            ),
            say(
              t`该字段是推理框架分配位置表的上限，不等于训练长度，更不等于有效上下文。${model(inputs.model).name} 的模型卡说明更长的上下文需在配置里加上 YaRN 的 \`rope_scaling\`；${scaled} 则把缩放写进了配置（llama3 类型）。`,
              t`The field is the position limit an engine allocates for, not the training length, and not the effective context. ${model(inputs.model).name}'s model card asks you to add a YaRN \`rope_scaling\` for longer contexts; ${scaled} writes its scaling into the config (type llama3).`,
            ),
          ],
        };
      },
    }),
  ],
};
