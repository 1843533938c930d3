import { KvCacheIsland, type KvCacheProps } from './KvCacheIsland';
import { kvZh } from './strings/zh';
import { pickerZh } from '~/components/calculators/shared/model-picker/strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function KvCacheIslandZh(props: Omit<KvCacheProps, 't' | 'lang' | 'picker'>) {
  return <KvCacheIsland {...props} lang="zh-CN" t={kvZh} picker={pickerZh} />;
}
