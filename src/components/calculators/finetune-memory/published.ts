/**
 * Published fine-tuning memory figures beside ours for the same settings (issue 15), rendered at build time on the
 * calculator page. Each row names the calculator state that reproduces it (a link) and, where we differ by more than
 * 10%, the assumption that accounts for it. Figures were read from (URL and version):
 * - LLaMA-Factory README "Hardware Requirement", github.com/hiyouga/LLaMA-Factory at ff6d4d1 (2026-08-18): 7B rows.
 *   Its defaults (src/llamafactory/hparams): gradient checkpointing on, cutoff_len 2048, lora_rank 8, lora_target all.
 * - Unsloth requirements, https://unsloth.ai/docs/get-started/fine-tuning-for-beginners/unsloth-requirements:
 *   "absolute minimum" QLoRA (4-bit) / LoRA (16-bit) VRAM; no batch or length stated.
 * - HF blog "Llama 3.1 - 405B, 70B & 8B", https://huggingface.co/blog/llama31 (huggingface/blog llama31.md at
 *   0551785): training table; the same post's KV table prints GiB as "GB" (8B, 1k tokens: 0.125 = 128 MiB), so its
 *   figures are read as GiB.
 */
import type { ModelSpec } from '~/lib/model/model-spec';
import { fineTuneMemory } from '~/lib/memory/finetune-memory';
import { writeUrlState } from '~/components/calculators/shared/url-state';
import { toOptions, URL_PREFIX, type FtSchema, type FtState } from './state';

export type PublishedSource = 'llamafactory' | 'unsloth' | 'hfblog';

export interface PublishedRow {
  id: string;
  source: PublishedSource;
  /** Model preset the row uses. */
  model: string;
  /** The published setting, as the source names it. */
  setting: { en: string; zh: string };
  /** The published figure and its unit (GB = 10^9 bytes, GiB = 2^30). */
  published: number;
  unit: 'GB' | 'GiB';
  /** Calculator state for the same settings (the rest stays at the calculator's defaults); null if we cannot express it. */
  state: Partial<FtState> | null;
  /** The named assumption that closes a gap above 10%: a framework/headroom line in GiB, set in the linked state. */
  overheadGiB?: number;
  /** Why ours differs, or which of the source's settings we assumed. */
  note: { en: string; zh: string };
  /** The gap stays above 10% and the note says why no setting closes it. */
  outside?: true;
}

const ALL = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];
/** LLaMA-Factory's defaults (checkpointing on, 2048 tokens, LoRA r = 8 on all linear layers), batch 1. */
const LF: Partial<FtState> = { fw: 'llama-factory', model: 'llama-2-7b', batch: 1, seq: 2048, ckpt: true, flash: true, rank: 8, targets: ALL };
/** Unsloth: LoRA r = 16 on all linear layers, its fused loss and offloaded checkpoints, batch 1 × 512 tokens ("absolute minimum"). */
const US: Partial<FtState> = { fw: 'unsloth', batch: 1, seq: 512, ckpt: true, flash: true, rank: 16, targets: ALL, fusedce: true, actoffload: true };
/** HF blog: settings unstated; batch 1 × 512 tokens with checkpointing, PEFT's default LoRA (r = 8 on q, v), AdamW. */
const HF: Partial<FtState> = { fw: 'hf', batch: 1, seq: 512, ckpt: true, flash: true };

