import { KvCacheIsland, type KvCacheProps } from './KvCacheIsland';
import { kvEn } from './strings/en';
import { pickerEn } from '~/components/calculators/shared/model-picker/strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function KvCacheIslandEn(props: Omit<KvCacheProps, 't' | 'lang' | 'picker'>) {
  return <KvCacheIsland {...props} lang="en" t={kvEn} picker={pickerEn} />;
}
