import { TrainingPlannerIsland, type TrainingPlannerProps } from './TrainingPlannerIsland';
import { trainingEn } from './strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function TrainingPlannerEn(props: Omit<TrainingPlannerProps, 't' | 'lang'>) {
  return <TrainingPlannerIsland {...props} lang="en" t={trainingEn} />;
}
