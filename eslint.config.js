import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Full `zod` is about 20 kB gzip more on every phone than the Zod Mini of lib/zod.ts. */
const ZOD_IN_THE_BROWSER = { name: 'zod', message: "Import { z } from lib/zod.ts (Zod Mini): full 'zod' stays on the server." };

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'dist/', 'bench/results/', 'test-results/', 'playwright-report/', 'artifacts/', 'next-env.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // lib/ is shared by browser and server: none of our other folders, no Node built-ins.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ZOD_IN_THE_BROWSER], patterns: ['node:*', '../server/*', '../components/*', '../app/*', 'react', 'next/*', 'zod/*'] },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'i18n/**/*.ts', 'instrumentation-client.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ZOD_IN_THE_BROWSER], patterns: ['zod/*'] }] },
  },
  // The one module that loads Zod Mini for lib/ (and sets its English messages).
  { files: ['lib/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
);
