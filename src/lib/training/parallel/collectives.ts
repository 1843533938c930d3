/**
 * Collective costs for the training planner: a bandwidth term plus a latency term per link tier.
 *
 * Ring algorithms (Patarasuk & Yuan 2009, "Bandwidth optimal all-reduce algorithms for clusters of workstations",
 * §3; the same counts as NCCL's performance notes, `PERFORMANCE.md` "algorithm bandwidth / bus bandwidth"): with `n`
 * ranks, a buffer of `S` bytes and a per-GPU link of `B` bytes/s,
 *
 * - all-reduce: `α(n) + 2(n−1)/n · S/B`
 * - all-gather, reduce-scatter (S = the gathered size): `α(n) + (n−1)/n · S/B`
 * - all-to-all (S = what each rank holds before the exchange): `α(n) + (n−1)/n · S/B`
 * - point-to-point: `α(2) + S/B`
 *
 * `α(n)` is the tier's small-message latency at 2 ranks plus a step per doubling of the ranks (`LINK_TIERS` of the
 * serving planner, sourced there from nccl-tests and NCCL's tuning model). Two tiers matter in training: the NVLink /
 * NVSwitch domain inside a node (the GPU's own link bandwidth) and the scale-out network between nodes
 * (InfiniBand or RoCE, one NIC per GPU: 400 Gb/s = 50 GB/s on the clusters of Llama 3 §3.3.1 and DeepSeek-V3 §3.1).
 */
import { LINK_TIERS, type LinkTier } from '../../hardware/links';

/** One hop class: the bandwidth per GPU and which tier's latency applies. */
export interface Link {
  /** Bytes per second per GPU, one direction. */
  bytesPerSecond: number;
  tier: LinkTier;
}

/** α(n): the tier's latency at 2 ranks plus `perDoublingSeconds` for each further doubling. */
export function collectiveLatency(ranks: number, tier: LinkTier): number {
  if (ranks <= 1) return 0;
  const { latencySeconds, perDoublingSeconds } = LINK_TIERS[tier];
  return latencySeconds + perDoublingSeconds * Math.max(0, Math.log2(ranks) - 1);
}

/** Ring all-reduce of `bytes` over `ranks`: α(n) + 2(n−1)/n · S/B. */
export function ringAllReduceSeconds(bytes: number, ranks: number, link: Link): number {
  if (ranks <= 1 || bytes <= 0) return 0;
  return collectiveLatency(ranks, link.tier) + ((2 * (ranks - 1)) / ranks) * (bytes / link.bytesPerSecond);
}

/** Ring all-gather or reduce-scatter, `bytes` being the full (gathered) buffer: α(n) + (n−1)/n · S/B. */
export function ringAllGatherSeconds(bytes: number, ranks: number, link: Link): number {
  if (ranks <= 1 || bytes <= 0) return 0;
  return collectiveLatency(ranks, link.tier) + ((ranks - 1) / ranks) * (bytes / link.bytesPerSecond);
}

/** All-to-all where each rank starts with `bytes` and keeps 1/n of them: α(n) + (n−1)/n · S/B. */
export function allToAllSeconds(bytes: number, ranks: number, link: Link): number {
  if (ranks <= 1 || bytes <= 0) return 0;
  return collectiveLatency(ranks, link.tier) + ((ranks - 1) / ranks) * (bytes / link.bytesPerSecond);
}

/** One point-to-point send: α(2) + S/B. */
export function sendSeconds(bytes: number, link: Link): number {
  if (bytes <= 0) return 0;
  return collectiveLatency(2, link.tier) + bytes / link.bytesPerSecond;
}
