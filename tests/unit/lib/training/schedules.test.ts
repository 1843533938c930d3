import { expect, test } from 'vitest';
import { cosineLearningRate, ScheduleError } from '~/lib/training/schedules';

test('cosine decay starts at the maximum, passes the midpoint halfway and ends at the minimum', () => {
  const o = { steps: 1000, max: 3e-4, min: 3e-5 };
  expect(cosineLearningRate({ ...o, step: 0 })).toBeCloseTo(3e-4, 15);
  expect(cosineLearningRate({ ...o, step: 500 })).toBeCloseTo((3e-4 + 3e-5) / 2, 15);
  expect(cosineLearningRate({ ...o, step: 1000 })).toBeCloseTo(3e-5, 15);
});

test('a step past the end or a minimum above the maximum is refused', () => {
  expect(() => cosineLearningRate({ step: 1001, steps: 1000, max: 1, min: 0 })).toThrow(ScheduleError);
  expect(() => cosineLearningRate({ step: 1, steps: 10, max: 1, min: 2 })).toThrow(/min/);
});
