import { SparseVectorIsland, type SparseVectorProps } from './SparseVectorIsland';
import { en } from './strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function SparseVectorEn(props: Omit<SparseVectorProps, 't' | 'lang'>) {
  return <SparseVectorIsland {...props} lang={'en'} t={en} />;
}
