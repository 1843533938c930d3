/**
 * An inverted-file (IVF) index in two dimensions, for the ANN picture: vectors are filed under their nearest
 * centroid (coarse quantizer), and a query scans only the `nprobe` cells whose centroids are nearest to it
 * (Jégou et al. 2011, IVFADC).
 */
export interface Vec2 {
  x: number;
  y: number;
}

const dist2 = (a: Vec2, b: Vec2) => (a.x - b.x) ** 2 + (a.y - b.y) ** 2;

/** Index of the nearest centroid. */
export function nearest(p: Vec2, centroids: readonly Vec2[]): number {
  let best = 0;
  centroids.forEach((c, i) => {
    if (dist2(p, c) < dist2(p, centroids[best]!)) best = i;
  });
  return best;
}

/** The cells a query probes: the `nprobe` centroids nearest to it, nearest first. */
export function probedCells(query: Vec2, centroids: readonly Vec2[], nprobe: number): number[] {
  return centroids
    .map((c, i) => ({ i, d: dist2(query, c) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, nprobe)
    .map((c) => c.i);
}

/** Index of the exact nearest neighbor among `points`, and the best one inside the probed cells. */
export function ivfSearch(query: Vec2, points: readonly Vec2[], centroids: readonly Vec2[], nprobe: number) {
  const cells = points.map((p) => nearest(p, centroids));
  const probed = new Set(probedCells(query, centroids, nprobe));
  let exact = 0;
  let found = -1;
  points.forEach((p, i) => {
    if (dist2(query, p) < dist2(query, points[exact]!)) exact = i;
    if (probed.has(cells[i]!) && (found < 0 || dist2(query, p) < dist2(query, points[found]!))) found = i;
  });
  const scanned = cells.filter((c) => probed.has(c)).length;
  return { cells, probed: [...probed], exact, found, scanned };
}
