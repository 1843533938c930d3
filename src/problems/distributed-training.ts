/** Problems for the distributed-training page: the pipeline bubble, ZeRO shards under 3D parallelism, a gradient all-reduce, where TP belongs. */
import { trainingPlan } from '~/lib/training/parallel/plan';
import { ringAllReduceSeconds } from '~/lib/training/parallel/collectives';
import { DEFAULT_SCALE_OUT_GBPS } from '~/lib/training/parallel/plan';
import { countParams } from '~/lib/model/param-count';
import { model } from './presets';
import { GB, GiB, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const distributedTrainingProblems: PageProblems = {
  page: 'distributed-training',
  problems: [
    problem({
      id: 'dist-1',
      level: 'plug-in',
      inputs: { model: 'llama-3.1-70b', pipeline: 8, microbatches: 16, chunks: 2 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const seqLen = 4096;
        const plan = trainingPlan(m.spec, {
          gpu: 'h100-80gb',
          gpus: 8 * inputs.pipeline,
          tensorParallel: 8,
          pipelineParallel: inputs.pipeline,
          virtualStages: inputs.chunks,
          microBatch: 1,
          seqLen,
          globalBatchTokens: inputs.microbatches * seqLen,
        });
        const { pipelineParallel: p, virtualStages: v, microbatches: mb } = plan.layout;
        return {
          question: say(
            t`${m.name} 用 ${p} 级流水线训练，每步 ${mb} 个微批次，交错调度每卡 ${v} 段。流水线气泡占理想计算时间的百分之几？`,
            t`${m.name} is trained with a ${p}-stage pipeline, ${mb} microbatches per step, and the interleaved schedule with ${v} chunks per GPU. What share of the ideal compute time is the pipeline bubble, in percent?`,
          ),
          answer: num(plan.bubbleFraction * 100, '%', rel(0.01), 1),
          hint: say(t`交错调度的气泡是 $(p-1)/(m\cdot v)$。`, t`The interleaved schedule's bubble is $(p-1)/(m\cdot v)$.`),
          steps: [
            say(
              t`$(${p}-1)/(${mb}\cdot${v}) = ${n(plan.bubbleFraction, 4)}$，即 ${n(plan.bubbleFraction * 100, 1)}%。`,
              t`$(${p}-1)/(${mb}\cdot${v}) = ${n(plan.bubbleFraction, 4)}$, that is ${n(plan.bubbleFraction * 100, 1)}%.`,
            ),
            say(
              t`不交错（$v = 1$）时是 ${n(((p - 1) / mb) * 100, 1)}%：要么加微批次，要么加段数。`,
              t`Without interleaving ($v = 1$) it would be ${n(((p - 1) / mb) * 100, 1)}%: add microbatches or chunks to shrink it.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'dist-2',
      level: 'work-out',
      inputs: { model: 'llama-3.1-70b', tensor: 8, pipeline: 4, data: 16, stage: 1 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const seqLen = 4096;
        const stage = inputs.stage as 0 | 1 | 2 | 3;
        const plan = trainingPlan(m.spec, {
          gpu: 'h100-80gb',
          gpus: inputs.tensor * inputs.pipeline * inputs.data,
          tensorParallel: inputs.tensor,
          pipelineParallel: inputs.pipeline,
          dataParallel: inputs.data,
          zeroStage: stage,
          microBatch: 1,
          seqLen,
          globalBatchTokens: inputs.data * 4 * seqLen,
        });
        const g = plan.perGpu;
        const states = g.weights + g.gradients + g.optimizer;
        return {
          question: say(
            t`${m.name}（${N} 个参数）用混合精度 AdamW 训练：TP ${inputs.tensor}、PP ${inputs.pipeline}、DP ${inputs.data}，ZeRO-${inputs.stage}。最满的那张卡上，权重、梯度和优化器状态共多少 GiB？`,
            t`${m.name} (${N} parameters) trained with mixed-precision AdamW at TP ${inputs.tensor}, PP ${inputs.pipeline}, DP ${inputs.data} and ZeRO-${inputs.stage}. How many GiB of weights, gradients and optimizer states does the fullest GPU hold?`,
          ),
          answer: num(states / GiB, 'GiB', rel(0.02), 2),
          hint: say(
            t`TP 和 PP 先把参数切成 $\Psi/(t\,p)$（首尾阶段还有嵌入和输出层）；ZeRO 再把分片的那几项除以 $N_d$。`,
            t`TP and PP first cut the parameters to $\Psi/(t\,p)$ (the first and last stages add the embedding and the output layer); ZeRO then divides the sharded terms by $N_d$.`,
          ),
          steps: [
            say(
              t`权重 ${n(g.weights / GiB, 2)} GiB，梯度 ${n(g.gradients / GiB, 2)} GiB，优化器状态 ${n(g.optimizer / GiB, 2)} GiB。`,
              t`Weights ${n(g.weights / GiB, 2)} GiB, gradients ${n(g.gradients / GiB, 2)} GiB, optimizer states ${n(g.optimizer / GiB, 2)} GiB.`,
            ),
            say(
              t`合计 ${n(states / GiB, 2)} GiB；不切分时整个模型要 $16\Psi$ = ${n((16 * N) / GB, 0)} GB。`,
              t`${n(states / GiB, 2)} GiB in all; unsplit, the whole model needs $16\Psi$ = ${n((16 * N) / GB, 0)} GB.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'dist-3',
      level: 'work-out',
      inputs: { model: 'llama-3.1-8b', gpus: 64 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const N = countParams(m.spec);
        const bytes = 2 * N;
        const B = DEFAULT_SCALE_OUT_GBPS * 1e9;
        const seconds = ringAllReduceSeconds(bytes, inputs.gpus, { bytesPerSecond: B, tier: 'infiniband' });
        const bandwidthOnly = ((2 * (inputs.gpus - 1)) / inputs.gpus) * (bytes / B);
        return {
          question: say(
            t`${m.name}（${N} 个参数）做纯数据并行，${inputs.gpus} 张卡分在不同节点，每卡网卡单向 ${DEFAULT_SCALE_OUT_GBPS} GB/s。每步把 BF16 梯度环形 all-reduce 一次要多少秒？`,
            t`${m.name} (${N} parameters) in plain data parallelism over ${inputs.gpus} GPUs on separate nodes, each with a NIC of ${DEFAULT_SCALE_OUT_GBPS} GB/s one way. How many seconds does one ring all-reduce of the BF16 gradients take per step?`,
          ),
          answer: num(seconds, { zh: '秒', en: 's' }, rel(0.03), 3),
          hint: say(
            t`$T = \alpha(n) + \frac{2(n-1)}{n}\cdot\frac{S}{B}$，$S = 2\Psi$ 字节。`,
            t`$T = \alpha(n) + \frac{2(n-1)}{n}\cdot\frac{S}{B}$ with $S = 2\Psi$ bytes.`,
          ),
          steps: [
            say(t`$S = 2\Psi$ = ${n(bytes / GB, 1)} GB。`, t`$S = 2\Psi$ = ${n(bytes / GB, 1)} GB.`),
            say(
              t`带宽项 $\frac{2(n-1)}{n}\cdot S/B$ = ${n(bandwidthOnly, 3)} 秒，加上延迟项共 ${n(seconds, 3)} 秒。`,
              t`The bandwidth term $\frac{2(n-1)}{n}\cdot S/B$ = ${n(bandwidthOnly, 3)} s; with the latency term, ${n(seconds, 3)} s.`,
            ),
            say(
              t`卡数再多，这一项也不会超过 $2S/B$：数据并行的通信几乎不随规模增长，而且能藏在反向计算后面。`,
              t`However many GPUs, the term stays below $2S/B$: data-parallel traffic barely grows with scale, and it hides behind the backward pass.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'dist-4',
      level: 'explain',
      inputs: { model: 'llama-3.1-70b', gpus: 256 },
      solve: (inputs) => {
        const m = model(inputs.model);
        const seqLen = 4096;
        const common = { gpu: 'h100-80gb', gpus: inputs.gpus, microBatch: 1, seqLen, globalBatchTokens: 1024 * seqLen, zeroStage: 1 as const };
        const inside = trainingPlan(m.spec, { ...common, tensorParallel: 8, pipelineParallel: 4 });
        const across = trainingPlan(m.spec, { ...common, tensorParallel: 32, pipelineParallel: 1 });
        const ratio = across.comm.tp / inside.comm.tp;
        return {
          question: say(
            t`在 ${inputs.gpus} 张 H100（每节点 8 张）上训练 ${m.name}。有人提议不用流水线，把张量并行从 8 提到 32。为什么规划器不建议这样做？`,
            t`Training ${m.name} on ${inputs.gpus} H100s (8 per node), someone proposes dropping the pipeline and raising tensor parallelism from 8 to 32. Why does the planner advise against it?`,
          ),
          answer: choice(
            [
              say(
                t`张量并行每层要做 4 次 all-reduce、无法与计算重叠；出了节点就走慢得多的网卡，通信时间成倍增长`,
                t`Tensor parallelism does 4 all-reduces per layer that cannot overlap compute; outside a node they go over the much slower NIC, and the time multiplies`,
              ),
              say(t`张量并行 32 放不下显存：它不切权重`, t`TP 32 does not fit in memory: it does not split the weights`),
              say(t`两者一样快：all-reduce 的代价与卡数无关`, t`Both are equally fast: an all-reduce costs the same for any number of GPUs`),
            ],
            ratio > 2 ? 0 : 2,
          ),
          hint: say(
            t`比较每步张量并行通信的秒数：一个在 NVLink 上，一个在网卡上。`,
            t`Compare the seconds of tensor-parallel traffic per step: one over NVLink, one over the NIC.`,
          ),
          steps: [
            say(
              t`TP 8、PP 4：张量并行通信每步 ${n(inside.comm.tp, 2)} 秒，MFU ${n(inside.mfu * 100, 0)}%。`,
              t`TP 8, PP 4: ${n(inside.comm.tp, 2)} s of tensor-parallel traffic per step, MFU ${n(inside.mfu * 100, 0)}%.`,
            ),
            say(
              t`TP 32：每步 ${n(across.comm.tp, 2)} 秒（${n(ratio, 1)} 倍），MFU 降到 ${n(across.mfu * 100, 0)}%。所以张量并行留在节点内，跨节点用流水线和数据并行。`,
              t`TP 32: ${n(across.comm.tp, 2)} s per step (${n(ratio, 1)}×), MFU falls to ${n(across.mfu * 100, 0)}%. So tensor parallelism stays inside a node; pipeline and data parallelism span the nodes.`,
            ),
          ],
        };
      },
    }),
  ],
};
