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

/** Bytes per element of `dtype`. @example bytesPerElement('bf16') // => 2 */
export function bytesPerElement(dtype: Dtype): number {
  const bytes = DTYPE_BYTES[dtype];
  if (bytes === undefined) throw new RangeError(`unknown dtype ${String(dtype)}; expected one of ${DTYPES.join(', ')}`);
  return bytes;
}

export const GiB = 2 ** 30;
export const GB = 1e9;
