/**
 * The one reverse solver behind "longest context that fits" and "largest batch that fits": memory grows
 * monotonically with the quantity searched, so the largest whole number n in [1, ceiling] with `fits(n)` is
 * found by doubling from 1 (cheap when the answer is small) and then bisecting, in O(log n) calls.
 *
 * @returns null when not even 1 fits; `ceiling` when the ceiling itself fits (the caller decides what that means).
 * @example
 * largestFitting((n) => n * 3 <= 100, 1 << 20) // => 33
 */
import { OptionError } from './errors';
export function largestFitting(fits: (n: number) => boolean, ceiling: number): number | null {
  if (!Number.isInteger(ceiling) || ceiling < 1) throw new OptionError('ceiling', 'not-positive-integer', ceiling);
  if (!fits(1)) return null;
  let lo = 1;
  let hi = 2;
  while (hi <= ceiling && fits(hi)) {
    lo = hi;
    hi *= 2;
  }
  if (hi > ceiling) {
    if (fits(ceiling)) return ceiling;
    hi = ceiling;
  }
  // Invariant: fits(lo) and not fits(hi).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
