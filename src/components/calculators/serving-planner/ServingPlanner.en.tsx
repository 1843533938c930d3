import { ServingPlannerIsland, type ServingPlannerProps } from './ServingPlannerIsland';
import { servingEn } from './strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function ServingPlannerEn(props: Omit<ServingPlannerProps, 't' | 'lang'>) {
  return <ServingPlannerIsland {...props} lang="en" t={servingEn} />;
}
