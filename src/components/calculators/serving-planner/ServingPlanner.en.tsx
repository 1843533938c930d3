import { ServingPlannerIsland, type ServingPlannerProps } from './ServingPlannerIsland';
import { servingEn } from './strings/en';
import { pickerEn } from '~/components/calculators/shared/model-picker/strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function ServingPlannerEn(props: Omit<ServingPlannerProps, 't' | 'lang' | 'picker'>) {
  return <ServingPlannerIsland {...props} lang="en" t={servingEn} picker={pickerEn} />;
}
