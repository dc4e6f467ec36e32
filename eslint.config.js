import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'data', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', importNames: ['z'], message: "Import zod as `import * as z from 'zod/mini'`." },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'dexie',
                'yjs',
                'y-*',
                'preact',
                'preact/*',
                'node:*',
                '../storage/*',
                '../sync/*',
                '../ui/*',
              ],
              message: 'The domain core stays pure: it imports zod only.',
            },
          ],
        },
      ],
    },
  },
);
