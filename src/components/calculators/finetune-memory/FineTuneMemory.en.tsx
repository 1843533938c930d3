import { FineTuneMemory, type FineTuneMemoryProps } from './FineTuneMemoryIsland';
import { en } from './strings/en';
import { pickerEn } from '~/components/calculators/shared/model-picker/strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function FineTuneMemoryIslandEn(props: FineTuneMemoryProps) {
  return <FineTuneMemory {...props} t={en} picker={pickerEn} />;
}
