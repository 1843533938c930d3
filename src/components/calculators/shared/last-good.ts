/** One try at computing a result: the value, or why not (a field name, a message…). */
export type Attempt<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** What a calculator shows: the newest good result (null before the first), and the newest failure, if any. */
export interface Kept<T, E> {
  value: T | null;
  error: E | null;
}

/**
 * Remembers the last good result, so a contradictory or half-typed setting shows its message beside the
 * last numbers that could be computed instead of blanking the panel. Keyed, because one island can hold
 * several results (the mask visualizer's two sides).
 */
export function keepLastGood<T, E, K extends string = 'value'>() {
  const kept = new Map<K, T>();
  return (attempt: Attempt<T, E>, key: K = 'value' as K): Kept<T, E> => {
    if (attempt.ok) kept.set(key, attempt.value);
    return { value: kept.get(key) ?? null, error: attempt.ok ? null : attempt.error };
  };
}

/** Runs `compute`, turning a thrown error into a failed attempt through `reason`. */
export function attempt<T, E>(compute: () => T, reason: (error: unknown) => E): Attempt<T, E> {
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    return { ok: false, error: reason(error) };
  }
}
