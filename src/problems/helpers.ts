/** Small constructors that keep the problem modules short. */
import { gpuById } from '~/lib/memory/gpu-data';
import type { RooflineMachine } from '~/lib/memory/roofline-basics';
import { both, type Bilingual, type Text } from './text';
import type { ChoiceAnswer, NumericAnswer, Tolerance } from './types';

export const rel = (share: number): Tolerance => ({ kind: 'relative', value: share });
export const abs = (distance: number): Tolerance => ({ kind: 'absolute', value: distance });

/** A numeric answer in `unit`, accepted within `tolerance`, shown with `digits` fraction digits. */
export function num(value: number, unit: string | Bilingual<string>, tolerance: Tolerance, digits?: number): NumericAnswer {
  return { kind: 'number', value, unit, tolerance, digits };
}

/** A multiple-choice answer: `correct` indexes `options`. */
export function choice(options: Bilingual<Text>[], correct: number): ChoiceAnswer {
  return { kind: 'choice', options, correct };
}

/** One bilingual piece of text (a step, the hint, the question). */
export const say = both;

/** A GPU's roofline (dense BF16 peak and memory bandwidth) from its data file, the figures the serving planner uses. */
export function roofline(gpuId: string): RooflineMachine & { name: string } {
  const gpu = gpuById(gpuId);
  return { name: gpu.name, peakFlopsPerS: gpu.flopsPerSecond.bf16, bandwidthBytesPerS: gpu.bandwidthBytesPerSecond };
}

export const GiB = 2 ** 30;
export const MiB = 2 ** 20;
export const KiB = 2 ** 10;
export const GB = 1e9;
export const TB = 1e12;
