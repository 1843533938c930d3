import { KvCacheIsland, type KvCacheProps } from './KvCacheIsland';
import { kvEn } from './strings-en';

/** The English island entry: only this language's strings are bundled. */
export default function KvCacheIslandEn(props: Omit<KvCacheProps, 't' | 'lang'>) {
  return <KvCacheIsland {...props} lang="en" t={kvEn} />;
}
