/** Expressive Code's browser script, served by src/plugins/lazy-code-block-scripts.ts; run for its effects. */
declare module 'virtual:expressive-code-scripts' {}
