import { AttentionMaskIsland, type AttentionMaskProps } from './AttentionMaskIsland';
import { zh } from './strings/zh';

/** The visualizer bound to the Chinese strings: a Chinese page loads no English table, and the reverse. */
export default function AttentionMaskZh(props: Omit<AttentionMaskProps, 't' | 'lang'>) {
  return <AttentionMaskIsland {...props} lang="zh-CN" t={zh} />;
}
