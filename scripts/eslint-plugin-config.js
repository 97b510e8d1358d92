/**
 * The ESLint configuration of the three plugin packages: Backstage's own,
 * plus no import cycles among the modules of src.
 */
module.exports = dir =>
  require('@backstage/cli/config/eslint-factory')(dir, {
    // import/no-cycle needs to resolve the relative imports of TypeScript
    // files; it need not parse dependencies (much slower, and a cycle cannot
    // go through them).
    settings: {
      'import/ignore': ['node_modules'],
      'import/extensions': ['.js', '.jsx', '.ts', '.tsx'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import/resolver': {
        node: { extensions: ['.js', '.jsx', '.ts', '.tsx', '.json'] },
      },
    },
    overrides: [
      {
        // Type-only imports do not count: they are erased at build time.
        files: ['src/**/*.{ts,tsx}'],
        rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
      },
    ],
  });
