// Expo's recommended rules (React, hooks, imports) on the app, its tests and scripts.
const { defineConfig } = require('eslint/config');
const expoConfig = require('eslint-config-expo/flat');

module.exports = defineConfig([
  expoConfig,
  { ignores: ['dist/*', 'node_modules/*', 'src/api/schema.gen.ts', 'e2e/artifacts/*'] },
  { rules: { 'react-hooks/exhaustive-deps': 'error' } },
]);
