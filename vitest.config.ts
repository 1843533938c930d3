import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  // Vite 8 compiles TSX with Oxc; point its JSX runtime at Preact for component tests.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // Component tests opt in with `// @vitest-environment happy-dom`; the core runs in plain Node.
    environment: 'node',
    // npm test runs this step beside `astro check` on two cores, under coverage: a social card that renders in 0.4 s
    // alone took over 5 s there. Time is measured in benches, not here, so the limit only has to catch a hang.
    testTimeout: 30_000,
    // Printed by the unit step of `npm test` (scripts/unit.mjs passes --coverage when @vitest/coverage-v8 is installed).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/**/*.d.ts'],
      reporter: ['text-summary'],
    },
  },
});
