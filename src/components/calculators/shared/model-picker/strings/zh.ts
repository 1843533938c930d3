import type { ConfigError, UnsupportedFeature } from '~/lib/model/config-error';
import type { PickerStrings } from './en';

/** Why a config is refused, one full Chinese sentence per feature code (ConfigError's `limit` for 'unsupported'). */
const UNSUPPORTED_ZH: Record<UnsupportedFeature, string> = {
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

/** Chinese UI strings of the model picker; typed by the English table so the two cannot drift. */
export const pickerZh = {
  model: '模型',
  custom: '自定义 config.json',
  pasteSummary: '粘贴或拖入 config.json',
  pasteLabel: 'config.json 内容',
  pastePlaceholder: '把 Hugging Face 模型的 config.json 粘贴到这里，或把文件拖进来',
  openFile: '打开文件…',
  loaded: (summary: string) => `已载入：${summary}`,
  badJson: (detail: string) => `不是有效的 JSON：${detail}`,
  keptLast: '仍使用上一个可用的模型。',
  readFailed: '无法读取这个文件。',
  source: '来源',
  summary: (layers: number, attention: string, recurrent: number) =>
    recurrent > 0 ? `${layers} 层（其中 ${recurrent} 层为循环层），${attention}` : `${layers} 层，${attention}`,
  configError: (error: ConfigError): string => {
    const f = error.field;
    const got = error.gotText;
    switch (error.reason) {
      case 'not-object':
        return `${f}：应为一个 JSON 对象，实际是 ${got}。`;
      case 'missing':
        return `${f}：缺少这个字段。`;
      case 'not-positive-integer':
        return `${f}：应为正整数，实际是 ${got}。`;
      case 'too-large':
        return `${f}：不能大于 ${error.limit}，实际是 ${got}。`;
      case 'not-divisible':
        return `${f}：应能整除 ${error.limit}，实际是 ${got}。`;
      case 'wrong-length':
        return `${f}：应为含 ${error.limit} 项的列表，实际是 ${got}。`;
      case 'unsupported':
        return `${f}：不支持 ${got}。${UNSUPPORTED_ZH[error.limit as UnsupportedFeature] ?? ''}`;
      case 'not-boolean':
        return `${f}：应为 true 或 false（JSON 布尔值，不是字符串），实际是 ${got}。`;
      case 'not-index-list':
        return `${f}：应为 0 到 ${error.limit} 之间的层编号列表，实际是 ${got}。`;
    }
  },
} satisfies PickerStrings;
