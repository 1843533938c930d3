import { TransformerCountsIsland, type CountsProps } from './TransformerCountsIsland';
import { countsZh } from './strings/zh';
import { pickerZh } from '~/components/calculators/shared/model-picker/strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function TransformerCountsZh(props: Omit<CountsProps, 't' | 'lang' | 'picker'>) {
  return <TransformerCountsIsland {...props} lang="zh-CN" t={countsZh} picker={pickerZh} />;
}
