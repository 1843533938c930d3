/**
 * Largest n for the rank panel: Jacobi on an n×n matrix is O(n³) per sweep. A file of its own so the panel's
 * URL schema can name the limit without pulling the SVD (mask-rank.ts) into the code that loads up front.
 */
export const MAX_RANK_LENGTH = 64;
