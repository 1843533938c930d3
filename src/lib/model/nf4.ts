/**
 * 4-bit NormalFloat (NF4), the storage type of QLoRA (Dettmers et al. 2023, §3 and Appendix E): each block of weights
 * is divided by its absolute maximum, and every scaled value is replaced by the index of the nearest of 16 levels.
 *
 * The levels are quantiles of the standard normal distribution, normalized to [−1, 1]: 8 on the positive side and 7
 * on the negative side, plus an exact zero, so that 0 is representable and ±1 both exist. They are copied from
 * bitsandbytes, whose kernels use them (`get_4bit_type('nf4')` and `create_normal_map(offset=0.9677083)` in
 * https://github.com/bitsandbytes-foundation/bitsandbytes/blob/main/bitsandbytes/functional.py); the unit test
 * rebuilds them from the paper's definition.
 */
import { OptionError } from '../errors';

/** The 16 NF4 levels, code 0 … 15, as float32 values. */
export const NF4_LEVELS: readonly number[] = [
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
  0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
];

/** QLoRA's block size for weights: one absmax per 64 values. */
export const NF4_BLOCK_SIZE = 64;

/** Thrown for a block that cannot be quantized; `field` names the offending input. */
export class Nf4InputError extends OptionError {
  override name = 'Nf4InputError';
}

/**
 * The NF4 code of a value already scaled into [−1, 1]: the nearest level. A value exactly halfway between two levels
 * takes the lower one, as bitsandbytes' decision tree does (it compares with `>` against the midpoints).
 *
 * @example nf4Code(1) // => 15
 * @example nf4Code(0.5) // => 12 (0.4407…, nearer than 0.5626…)
 */
export function nf4Code(scaled: number): number {
  if (!Number.isFinite(scaled) || Math.abs(scaled) > 1)
    throw new Nf4InputError('scaled', Number.isFinite(scaled) ? (scaled > 1 ? 'above-max' : 'below-min') : 'not-number', scaled, scaled > 1 ? 1 : -1);
  let code = 0;
  for (let i = 1; i < NF4_LEVELS.length; i++) {
    const midpoint = (NF4_LEVELS[i - 1]! + NF4_LEVELS[i]!) / 2;
    if (scaled > midpoint) code = i;
  }
  return code;
}

export interface Nf4Block {
  /** The block's absolute maximum, stored alongside the codes (in QLoRA itself quantized again, to 8 bits). */
  absmax: number;
  /** Per value: the value divided by absmax. */
  scaled: number[];
  /** Per value: its 4-bit code, 0 … 15. */
  codes: number[];
  /** Per value: what dequantization gives back, NF4_LEVELS[code] · absmax. */
  dequantized: number[];
  /** Per value: dequantized − original. */
  errors: number[];
}

/**
 * Quantizes one block to NF4 and back. An all-zero block has absmax 0 and every code 7 (the level 0).
 *
 * @example nf4QuantizeBlock([0.5, -1, 0]).codes // => [12, 0, 7]: scaled 0.5, −1, 0
 */
export function nf4QuantizeBlock(values: readonly number[]): Nf4Block {
  if (values.length === 0) throw new Nf4InputError('values', 'missing', values, undefined, 'a block needs at least one value');
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Nf4InputError(`values[${i}]`, 'not-number', v);
  });
  const absmax = Math.max(...values.map(Math.abs));
  const scaled = values.map((v) => (absmax === 0 ? 0 : v / absmax));
  const codes = scaled.map(nf4Code);
  const dequantized = codes.map((c) => NF4_LEVELS[c]! * absmax);
  return { absmax, scaled, codes, dequantized, errors: dequantized.map((d, i) => d - values[i]!) };
}
