import { FineTuneMemory, type FineTuneMemoryProps } from './FineTuneMemoryIsland';
import { zh } from './strings/zh';
import { pickerZh } from '~/components/calculators/shared/model-picker/strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function FineTuneMemoryIslandZh(props: FineTuneMemoryProps) {
  return <FineTuneMemory {...props} t={zh} picker={pickerZh} />;
}
