/**
 * Storage formats for weights and KV-cache entries, and their size per element.
 * `int4` counts 4 bits per element and leaves out the per-group scales real formats add
 * (e.g. +0.5 bit per element for 32-bit scales every 64 values); the UI says so.
 */
export const DTYPES = ['fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'] as const;
export type Dtype = (typeof DTYPES)[number];

export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = {
  fp32: 4,
  fp16: 2,
  bf16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/** A storage format that is not one of `DTYPES` ('__proto__' and 'toString' included); `field` is 'dtype'. */
export class DtypeError extends RangeError {
  override name = 'DtypeError';
  readonly field = 'dtype';
  constructor(readonly got: unknown) {
    super(`dtype: unknown ${typeof got === 'string' ? JSON.stringify(got.slice(0, 40)) : String(got)}; expected one of ${DTYPES.join(', ')}`);
  }
}

/** Whether `value` names one of `DTYPES` (an own key, so 'constructor' is not a dtype). */
export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/** Bytes per element of `dtype`. @example bytesPerElement('bf16') // => 2 */
export function bytesPerElement(dtype: Dtype): number {
  if (!isDtype(dtype)) throw new DtypeError(dtype);
  return DTYPE_BYTES[dtype];
}

export const GiB = 2 ** 30;
export const GB = 1e9;
