/** Chinese UI strings of the token playground; typed by the English table so the two cannot drift. */
import { formatNumber } from '~/lib/format/format-number';
import type { TokenStrings } from './en';

export const zh = {
  heading: '词元（token）演示',
  textLabel: '输入文本（中文或英文）',
  vocabLabel: '词表',
  allVocabs: '三个词表并排',
  compareLabel: '对比词表',
  compareNone: '不对比（只看一个词表）',
  openGroup: '开源模型（选中时下载）',
  openaiGroup: 'OpenAI（tiktoken）',
  download: (size: string) => `下载 ${size}`,
  loadingSize: (name: string, size: string) => `正在加载 ${name} 词表（压缩后 ${size}）…`,
  perTokenBytes: '字节/词元',
  waiting: '正在切分…',
  chatLabel: '显示对话模板',
  chatHeading: '同一段文本作为对话消息',
  chatIntro:
    '模型把你的文本当作对话中的用户消息：先是固定的系统消息（“You are a helpful assistant.”），再套上模型自己 tokenizer_config.json 里的对话模板（Llama 2 的 [INST] 格式取自 Meta 的参考代码），最后是让模型作答的提示。特殊词元也占上下文。',
  chatNone: (name: string) => `${name}：这个词表的软件包没有附带对话模板。`,
  chatCount: (name: string, total: string, added: string, text: string) =>
    `${name}：提示共 ${total} 个词元：你的文本 ${text} 个，模板加上 ${added} 个（特殊词元和角色名）。`,
  kvLink: (total: string) => `把 ${total} 个词元作为 KV 缓存计算器的上下文长度`,
  tokens: '词元数',
  characters: '字符数',
  bytes: 'UTF-8 字节',
  perToken: '字符/词元',
  loading: (name: string) => `正在加载词表 ${name}…`,
  loadFailed: (name: string) => `词表 ${name} 加载失败，请重试。`,
  serverNote: '构建时生成的默认结果；修改文本后在浏览器中重新分词。',
  tokenListLabel: (name: string) => `${name} 的词元；用方向键逐个查看`,
  selected: (i: number, display: string, id: number, bytes: string) => `第 ${i + 1} 个词元「${display}」，编号 ${id}，字节 ${bytes}`,
  splitNote: '标成 <0x..> 的是不完整的 UTF-8 字节：一个汉字（3 字节）被拆进了不同的词元。',
  tooLong: (max: number) => `文本超过 ${formatNumber(max, { lang: 'zh-CN' })} 个字符，只对前面的部分分词。`,
  controls: '已移除控制字符。',
  surrogates: '已把无效的代理字符替换为 U+FFFD。',
  embeddingHeading: '从编号到向量',
  hiddenLabel: '隐藏维度 d',
  embeddingText: (id: number, vocab: string) => `编号 ${id} 取出嵌入矩阵 E 的第 ${id} 行（从 0 数起）；E 的行数等于 ${vocab} 的词表大小 V。`,
  paramsLabel: '嵌入层参数量 V·d',
  bf16: '按 bf16（2 字节）存储',
} satisfies TokenStrings;
