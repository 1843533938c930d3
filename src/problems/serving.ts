/** Problems for the serving page (prefill and decode, the roofline, paged KV, speculative decoding). */
import { countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { pagedTokens } from '~/lib/memory/kv-cache';
import { forwardWork, ridgeIntensity, rooflineTime, speculativeSpeedup, speculativeTokensPerCall } from '~/lib/memory/roofline-basics';
import { model } from './presets';
import { GB, choice, num, rel, abs, roofline, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const servingProblems: PageProblems = {
  page: 'serving',
  problems: [
    problem({
      id: 'serving-1',
      level: 'plug-in',
      inputs: { gpu: 'a100-80gb' },
      solve: ({ gpu }) => {
        const m = roofline(gpu);
        const ridge = ridgeIntensity(m);
        const P = m.peakFlopsPerS / 1e12;
        const B = m.bandwidthBytesPerS / 1e12;
        return {
          question: say(
            t`${m.name} 的数据表给出稠密 BF16 算力 ${n(P, 1)} TFLOP/s、显存带宽 ${n(B, 3)} TB/s。它的屋顶线拐点（ridge point）$I^*$ 是多少 FLOP/字节？`,
            t`The ${m.name} datasheet gives ${n(P, 1)} TFLOP/s of dense BF16 compute and ${n(B, 3)} TB/s of memory bandwidth. Where is its roofline's ridge point $I^*$, in FLOP per byte?`,
          ),
          answer: num(ridge, 'FLOP/B', rel(0.01), 0),
          hint: say(t`拐点是两块屋顶相交处：$I^* = P/B$。注意 T 与 T 相消。`, t`The ridge is where the two roofs meet: $I^* = P/B$. The T's cancel.`),
          steps: [
            say(
              t`$P = ${n(P, 1)} \times 10^{12}$ FLOP/s，$B = ${n(B, 3)} \times 10^{12}$ 字节/s。`,
              t`$P = ${n(P, 1)} \times 10^{12}$ FLOP/s and $B = ${n(B, 3)} \times 10^{12}$ bytes/s.`,
            ),
            say(
              t`$I^* = P/B = ${n(P, 1)} / ${n(B, 3)} \approx ${n(ridge, 0)}$ FLOP/字节：算术强度低于它的计算受带宽限制，高于它的受算力限制。`,
              t`$I^* = P/B = ${n(P, 1)} / ${n(B, 3)} \approx ${n(ridge, 0)}$ FLOP/byte: below it a computation is memory-bound, above it compute-bound.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'serving-2',
      level: 'plug-in',
      inputs: { model: 'llama-3.1-8b', gpu: 'h100-80gb' },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gpu = roofline(inputs.gpu);
        const N = countParams(m.spec);
        const bytes = weightsBytes(m.spec, 'bf16');
        const w = forwardWork(N, 1, bytes);
        const step = rooflineTime(w.flops, w.bytes, gpu);
        return {
          question: say(
            t`${m.name} 有 ${N} 个参数，以 BF16 存放。在一块 ${gpu.name}（带宽 ${n(gpu.bandwidthBytesPerS / 1e12, 2)} TB/s）上以批大小 1 解码，只计读一遍权重，每一步至少要多少毫秒？`,
            t`${m.name} has ${N} parameters, stored in BF16. Decoding at batch 1 on one ${gpu.name} (${n(gpu.bandwidthBytesPerS / 1e12, 2)} TB/s), counting only one read of the weights, how many milliseconds does a step take at least?`,
          ),
          answer: num(step.seconds * 1e3, 'ms', rel(0.02), 2),
          hint: say(
            t`每个参数 2 字节；批大小为 1 时，读权重的时间远大于计算时间。`,
            t`Two bytes per parameter; at batch 1 reading the weights takes far longer than the arithmetic.`,
          ),
          steps: [
            say(t`权重字节数：$${N} \times 2 = ${n(bytes / GB, 2)}$ GB。`, t`Weight bytes: $${N} \times 2 = ${n(bytes / GB, 2)}$ GB.`),
            say(
              t`读一遍：$${n(bytes / GB, 2)}\ \text{GB} / ${n(gpu.bandwidthBytesPerS / 1e12, 2)}\ \text{TB/s} = ${n(step.memorySeconds * 1e3, 2)}$ ms；计算只要 $2N / P = ${n(step.computeSeconds * 1e3, 3)}$ ms。`,
              t`One read: $${n(bytes / GB, 2)}\ \text{GB} / ${n(gpu.bandwidthBytesPerS / 1e12, 2)}\ \text{TB/s} = ${n(step.memorySeconds * 1e3, 2)}$ ms; the arithmetic needs only $2N / P = ${n(step.computeSeconds * 1e3, 3)}$ ms.`,
            ),
            say(
              t`取两者中较大的：每步至少 ${n(step.seconds * 1e3, 2)} ms，即每秒至多约 ${n(1 / step.seconds, 0)} 个词元。规划器还计入 KV 缓存的读取，所以给出的数略大。`,
              t`The larger of the two: at least ${n(step.seconds * 1e3, 2)} ms per step, at most about ${n(1 / step.seconds, 0)} tokens per second. The planner also counts reading the KV cache, so its figure is a little higher.`,
            ),
          ],
          calculator: {
            page: 'calculators/serving',
            calculator: 'serving-planner',
            params: { 'srv.model': inputs.model, 'srv.gpu': inputs.gpu, 'srv.tp': 1, 'srv.batch': 1, 'srv.w': 'bf16' },
          },
        };
      },
    }),
    problem({
      id: 'serving-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', gpu: 'h100-80gb', bitsPerWeight: 4 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gpu = roofline(inputs.gpu);
        const N = countParams(m.spec);
        const ridge = ridgeIntensity(gpu);
        const bytesPerParam = inputs.bitsPerWeight / 8;
        const bf16Batch = (ridge * (N * 2)) / (2 * N);
        const batch = (ridge * N * bytesPerParam) / (2 * N);
        return {
          question: say(
            t`只计权重的读取与 $2N$ 的矩阵乘法，${m.name} 在 ${gpu.name} 上解码时，批大小到多少才由带宽受限转为算力受限？权重量化为每参数 ${inputs.bitsPerWeight} 位（计算仍用 BF16 的峰值 ${n(gpu.peakFlopsPerS / 1e12, 1)} TFLOP/s）。`,
            t`Counting only reading the weights and the $2N$ matmul FLOPs per token, at what batch size does decoding ${m.name} on an ${gpu.name} turn from memory-bound to compute-bound, with the weights quantized to ${inputs.bitsPerWeight} bits per parameter (compute still at the BF16 peak of ${n(gpu.peakFlopsPerS / 1e12, 1)} TFLOP/s)?`,
          ),
          answer: num(batch, { zh: '条序列', en: 'sequences' }, rel(0.03), 0),
          hint: say(
            t`批大小为 $b$ 时，一步做 $2Nb$ 次运算、读 $N \cdot s$ 字节（$s$ 是每参数的字节数）。令强度等于拐点。`,
            t`At batch $b$ a step does $2Nb$ FLOPs and reads $N \cdot s$ bytes ($s$ bytes per parameter). Set the intensity equal to the ridge.`,
          ),
          steps: [
            say(
              t`强度 $I(b) = \dfrac{2Nb}{N s} = \dfrac{2b}{s}$，与模型大小无关。`,
              t`Intensity $I(b) = \dfrac{2Nb}{N s} = \dfrac{2b}{s}$, whatever the model's size.`,
            ),
            say(
              t`拐点 $I^* = P/B \approx ${n(ridge, 0)}$ FLOP/字节；$s = ${inputs.bitsPerWeight}/8 = ${n(bytesPerParam, 3)}$ 字节。`,
              t`The ridge is $I^* = P/B \approx ${n(ridge, 0)}$ FLOP/byte; $s = ${inputs.bitsPerWeight}/8 = ${n(bytesPerParam, 3)}$ bytes.`,
            ),
            say(
              t`$b^* = I^* s / 2 \approx ${n(batch, 0)}$。BF16 权重（$s = 2$）时是 ${n(bf16Batch, 0)}：量化权重让解码更早变成算力受限，因为同样的运算读的字节更少。`,
              t`$b^* = I^* s / 2 \approx ${n(batch, 0)}$. With BF16 weights ($s = 2$) it is ${n(bf16Batch, 0)}: quantized weights make decoding compute-bound sooner, since the same arithmetic reads fewer bytes.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'serving-4',
      level: 'work-out',
      inputs: { tokens: 2050, blockSize: 16 },
      solve: ({ tokens, blockSize }) => {
        const held = pagedTokens(tokens, blockSize);
        const wasted = held - tokens;
        return {
          question: say(
            t`vLLM 按每块 ${blockSize} 个词元分配 KV 缓存。一个请求最终长 ${tokens} 个词元，它的最后一块里有多少个空位？`,
            t`vLLM allocates the KV cache in blocks of ${blockSize} tokens. A request ends up ${tokens} tokens long. How many empty slots are left in its last block?`,
          ),
          answer: num(wasted, { zh: '个词元位', en: 'token slots' }, abs(0.5), 0),
          hint: say(
            t`只有最后一块可能不满；块数是 $\lceil ${tokens} / ${blockSize} \rceil$。`,
            t`Only the last block can be partly empty; there are $\lceil ${tokens} / ${blockSize} \rceil$ blocks.`,
          ),
          steps: [
            say(
              t`块数 $\lceil ${tokens} / ${blockSize} \rceil = ${held / blockSize}$，可放 ${held} 个词元。`,
              t`$\lceil ${tokens} / ${blockSize} \rceil = ${held / blockSize}$ blocks hold ${held} tokens.`,
            ),
            say(
              t`空位 $${held} - ${tokens} = ${wasted}$，占 ${n((wasted / held) * 100, 2)} %。按最大长度整段预留时，浪费的是预留长度与实际长度之差，常常是它的数百倍。`,
              t`Empty slots: $${held} - ${tokens} = ${wasted}$, ${n((wasted / held) * 100, 2)} % of what the request holds. A contiguous reservation for the maximum length wastes the whole difference between reserved and used, often hundreds of times more.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'serving-5',
      level: 'work-out',
      inputs: { acceptance: 0.7, draftTokens: 5, costRatio: 0.1 },
      solve: ({ acceptance, draftTokens, costRatio }) => {
        const perCall = speculativeTokensPerCall(acceptance, draftTokens);
        const speedup = speculativeSpeedup(acceptance, draftTokens, costRatio);
        return {
          question: say(
            t`投机解码：草稿模型每次猜 $\gamma = ${draftTokens}$ 个词元，每个被接受的概率 $\alpha = ${n(acceptance, 2)}$，草稿模型一步的耗时是大模型一步的 $c = ${n(costRatio, 2)}$ 倍。按 Leviathan 等人的公式，期望的墙钟加速比是多少？`,
            t`Speculative decoding: the draft model guesses $\gamma = ${draftTokens}$ tokens per call, each accepted with probability $\alpha = ${n(acceptance, 2)}$, and a draft step costs $c = ${n(costRatio, 2)}$ times a large-model step. By Leviathan et al.'s formula, what is the expected wall-time speedup?`,
          ),
          answer: num(speedup, '×', rel(0.02), 2),
          hint: say(
            t`先算每次调用大模型产出的期望词元数 $\frac{1-\alpha^{\gamma+1}}{1-\alpha}$，再除以一轮的耗时 $\gamma c + 1$。`,
            t`First the expected tokens per large-model call, $\frac{1-\alpha^{\gamma+1}}{1-\alpha}$; then divide by one round's cost, $\gamma c + 1$.`,
          ),
          steps: [
            say(
              t`$\mathbb{E}[\text{tokens}] = \dfrac{1-${n(acceptance, 2)}^{${draftTokens + 1}}}{1-${n(acceptance, 2)}} = ${n(perCall, 3)}$。`,
              t`$\mathbb{E}[\text{tokens}] = \dfrac{1-${n(acceptance, 2)}^{${draftTokens + 1}}}{1-${n(acceptance, 2)}} = ${n(perCall, 3)}$.`,
            ),
            say(
              t`一轮耗时 $\gamma c + 1 = ${draftTokens} \times ${n(costRatio, 2)} + 1 = ${n(draftTokens * costRatio + 1, 2)}$ 个大模型步。`,
              t`One round costs $\gamma c + 1 = ${draftTokens} \times ${n(costRatio, 2)} + 1 = ${n(draftTokens * costRatio + 1, 2)}$ large-model steps.`,
            ),
            say(
              t`加速比 $${n(perCall, 3)} / ${n(draftTokens * costRatio + 1, 2)} \approx ${n(speedup, 2)}\times$。`,
              t`Speedup $${n(perCall, 3)} / ${n(draftTokens * costRatio + 1, 2)} \approx ${n(speedup, 2)}\times$.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'serving-6',
      level: 'explain',
      inputs: { model: 'llama-3.1-8b', gpu: 'h100-80gb', batch: 256, draftTokens: 4 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const gpu = roofline(inputs.gpu);
        const N = countParams(m.spec);
        const bytes = weightsBytes(m.spec, 'bf16');
        const ridge = ridgeIntensity(gpu);
        const plain = rooflineTime(...workOf(N, inputs.batch, bytes), gpu);
        const verify = rooflineTime(...workOf(N, inputs.batch * (inputs.draftTokens + 1), bytes), gpu);
        return {
          question: say(
            t`${m.name} 在 ${gpu.name} 上以批大小 ${inputs.batch} 解码时开启投机解码（$\gamma = ${inputs.draftTokens}$），大模型验证一轮的耗时会怎样？`,
            t`Decoding ${m.name} on an ${gpu.name} at batch ${inputs.batch}, you turn on speculative decoding ($\gamma = ${inputs.draftTokens}$). What happens to the time of one verification step of the large model?`,
          ),
          answer: choice(
            [
              say(
                t`几乎不变：解码受带宽限制，多验证几个位置是免费的`,
                t`Almost unchanged: decoding is memory-bound, so verifying a few more positions is free`,
              ),
              say(
                t`成倍增加：这个批大小下一步已在算力屋顶附近，多出的位置要按运算量付时间`,
                t`It grows several-fold: at this batch a step is already near the compute roof, so the extra positions cost time in proportion to their FLOPs`,
              ),
              say(t`变短：草稿模型替大模型做了一部分运算`, t`It gets shorter: the draft model does part of the large model's arithmetic`),
            ],
            verify.seconds / plain.seconds > 1.5 ? 1 : 0,
          ),
          hint: say(
            t`一轮验证要处理 $b(\gamma+1)$ 个位置。把它与拐点 $I^* \approx ${n(ridge, 0)}$ 比一比（BF16 权重时强度约等于处理的词元数）。`,
            t`One verification processes $b(\gamma+1)$ positions. Compare that with the ridge $I^* \approx ${n(ridge, 0)}$ (with BF16 weights the intensity is about the number of tokens processed).`,
          ),
          steps: [
            say(
              t`不开投机：一步处理 ${inputs.batch} 个词元，强度 ${n(plain.intensity, 0)} FLOP/字节，下界 ${n(plain.seconds * 1e3, 2)} ms（受${plain.bound === 'memory' ? '带宽' : '算力'}限制）。`,
              t`Without speculation: a step processes ${inputs.batch} tokens, intensity ${n(plain.intensity, 0)} FLOP/byte, at least ${n(plain.seconds * 1e3, 2)} ms (${plain.bound}-bound).`,
            ),
            say(
              t`验证一轮：处理 $${inputs.batch} \times ${inputs.draftTokens + 1} = ${inputs.batch * (inputs.draftTokens + 1)}$ 个位置，强度 ${n(verify.intensity, 0)}，高于拐点，下界 ${n(verify.seconds * 1e3, 2)} ms，是原来的 ${n(verify.seconds / plain.seconds, 1)} 倍。`,
              t`One verification: $${inputs.batch} \times ${inputs.draftTokens + 1} = ${inputs.batch * (inputs.draftTokens + 1)}$ positions, intensity ${n(verify.intensity, 0)}, past the ridge, at least ${n(verify.seconds * 1e3, 2)} ms: ${n(verify.seconds / plain.seconds, 1)} times as long.`,
            ),
            say(
              t`投机解码的收益建立在“多算几个位置不花时间”上；批大到越过拐点后，这个前提不再成立，被拒绝的草稿就成了白算的运算。`,
              t`Speculative decoding pays off because extra positions are free; once the batch is past the ridge that no longer holds, and every rejected draft token is wasted arithmetic.`,
            ),
          ],
        };
      },
    }),
  ],
};

/** A forward pass of `tokens` tokens reading the weights once, as rooflineTime's arguments. */
function workOf(params: number, tokens: number, bytes: number): [number, number] {
  const w = forwardWork(params, tokens, bytes);
  return [w.flops, w.bytes];
}