export const PUBLISHED: readonly PublishedRow[] = [
  {
    id: 'lf-full-amp',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, Full (bf16 or fp16 AMP), "18x GB"', zh: '7B，全参数（bf16/fp16 混合精度），“18x GB”' },
    published: 120,
    unit: 'GB',
    state: { ...LF, method: 'full', precision: 'mixed', grad32: true },
    outside: true,
    note: {
      en: 'Their 18 bytes per parameter is ours with fp32 gradients on. Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: '他们的每参数 18 字节即本计算器打开“fp32 梯度”。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'lf-pure-bf16',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, Full (pure_bf16), "8x GB"', zh: '7B，全参数（pure_bf16），“8x GB”' },
    published: 60,
    unit: 'GB',
    state: { ...LF, method: 'full', precision: 'bf16' },
    outside: true,
    note: {
      en: '8 bytes per parameter (2 + 2 + 4); their 60 rounds 8 × 7 = 56 up. Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: '每参数 8 字节（2 + 2 + 4）；他们的 60 是 8 × 7 = 56 向上取整。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'lf-lora',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, LoRA, "2x GB"', zh: '7B，LoRA，“2x GB”' },
    published: 16,
    unit: 'GB',
    state: { ...LF, method: 'lora' },
    note: { en: '16-bit weights (2 bytes per parameter) plus adapters and checkpointed activations.', zh: '16 位权重（每参数 2 字节）加适配器与检查点激活。' },
  },
  {
    id: 'lf-freeze',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, Freeze, "2x GB"', zh: '7B，冻结，“2x GB”' },
    published: 16,
    unit: 'GB',
    state: { ...LF, method: 'freeze', layers: 2, freezescope: 'layers', precision: 'bf16' },
    outside: true,
    note: {
      en: 'Two whole layers trained (freeze_trainable_layers = 2, norms included) in pure bf16; with AMP their fp32 master and moments add about 3 GB, which the shared "2x" row leaves out. Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: '训练顶部两整层（freeze_trainable_layers = 2，含归一化层），纯 bf16；若用混合精度，fp32 主副本与动量约再加 3 GB，与 LoRA 共用的“2x”一行没有计入。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'lf-qlora8',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, QLoRA 8-bit, "x GB"', zh: '7B，QLoRA 8 位，“x GB”' },
    published: 10,
    unit: 'GB',
    state: { ...LF, method: 'qlora', qbits: '8' },
    note: {
      en: 'The CUDA context and bitsandbytes\u2019 dequantization buffer, once a named overhead here, are now terms of the peak.',
      zh: 'CUDA 上下文与 bitsandbytes 的反量化缓冲，过去在此记为开销，现在是峰值中的两项。',
    },
  },
  {
    id: 'lf-qlora4',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, QLoRA 4-bit, "x/2 GB"', zh: '7B，QLoRA 4 位，“x/2 GB”' },
    published: 6,
    unit: 'GB',
    state: { ...LF, method: 'qlora', qbits: '4' },
    outside: true,
    note: {
      en: 'As the 8-bit row: NF4 weights plus about 1 GiB of framework overhead. Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: '同 8 位一行：NF4 权重加约 1 GiB 框架开销。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'lf-qlora2',
    source: 'llamafactory',
    model: 'llama-2-7b',
    setting: { en: '7B, QLoRA 2-bit, "x/4 GB"', zh: '7B，QLoRA 2 位，“x/4 GB”' },
    published: 4,
    unit: 'GB',
    state: null,
    note: {
      en: 'Not modeled: 2-bit bases come from HQQ/AQLM-style quantizers, not bitsandbytes, and their group sizes vary; the calculator offers bitsandbytes 4 and 8 bits.',
      zh: '未建模：2 位基座来自 HQQ/AQLM 一类量化器而非 bitsandbytes，分组大小各异；本计算器只提供 bitsandbytes 的 4 位与 8 位。',
    },
  },
  {
    id: 'us-8b-qlora',
    source: 'unsloth',
    model: 'llama-3.1-8b',
    setting: { en: '8B, QLoRA (4-bit)', zh: '8B，QLoRA（4 位）' },
    published: 6,
    unit: 'GB',
    state: { ...US, model: 'llama-3.1-8b', method: 'qlora' },
    outside: true,
    note: {
      en: 'Needs the fused loss (the 16-bit logits plus their fp32 copy would add 0.4 GB at this length) and offloaded checkpoints; batch and length are our assumption. Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: '需要融合损失（否则此长度下 16 位 logits 及其 fp32 副本再加 0.4 GB）与卸载的检查点；批大小与长度是我们的假设。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'us-70b-qlora',
    source: 'unsloth',
    model: 'llama-3.1-70b',
    setting: { en: '70B, QLoRA (4-bit)', zh: '70B，QLoRA（4 位）' },
    published: 41,
    unit: 'GB',
    state: { ...US, model: 'llama-3.1-70b', method: 'qlora' },
    note: { en: 'NF4 weights dominate; same settings as the 8B row.', zh: 'NF4 权重占绝大部分；设置同 8B 一行。' },
  },
  {
    id: 'us-8b-lora',
    source: 'unsloth',
    model: 'llama-3.1-8b',
    setting: { en: '8B, LoRA (16-bit)', zh: '8B，LoRA（16 位）' },
    published: 22,
    unit: 'GB',
    state: { ...US, model: 'llama-3.1-8b', method: 'lora' },
    overheadGiB: 4.5,
    note: {
      en: 'Not itemized by Unsloth: 22 GB is 2.7 bytes per parameter, where 16-bit weights take 2 and adapters and activations well under 1 GB here; the linked state adds the unexplained 4.5 GiB as overhead.',
      zh: 'Unsloth 没有分项：22 GB 相当于每参数 2.7 字节，而 16 位权重只占 2 字节，适配器与激活在此设置下不到 1 GB；链接中的状态把无法解释的 4.5 GiB 记为开销。',
    },
  },
  {
    id: 'us-70b-lora',
    source: 'unsloth',
    model: 'llama-3.1-70b',
    setting: { en: '70B, LoRA (16-bit)', zh: '70B，LoRA（16 位）' },
    published: 164,
    unit: 'GB',
    state: { ...US, model: 'llama-3.1-70b', method: 'lora' },
    overheadGiB: 18,
    note: {
      en: 'As the 8B LoRA row: the 16-bit weights alone are 141 GB; Unsloth does not itemize the other 23 GB (18 GiB of overhead in the linked state).',
      zh: '同 8B 的 LoRA 一行：仅 16 位权重就有 141 GB；其余 23 GB Unsloth 没有分项（链接状态记为 18 GiB 开销）。',
    },
  },
  {
    id: 'hf-8b-full',
    source: 'hfblog',
    model: 'llama-3.1-8b',
    setting: { en: '8B, Full fine-tuning', zh: '8B，全参数微调' },
    published: 60,
    unit: 'GiB',
    state: { ...HF, model: 'llama-3.1-8b', method: 'full', precision: 'bf16' },
    outside: true,
    note: {
      en: 'Matches pure bf16 AdamW (8 bytes per parameter); mixed precision with an fp32 master (16 bytes) would be 120 GiB. Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: '与纯 bf16 的 AdamW（每参数 8 字节）一致；带 fp32 主副本的混合精度（16 字节）会是 120 GiB。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'hf-8b-lora',
    source: 'hfblog',
    model: 'llama-3.1-8b',
    setting: { en: '8B, LoRA', zh: '8B，LoRA' },
    published: 16,
    unit: 'GiB',
    state: { ...HF, model: 'llama-3.1-8b', method: 'lora' },
    note: { en: '16-bit weights plus PEFT\u2019s default adapters (r = 8 on q, v).', zh: '16 位权重加 PEFT 默认适配器（r = 8，q、v）。' },
  },
  {
    id: 'hf-8b-qlora',
    source: 'hfblog',
    model: 'llama-3.1-8b',
    setting: { en: '8B, Q-LoRA', zh: '8B，Q-LoRA' },
    published: 6,
    unit: 'GiB',
    state: { ...HF, model: 'llama-3.1-8b', method: 'qlora' },
    outside: true,
    note: {
      en: 'NF4 linear layers with 16-bit embeddings and head (2.1 GB of the total for a 128k vocabulary). Against the peak nvidia-smi would show (issue 27) this rule of thumb is low: it counts model states, while a run also holds what its framework keeps at the loss and the optimizer step (logits chain, AdamW\u2019s step buffer, CUDA context), as the measured runs below show.',
      zh: 'NF4 线性层，嵌入与输出头保持 16 位（12.8 万词表占其中 2.1 GB）。与 nvidia-smi 所见的峰值（issue 27）相比，这条经验值偏低：它只计模型状态，而实际运行还保留框架在损失与优化器步时的张量（logits 链、AdamW 步的缓冲、CUDA 上下文），下方的实测运行可以印证。',
    },
  },
  {
    id: 'hf-70b-full',
    source: 'hfblog',
    model: 'llama-3.1-70b',
    setting: { en: '70B, Full fine-tuning', zh: '70B，全参数微调' },
    published: 300,
    unit: 'GiB',
    state: { ...HF, model: 'llama-3.1-70b', method: 'full', precision: 'bf16' },
    outside: true,
    note: {
      en: 'Not reproducible with the assumptions of the same table\u2019s 8B row: 300 GiB is 4.6 bytes per parameter for 70.6B parameters, less than the 16-bit weights and gradients plus any AdamW state; a per-GPU figure under sharding is the likely reading, which the blog does not state.',
      zh: '用同一表中 8B 一行的假设无法复现：300 GiB 对 706 亿参数只有每参数 4.6 字节，少于 16 位权重与梯度再加任何 AdamW 状态；更可能是分片后的某种口径，博客没有说明。',
    },
  },
  {
    id: 'hf-70b-lora',
    source: 'hfblog',
    model: 'llama-3.1-70b',
    setting: { en: '70B, LoRA', zh: '70B，LoRA' },
    published: 160,
    unit: 'GiB',
    state: { ...HF, model: 'llama-3.1-70b', method: 'lora' },
    overheadGiB: 27,
    note: {
      en: 'The blog\u2019s own inference table puts the 16-bit weights at 140 GB; its LoRA figure adds about 20 GB of headroom it does not itemize (27 GiB of overhead in the linked state).',
      zh: '博客自己的推理表给 16 位权重 140 GB；其 LoRA 数字另加约 20 GB 未分项的余量（链接状态记为 27 GiB 开销）。',
    },
  },
  {
    id: 'hf-70b-qlora',
    source: 'hfblog',
    model: 'llama-3.1-70b',
    setting: { en: '70B, Q-LoRA', zh: '70B，Q-LoRA' },
    published: 48,
    unit: 'GiB',
    state: { ...HF, model: 'llama-3.1-70b', method: 'qlora' },
    note: {
      en: 'The blog\u2019s INT4 weights are 35 GB; with PEFT\u2019s fp32 embeddings and head and the CUDA context, the peak lands on one 48 GB card.',
      zh: '博客的 INT4 权重为 35 GB；加上 PEFT 上转为 fp32 的嵌入与输出头以及 CUDA 上下文，峰值正好落在一张 48 GB 显卡上。',
    },
  },
];

export interface ComparedRow {
  row: PublishedRow;
  /** Our theoretical per-GPU total in the row's unit, or null when the setting cannot be expressed. */
  ours: number | null;
  /** Ours plus the row's named overhead, in the row's unit. */
  oursWithOverhead: number | null;
  /** (oursWithOverhead − published) / published. */
  difference: number | null;
  /** Query string and fragment that open the calculator in this state. */
  link: string | null;
}

const UNIT_BYTES = { GB: 1e9, GiB: 2 ** 30 } as const;

/** Our figure for each published row, in its unit, with the calculator link that reproduces it. */
export function compareRow(row: PublishedRow, spec: ModelSpec, schema: FtSchema, defaults: FtState, anchor: string): ComparedRow {
  if (row.state === null) return { row, ours: null, oursWithOverhead: null, difference: null, link: null };
  // The rules of thumb are "what the card needs": compared with peak.device, whose CUDA context is the row's named
  // overhead where it has one, else the framework's measured one.
  const state: FtState = { ...defaults, ...row.state, model: row.model, ...(row.overheadGiB === undefined ? {} : { overhead: row.overheadGiB }) };
  const m = fineTuneMemory(spec, toOptions(state));
  const unit = UNIT_BYTES[row.unit];
  const ours = m.bytes.total / unit;
  const oursWithOverhead = m.peak.device / unit;
  return {
    row,
    ours,
    oursWithOverhead,
    difference: (oursWithOverhead - row.published) / row.published,
    link: `${writeUrlState('', schema, state, defaults, URL_PREFIX)}#${anchor}`,
  };
}
