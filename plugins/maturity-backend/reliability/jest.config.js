/*
 * The reliability suite: slow tests that start real backends and databases.
 * They live outside src/ and are named *.reliability.ts, so the package's
 * normal `yarn test` (rootDir src, testMatch *.test.*) never picks them up;
 * `yarn test:reliability` runs them with this config instead.
 */
const path = require('node:path');

module.exports = (async () => {
  // The regular Backstage config of this package: transforms, environment.
  const base = await require('@backstage/cli/config/jest');
  return {
    ...base,
    displayName: 'maturity-backend reliability',
    // One line per test: which guarantee held and which did not.
    verbose: true,
    rootDir: __dirname,
    roots: [__dirname],
    testMatch: ['<rootDir>/**/*.reliability.ts'],
    setupFilesAfterEnv: [],
    // Backends, child processes and 60 s load runs: minutes, not seconds.
    testTimeout: 10 * 60 * 1000,
    slowTestThreshold: 120,
    // Each file binds ports and loads the machine; one file at a time.
    maxWorkers: 1,
    id: `${base.id}_reliability`,
    cacheDirectory: path.join(
      require('node:os').tmpdir(),
      'maturity-reliability-jest',
    ),
  };
})();
