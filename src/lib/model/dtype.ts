/**
 * Storage formats for weights and KV-cache entries, and their size per element.
 * `int4` counts 4 bits per element and leaves out the per-group scales real formats add
 * (e.g. +0.5 bit per element for 32-bit scales every 64 values); the UI says so. `nvfp4` is vLLM's FP4 KV cache
 * (`--kv-cache-dtype nvfp4`): per head, head_size / 2 bytes of E2M1 values and head_size / 16 bytes of FP8 block
 * scales (`nvfp4_kv_cache_full_dim`, vllm/utils/torch_utils.py; `FullAttentionSpec.real_page_size_bytes`,
 * vllm/v1/kv_cache_interface.py at vllm-project/vllm@001cabc1be16a59a70d720ed61a13b678c060a18), 9/16 byte each.
 */
import { OptionError } from '../errors';

export const DTYPES = ['fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4', 'nvfp4'] as const;
export type Dtype = (typeof DTYPES)[number];

export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = {
  fp32: 4,
  fp16: 2,
  bf16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
  nvfp4: 9 / 16,
};

/** A storage format that is not one of `DTYPES` ('__proto__' and 'toString' included); `field` is 'dtype'. */
export class DtypeError extends OptionError {
  override name = 'DtypeError';
  constructor(got: unknown, field = 'dtype') {
    super(field, 'not-one-of', got, DTYPES.join(', '));
  }
}

/** Whether `value` names one of `DTYPES` (an own key, so 'constructor' is not a dtype). */
export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/** Bytes per element of `dtype`. @example bytesPerElement('bf16') // => 2 */
export function bytesPerElement(dtype: Dtype, field = 'dtype'): number {
  if (!isDtype(dtype)) throw new DtypeError(dtype, field);
  return DTYPE_BYTES[dtype];
}

export const GiB = 2 ** 30;
export const GB = 1e9;
