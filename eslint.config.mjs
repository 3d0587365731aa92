// Type-aware lint: the rules that matter most here are the promise rules (a floating
// request promise is a test that asserts nothing) and no-explicit-any.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { floorsPlugin } from './eslint-floors.cjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'test-results/**', 'blob-report/**', 'playwright-report/**', 'schemas/**', 'specs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', '*.cjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off', // Playwright fixtures use `async ({}, use) =>`
    },
  },
  // ARCHITECTURE.md's floors (import-floors.cjs): no import runs back up, none crosses between judge and subjects.
  { files: ['**/*.ts'], plugins: { floors: floorsPlugin }, rules: { 'floors/no-upward-import': 'error' } },
  { files: ['*.mjs', '*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
  },
);
