import { TrainingPlannerIsland, type TrainingPlannerProps } from './TrainingPlannerIsland';
import { trainingZh } from './strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function TrainingPlannerZh(props: Omit<TrainingPlannerProps, 't' | 'lang'>) {
  return <TrainingPlannerIsland {...props} lang="zh-CN" t={trainingZh} />;
}
