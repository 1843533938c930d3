import type { UnsupportedFeature } from '~/lib/model/config-error';

/** Why a config is refused, one full Chinese sentence per feature code (ConfigError's `limit` for 'unsupported'). */
export const UNSUPPORTED_ZH: Record<UnsupportedFeature, string> = {
  'encoder-decoder': '这是编码器–解码器模型；计算器只计算仅解码器和仅编码器的模型。',
  'recurrent-only': '这个模型没有注意力层（RWKV、Mamba）；计算器计算注意力模型和混合模型。',
  'parallel-hybrid': '每层同时并列注意力与状态空间模块（Falcon-H1）的结构，暂未建模。',
  'other-hybrid': '这种混合结构（共享注意力块，或其他家族的层布局字段）暂未建模。',
  'linear-attention': '这个家族的线性注意力层暂未建模（已建模的是 Qwen3-Next、Qwen3.5 和 Kimi Linear）。',
  'cross-attention': '解码器内的交叉注意力层（视觉适配器）暂未建模。',
  altup: 'Gemma 3n 的 AltUp 与逐层嵌入暂未建模。',
  'per-layer-attention': '各层注意力形状不同（各自的 KV 头数或头宽）的模型暂未建模。',
  'moe-layer-pattern': 'MoE 层须由 first_k_dense_replace、decoder_sparse_step 或 moe_layers 指定。',
  'dense-width': '第二种稠密 MLP 宽度暂未建模。',
  'shared-width': '这个家族的共享专家须由 moe_intermediate_size 或 shared_expert_intermediate_size 给出宽度。',
  'latent-moe': '在压缩潜空间宽度（moe_latent_size）中运算的专家暂未建模。',
  'layer-type': '层类型应为 full_attention、sliding_attention、chunked_attention、attention、linear_attention 或 mamba 之一。',
  'rope-type': 'rope_type 应为 default、linear、dynamic、yarn、llama3、longrope 之一。',
  'flag-value': '应为 0 或 1。',
};
