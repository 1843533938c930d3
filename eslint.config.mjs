// Lint rules for the whole repository; `npm run lint` runs them with --max-warnings 0 inside `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-base/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/out/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // Islands build their signal stores once (useMemo/useEffect with []): signals track their own
      // dependencies, which this rule cannot see, so it would ask for dependencies that must not be there.
      'react-hooks/exhaustive-deps': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['**/*.mjs', 'scripts/**', 'bench/**', '*.config.*', 'tests/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['src/**/*.{ts,tsx}', 'tests/e2e/**', 'bench/**'], languageOptions: { globals: { ...globals.browser } } },
);
