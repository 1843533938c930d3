import { ServingPlannerIsland, type ServingPlannerProps } from './ServingPlannerIsland';
import { servingZh } from './strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function ServingPlannerZh(props: Omit<ServingPlannerProps, 't' | 'lang'>) {
  return <ServingPlannerIsland {...props} lang="zh-CN" t={servingZh} />;
}
