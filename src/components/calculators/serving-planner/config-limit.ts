/** Longest compacted config.json a link carries as `srv.cfg` (the same bound as the KV calculator's `kv.cfg`). */
export const MAX_CONFIG_CHARS = 4000;
