/** Problems for the quantization page: absmax and zero point by hand, bits per weight, GGUF sizes, the KV cache. */
import {
  absmaxQuantize,
  ggufBitsPerWeight,
  groupQuantBitsPerWeight,
  nf4DoubleQuantBitsPerWeight,
  zeroPointQuantize,
  type GgufType,
} from '~/lib/model/quant-formats';
import { countParams } from '~/lib/model/param-count';
import { kvCacheBytes, maxContextLength } from '~/lib/memory/kv-cache';
import { model } from './presets';
import { GiB, abs, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const quantizationProblems: PageProblems = {
  page: 'quantization',
  problems: [
    problem({
      id: 'quant-1',
      level: 'plug-in',
      inputs: { a: 0.8, b: -2.4, c: 1.1, d: 0.3, bits: 8, which: 2 },
      solve: (inputs) => {
        const x = [inputs.a, inputs.b, inputs.c, inputs.d];
        const q = absmaxQuantize(x, inputs.bits);
        const qmax = 2 ** (inputs.bits - 1) - 1;
        const i = inputs.which;
        return {
          question: say(
            t`对 $x = (${n(inputs.a, 2)}, ${n(inputs.b, 2)}, ${n(inputs.c, 2)}, ${n(inputs.d, 2)})$ 做 ${inputs.bits} 位 absmax（对称）量化。第 ${i + 1} 个数 ${n(x[i]!, 2)} 的整数码是多少？`,
            t`Quantize $x = (${n(inputs.a, 2)}, ${n(inputs.b, 2)}, ${n(inputs.c, 2)}, ${n(inputs.d, 2)})$ to ${inputs.bits} bits with absmax (symmetric) quantization. What is the integer code of entry ${i + 1}, ${n(x[i]!, 2)}?`,
          ),
          answer: num(q.codes[i]!, '', abs(0.5), 0),
          hint: say(t`$s = \max_j |x_j| / (2^{b-1} - 1)$，$q = \mathrm{round}(x / s)$。`, t`$s = \max_j |x_j| / (2^{b-1} - 1)$, $q = \mathrm{round}(x / s)$.`),
          steps: [
            say(
              t`$\max|x| = ${n(Math.max(...x.map(Math.abs)), 2)}$，$s = ${n(Math.max(...x.map(Math.abs)), 2)} / ${qmax} = ${n(q.scale, 5)}$。`,
              t`$\max|x| = ${n(Math.max(...x.map(Math.abs)), 2)}$, $s = ${n(Math.max(...x.map(Math.abs)), 2)} / ${qmax} = ${n(q.scale, 5)}$.`,
            ),
            say(
              t`$q = \mathrm{round}(${n(x[i]!, 2)} / ${n(q.scale, 5)}) = ${q.codes[i]!}$；还原为 ${n(q.dequantized[i]!, 4)}，误差 ${n(Math.abs(q.dequantized[i]! - x[i]!), 4)}。`,
              t`$q = \mathrm{round}(${n(x[i]!, 2)} / ${n(q.scale, 5)}) = ${q.codes[i]!}$; it dequantizes to ${n(q.dequantized[i]!, 4)}, an error of ${n(Math.abs(q.dequantized[i]! - x[i]!), 4)}.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'quant-2',
      level: 'plug-in',
      inputs: { a: 0.8, b: -2.4, c: 1.1, d: 0.3, bits: 4 },
      solve: (inputs) => {
        const x = [inputs.a, inputs.b, inputs.c, inputs.d];
        const q = zeroPointQuantize(x, inputs.bits);
        const lo = Math.min(...x, 0);
        const hi = Math.max(...x, 0);
        return {
          question: say(
            t`对同一组数 $x = (${n(inputs.a, 2)}, ${n(inputs.b, 2)}, ${n(inputs.c, 2)}, ${n(inputs.d, 2)})$ 做 ${inputs.bits} 位零点（非对称）量化，零点 $z$ 是多少？`,
            t`Quantize the same $x = (${n(inputs.a, 2)}, ${n(inputs.b, 2)}, ${n(inputs.c, 2)}, ${n(inputs.d, 2)})$ to ${inputs.bits} bits with a zero point (asymmetric). What is the zero point $z$?`,
          ),
          answer: num(q.zeroPoint, '', abs(0.5), 0),
          hint: say(
            t`$s = (\max x - \min x)/(2^b - 1)$，$z = \mathrm{round}(-\min x / s)$（范围总包含 0）。`,
            t`$s = (\max x - \min x)/(2^b - 1)$, $z = \mathrm{round}(-\min x / s)$ (the range always includes 0).`,
          ),
          steps: [
            say(
              t`$s = (${n(hi, 2)} - (${n(lo, 2)})) / ${2 ** inputs.bits - 1} = ${n(q.scale, 4)}$。`,
              t`$s = (${n(hi, 2)} - (${n(lo, 2)})) / ${2 ** inputs.bits - 1} = ${n(q.scale, 4)}$.`,
            ),
            say(
              t`$z = \mathrm{round}(${n(-lo, 2)} / ${n(q.scale, 4)}) = ${q.zeroPoint}$；各数的码为 ${q.codes.join(', ')}。`,
              t`$z = \mathrm{round}(${n(-lo, 2)} / ${n(q.scale, 4)}) = ${q.zeroPoint}$; the codes are ${q.codes.join(', ')}.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'quant-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', type: 'Q5_K' },
      alternatives: [{ type: 'Q4_K' }, { type: 'Q8_0' }],
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const bpw = ggufBitsPerWeight(inputs.type as GgufType);
        return {
          question: say(
            t`${m.name}（${N} 个参数）如果全部存成 GGUF 的 ${inputs.type}（含缩放因子），约多少 GiB？`,
            t`If every parameter of ${m.name} (${N} parameters) were stored as GGUF ${inputs.type} (scales included), about how many GiB would it take?`,
          ),
          answer: num((N * bpw) / 8 / GiB, 'GiB', rel(0.01), 2),
          hint: say(
            t`先由块结构算每个权重的位数：每块字节数 × 8 ÷ 每块权重数。`,
            t`First the bits per weight from the block layout: bytes per block × 8 ÷ weights per block.`,
          ),
          steps: [
            say(t`${inputs.type}：${n(bpw, 4)} 位/权重。`, t`${inputs.type}: ${n(bpw, 4)} bits per weight.`),
            say(
              t`$${N} \times ${n(bpw, 4)} / 8$ 字节 $= ${n((N * bpw) / 8 / GiB, 2)}$ GiB。实际文件名里的 \`_M\`、\`_S\` 混合类型会把部分张量放在更高位数，所以会大一些。`,
              t`$${N} \times ${n(bpw, 4)} / 8$ bytes $= ${n((N * bpw) / 8 / GiB, 2)}$ GiB. The \`_M\` and \`_S\` mixes in real file names keep some tensors in more bits, so real files are a little larger.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'quant-4',
      level: 'work-out',
      inputs: { bits: 4, groupSize: 32, scaleBits: 16, zeroBits: 16 },
      solve: (inputs) => {
        const bpw = groupQuantBitsPerWeight(inputs);
        const nf4dq = nf4DoubleQuantBitsPerWeight();
        return {
          question: say(
            t`${inputs.bits} 位分组量化，每 ${inputs.groupSize} 个权重存一个 ${inputs.scaleBits} 位缩放因子和一个 ${inputs.zeroBits} 位零点。每个权重实际占多少位？`,
            t`${inputs.bits}-bit group-wise quantization stores a ${inputs.scaleBits}-bit scale and a ${inputs.zeroBits}-bit zero point per ${inputs.groupSize} weights. How many bits does each weight really take?`,
          ),
          answer: num(bpw, { zh: '位', en: 'bits' }, rel(0.005), 3),
          hint: say(t`$b + (\text{缩放位数} + \text{零点位数}) / \text{组大小}$。`, t`$b + (\text{scale bits} + \text{zero-point bits}) / \text{group size}$.`),
          steps: [
            say(
              t`$${inputs.bits} + (${inputs.scaleBits} + ${inputs.zeroBits}) / ${inputs.groupSize} = ${n(bpw, 3)}$ 位。`,
              t`$${inputs.bits} + (${inputs.scaleBits} + ${inputs.zeroBits}) / ${inputs.groupSize} = ${n(bpw, 3)}$ bits.`,
            ),
            say(
              t`组越小，离群值的影响越局部，但元数据越多。对照：QLoRA 的 NF4 加双重量化为 ${n(nf4dq, 3)} 位。`,
              t`Smaller groups confine an outlier's damage but store more metadata. For comparison, QLoRA's NF4 with double quantization costs ${n(nf4dq, 3)} bits.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'quant-5',
      level: 'explain',
      inputs: { model: 'llama-3.1-8b', freeGiB: 20 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const free = inputs.freeGiB * GiB;
        const ctx = (dtype: 'bf16' | 'fp8') => {
          const r = maxContextLength(m.spec, { freeBytes: free, batch: 1, dtype });
          return r.kind === 'limited' ? r.seqLen : 0;
        };
        const bf16 = ctx('bf16');
        const fp8 = ctx('fp8');
        return {
          question: say(
            t`放下 ${m.name} 的权重后还剩 ${inputs.freeGiB} GiB。KV 缓存从 BF16 改成 FP8，一条序列能放下的上下文变为原来的多少倍？这对解码速度意味着什么？填倍数。`,
            t`After ${m.name}'s weights, ${inputs.freeGiB} GiB are left. Switching the KV cache from BF16 to FP8, by what factor does the context one sequence can hold grow? What does that mean for decode speed? Give the factor.`,
          ),
          answer: num(fp8 / bf16, '×', rel(0.01), 2),
          hint: say(t`每个缓存的数从 2 字节变成 1 字节。`, t`Each cached number goes from 2 bytes to 1.`),
          steps: [
            say(
              t`每词元：BF16 ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken} 字节，FP8 ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'fp8' }).perToken} 字节。`,
              t`Per token: BF16 ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken} bytes, FP8 ${kvCacheBytes(m.spec, { seqLen: 1, batch: 1, dtype: 'fp8' }).perToken} bytes.`,
            ),
            say(
              t`能放下 ${bf16} → ${fp8} 个词元，${n(fp8 / bf16, 2)} 倍。解码受带宽限制，每步要读的 KV 字节也减半，长上下文时每步更快；代价是精度，要看论文在各自模型上的评测。`,
              t`${bf16} → ${fp8} tokens fit, ${n(fp8 / bf16, 2)} times. Decoding is bandwidth-bound and reads half the KV bytes per step, so long-context steps get faster; the price is precision, which the papers evaluate on their own models.`,
            ),
          ],
          calculator: { page: 'calculators/kv-cache', calculator: 'kv-cache', params: { 'kv.model': inputs.model, 'kv.kvdt': 'fp8' } },
        };
      },
    }),
    problem({
      id: 'quant-6',
      level: 'explain',
      inputs: { a: 0.1, b: -0.2, c: 0.15, outlier: 60, bits: 8 },
      solve: (inputs) => {
        const small = [inputs.a, inputs.b, inputs.c];
        const withOutlier = absmaxQuantize([...small, inputs.outlier], inputs.bits);
        const alone = absmaxQuantize(small, inputs.bits);
        const err = (q: ReturnType<typeof absmaxQuantize>) => Math.max(...small.map((v, i) => Math.abs(q.dequantized[i]! - v)));
        return {
          question: say(
            t`一组激活 $(${n(inputs.a, 2)}, ${n(inputs.b, 2)}, ${n(inputs.c, 2)}, ${inputs.outlier})$ 做 ${inputs.bits} 位 absmax 量化。前三个小数各被量化成什么码？这说明了 LLM.int8() 为什么要把离群维单独拿出来？`,
            t`A group of activations $(${n(inputs.a, 2)}, ${n(inputs.b, 2)}, ${n(inputs.c, 2)}, ${inputs.outlier})$ is quantized to ${inputs.bits} bits with absmax. What codes do the three small values get, and why does LLM.int8() split the outlier dimensions out?`,
          ),
          answer: choice(
            [
              say(
                t`三个都很接近原值：${inputs.bits} 位有 ${2 ** inputs.bits - 1} 个码，足够细`,
                t`All three stay close to their values: ${inputs.bits} bits give ${2 ** inputs.bits - 1} codes, fine enough`,
              ),
              say(
                t`它们几乎都被压成 0 附近的一两个码：尺度由离群值决定，步长太大，小数的信息丢了`,
                t`They collapse onto one or two codes near 0: the outlier sets the scale, the step is too coarse, and the small values' information is lost`,
              ),
              say(t`离群值被截断，小数不受影响`, t`The outlier is clipped and the small values are unaffected`),
            ],
            err(withOutlier) > 10 * err(alone) ? 1 : 0,
          ),
          hint: say(
            t`先算步长 $s = \max|x| / ${2 ** (inputs.bits - 1) - 1}$，再和小数比一比。`,
            t`Work out the step $s = \max|x| / ${2 ** (inputs.bits - 1) - 1}$ and compare it with the small values.`,
          ),
          steps: [
            say(
              t`有离群值：$s = ${n(withOutlier.scale, 4)}$，三个小数的码为 ${withOutlier.codes.slice(0, 3).join(', ')}，最大误差 ${n(err(withOutlier), 4)}。`,
              t`With the outlier: $s = ${n(withOutlier.scale, 4)}$, the small values' codes are ${withOutlier.codes.slice(0, 3).join(', ')}, a worst error of ${n(err(withOutlier), 4)}.`,
            ),
            say(
              t`去掉离群值：$s = ${n(alone.scale, 5)}$，码为 ${alone.codes.join(', ')}，最大误差 ${n(err(alone), 5)}。LLM.int8() 把少数离群维用 16 位单独算，其余维才能用合适的尺度做 8 位量化。`,
              t`Without it: $s = ${n(alone.scale, 5)}$, codes ${alone.codes.join(', ')}, a worst error of ${n(err(alone), 5)}. LLM.int8() computes the few outlier dimensions in 16 bits so the rest can be quantized to 8 bits at a sensible scale.`,
            ),
          ],
        };
      },
    }),
  ],
};
