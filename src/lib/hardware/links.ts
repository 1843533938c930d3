/** The links between GPUs, as the speed and training planners cost their collectives. */

/** How GPUs talk: NVLink (or Infinity Fabric) within a node, PCIe, or InfiniBand between nodes. */
export type LinkTier = 'nvlink' | 'pcie' | 'infiniband';
export const LINK_TIER_IDS: readonly LinkTier[] = ['nvlink', 'pcie', 'infiniband'];

/**
 * Latency of one small all-reduce (a decode step's few KiB) at 2 ranks, and what each doubling of the ranks adds:
 * - NVLink: ≈ 6 µs at 2 H100 (nccl-tests with CUDA graphs, NVIDIA/nccl issue #1259), growing with the ranks there;
 * - PCIe: ≈ 12 µs, the small-message floor of nccl-tests between two consumer GPUs over P2P (NVIDIA/nccl-tests #44);
 * - InfiniBand: ≈ 25 µs, NCCL's own tuning estimate for a 64-byte all-reduce across H100 nodes (NVIDIA/nccl #1453).
 */
export const LINK_TIERS: Record<LinkTier, { latencySeconds: number; perDoublingSeconds: number }> = {
  nvlink: { latencySeconds: 6e-6, perDoublingSeconds: 2e-6 },
  pcie: { latencySeconds: 12e-6, perDoublingSeconds: 4e-6 },
  infiniband: { latencySeconds: 25e-6, perDoublingSeconds: 8e-6 },
};

/** The link tier a GPU's interconnect description names (NVLink and Infinity Fabric count as NVLink). */
export function linkTierOf(interconnect: string | undefined): LinkTier {
  if (!interconnect) return 'pcie';
  if (/infiniband/i.test(interconnect)) return 'infiniband';
  return /nvlink|infinity fabric|nvswitch/i.test(interconnect) ? 'nvlink' : 'pcie';
}
