// ESLint: the recommended JavaScript and typescript-eslint rules, plus the ones the house style relies on
// (no nested ternaries, no comma expressions, no `!` assertions that check nothing).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/', 'coverage/', '.bench-cache/', 'db/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-nested-ternary': 'error',
      // Stripping control characters is what several of our regexes are for.
      'no-control-regex': 'off',
      'no-sequences': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  // A test's `!` follows an expect that already failed loudly if the value were missing; a benchmark's fails its run.
  { files: ['tests/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  // Plain Node scripts.
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly', fetch: 'readonly' },
    },
  },
);
