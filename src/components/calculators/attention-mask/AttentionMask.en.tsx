import { AttentionMaskIsland, type AttentionMaskProps } from './AttentionMaskIsland';
import { en } from './strings/en';

/** The visualizer bound to the English strings (see AttentionMaskZh). */
export default function AttentionMaskEn(props: Omit<AttentionMaskProps, 't' | 'lang'>) {
  return <AttentionMaskIsland {...props} lang="en" t={en} />;
}
