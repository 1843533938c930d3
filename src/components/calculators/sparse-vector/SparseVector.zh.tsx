import { SparseVectorIsland, type SparseVectorProps } from './SparseVectorIsland';
import { zh } from './strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function SparseVectorZh(props: Omit<SparseVectorProps, 't' | 'lang'>) {
  return <SparseVectorIsland {...props} lang={'zh-CN'} t={zh} />;
}
