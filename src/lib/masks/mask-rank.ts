/**
 * The rank panel: is a bidirectional attention matrix "low-rank" compared with a causal one? For random
 * Q, K ∈ ℝ^{n×d} (seeded), A = softmax(τ·QKᵀ/√d + M) row-wise, then A's singular values, numerical rank
 * and effective rank (Roy & Vetterli 2007). Deterministic for a given seed.
 */
import { attentionMask, MaskOptionError, type MaskOptions } from './attention-mask';
import { MAX_RANK_LENGTH } from './rank-limit';

export { MAX_RANK_LENGTH };

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller). */
function normals(random: () => number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = Math.max(random(), Number.EPSILON);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Row-wise softmax of τ·QKᵀ/√d over allowed keys, subtracting each row's maximum (no overflow). */
export function maskedSoftmaxScores(q: Float64Array, k: Float64Array, n: number, d: number, scale: number, allowed: Uint8Array): Float64Array {
  const a = new Float64Array(n * n);
  const factor = scale / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      if (!allowed[i * n + j]) continue;
      let dot = 0;
      for (let c = 0; c < d; c++) dot += q[i * d + c]! * k[j * d + c]!;
      a[i * n + j] = dot * factor;
      if (a[i * n + j]! > max) max = a[i * n + j]!;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = allowed[i * n + j] ? Math.exp(a[i * n + j]! - max) : 0;
      a[i * n + j] = e;
      sum += e;
    }
    for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! / sum;
  }
  return a;
}

/**
 * Singular values of an n×n matrix, descending, by one-sided Jacobi (Hestenes): rotate pairs of columns
 * until all are orthogonal; the column norms are then the singular values. Working on A itself, not on
 * AᵀA, keeps small singular values accurate (squaring would lose those below √ε·σ_max, and with them the
 * full rank of a causal matrix whose diagonal weights are tiny).
 */
export function singularValues(a: Float64Array, n: number): number[] {
  const u = Float64Array.from(a);
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < n; r++) {
          const up = u[r * n + p]!;
          const uq = u[r * n + q]!;
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= Number.EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let r = 0; r < n; r++) {
          const up = u[r * n + p]!;
          const uq = u[r * n + q]!;
          u[r * n + p] = c * up - s * uq;
          u[r * n + q] = s * up + c * uq;
        }
      }
    if (!rotated) break;
  }
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += u[r * n + j]! ** 2;
    values.push(Math.sqrt(sum));
  }
  return values.sort((x, y) => y - x);
}

/** Singular values above n·ε·σ_max (NumPy's matrix_rank tolerance). */
export function numericalRank(sigma: number[], n: number): number {
  const tolerance = (sigma[0] ?? 0) * n * Number.EPSILON;
  return sigma.filter((s) => s > tolerance).length;
}

/** Roy & Vetterli 2007: exp of the Shannon entropy of the normalized singular values (1 … n). */
export function effectiveRank(sigma: number[]): number {
  const total = sigma.reduce((x, y) => x + y, 0);
  if (total === 0) return 0;
  let entropy = 0;
  for (const s of sigma) {
    const p = s / total;
    if (p > 0) entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

export interface MaskRankOptions {
  mask: MaskOptions;
  /** Head dimension d. */
  headDim: number;
  /** Logit scale τ (1 = plain scaled dot product). */
  scale: number;
  seed: number;
}

export interface MaskRankResult {
  singularValues: number[];
  numericalRank: number;
  effectiveRank: number;
}

/** Rank figures of softmax(τ·QKᵀ/√d + M) for random Q, K drawn from the seed. */
export function attentionRank({ mask, headDim, scale, seed }: MaskRankOptions): MaskRankResult {
  const n = mask.length;
  if (!Number.isInteger(n) || n < 1 || n > MAX_RANK_LENGTH)
    throw MaskOptionError.outOfRange('length', n, 1, MAX_RANK_LENGTH, `the rank panel takes a length from 1 to ${MAX_RANK_LENGTH}, got ${n}`);
  if (!Number.isInteger(headDim) || headDim < 1 || headDim > 512)
    throw MaskOptionError.outOfRange('headDim', headDim, 1, 512, `head dimension must be a whole number from 1 to 512, got ${headDim}`);
  if (!Number.isFinite(scale) || scale < 0 || scale > 100)
    throw MaskOptionError.outOfRange('scale', scale, 0, 100, `logit scale must be from 0 to 100, got ${scale}`, false);
  const random = seededRandom(seed);
  const q = normals(random, n * headDim);
  const k = normals(random, n * headDim);
  const a = maskedSoftmaxScores(q, k, n, headDim, scale, attentionMask(mask).allowed);
  const sigma = singularValues(a, n);
  return { singularValues: sigma, numericalRank: numericalRank(sigma, n), effectiveRank: effectiveRank(sigma) };
}
