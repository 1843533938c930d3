import { TransformerCountsIsland, type CountsProps } from './TransformerCountsIsland';
import { countsEn } from './strings/en';
import { pickerEn } from '~/components/calculators/shared/model-picker/strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function TransformerCountsEn(props: Omit<CountsProps, 't' | 'lang' | 'picker'>) {
  return <TransformerCountsIsland {...props} lang="en" t={countsEn} picker={pickerEn} />;
}
