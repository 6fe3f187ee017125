import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import drizzle from 'eslint-plugin-drizzle';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['.next/**', '.next-bundle/**', 'dist/**', 'node_modules/**', 'data/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { drizzle, 'react-hooks': reactHooks },
    rules: {
      // Every UPDATE and DELETE names its rows (create-t3-app's drizzle rules).
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx', 'ctx.tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx', 'ctx.tx'] }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Layering: platform never imports modules or UI; modules never import UI internals of routes.
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/modules/*', '@/ui/*', '@/app/*'], message: 'platform 层不能依赖上层（modules/ui/app）' }] }],
    },
  },
  {
    files: ['src/modules/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*'], message: 'modules/ui 不能依赖路由层 app' }] }],
    },
  },
);
