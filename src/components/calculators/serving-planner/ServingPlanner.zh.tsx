import { ServingPlannerIsland, type ServingPlannerProps } from './ServingPlannerIsland';
import { servingZh } from './strings/zh';
import { pickerZh } from '~/components/calculators/shared/model-picker/strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function ServingPlannerZh(props: Omit<ServingPlannerProps, 't' | 'lang' | 'picker'>) {
  return <ServingPlannerIsland {...props} lang="zh-CN" t={servingZh} picker={pickerZh} />;
}
