import type { ConfigError, UnsupportedFeature } from '~/lib/model/config-error';
import type { PickerStrings } from './en';

/** Chinese UI strings of the model picker; typed by the English table so the two cannot drift. */
export const pickerZh = {
  model: '模型',
  custom: '自定义 config.json',
  pasteSummary: '粘贴或拖入 config.json',
  pasteLabel: 'config.json 内容',
  pastePlaceholder: '把 Hugging Face 模型的 config.json 粘贴到这里，或把文件拖进来',
  openFile: '打开文件…',
  loaded: (summary: string) => `已载入：${summary}`,
  // The parser's own message is English; only the position it names is kept.
  badJson: (detail: string) => {
    const at = /position (\d+)/.exec(detail);
    return at ? `不是有效的 JSON：第 ${Number(at[1]) + 1} 个字符附近有错。` : '不是有效的 JSON。';
  },
  keptLast: '仍使用上一个可用的模型。',
  readFailed: '无法读取这个文件。',
  source: '来源',
  summary: (layers: number, attention: string, recurrent: number) =>
    recurrent > 0 ? `${layers} 层（其中 ${recurrent} 层为循环层），${attention}` : `${layers} 层，${attention}`,
  configError: (error: ConfigError, sentences?: Partial<Record<UnsupportedFeature, string>> | null): string => {
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
        return `${f}：不支持 ${got}。${sentences?.[error.limit as UnsupportedFeature] ?? ''}`;
      case 'not-boolean':
        return `${f}：应为 true 或 false（JSON 布尔值，不是字符串），实际是 ${got}。`;
      case 'not-index-list':
        return `${f}：应为 0 到 ${error.limit} 之间的层编号列表，实际是 ${got}。`;
    }
  },
  // Loaded only when a config is refused: the sentences are more than the rest of this table.
  unsupportedSentences: () => import('./unsupported.zh').then((m) => m.UNSUPPORTED_ZH),
} satisfies PickerStrings;
