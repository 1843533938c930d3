import type { Lang } from '~/components/calculators/shared/locale';
import { servingPanelsEn } from './panels-en';
import { servingPanelsZh } from './panels-zh';

/** The secondary panels' strings in the reader's language (both languages ride in the panels' lazy chunks). */
export const panelStrings = (lang: Lang) => (lang === 'en' ? servingPanelsEn : servingPanelsZh);
