import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS } from './chromium';

/**
 * Browser journeys against the real demo portal (app on :3000, backend on
 * :7007, guest sign-in), started by this run with a fresh database:
 * SQLite by default, PostgreSQL with E2E_DB=postgres and E2E_POSTGRES_URL.
 */
const root = resolve(__dirname, '..');
const db = process.env.E2E_DB === 'postgres' ? 'postgres' : 'sqlite';
if (db === 'postgres' && !process.env.E2E_POSTGRES_URL) {
  throw new Error(
    'E2E_DB=postgres needs E2E_POSTGRES_URL (postgresql://user:pass@host:port)',
  );
}
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'maturity-e2e-'));
process.env.E2E_DB_PREFIX ??= `maturity_e2e_${Date.now()}_`;

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `The browser tests drive Chromium at ${chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`,
  );
}

export default defineConfig({
  testDir: '.',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: join(tmpdir(), 'maturity-e2e-results'),
  use: {
    baseURL: 'http://localhost:3000',
    viewport: { width: 1400, height: 1000 },
    colorScheme: 'light',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
  // The campaign journey assesses components that the other journeys expect
  // to find unassessed, so it runs after them; the history journey writes
  // snapshots of the storefront's components, counted by the scorecards of
  // both, so it runs after them; the review journey assesses fraud-detector
  // and the attestation journey legacy-billing, which the first journeys
  // expect unassessed, so they run last.
  projects: [
    {
      name: 'journeys',
      testIgnore: /(campaigns|history|review|attestation)\.spec\.ts$/,
    },
    {
      name: 'campaigns',
      testMatch: /campaigns\.spec\.ts$/,
      dependencies: ['journeys'],
    },
    {
      name: 'history',
      testMatch: /history\.spec\.ts$/,
      dependencies: ['campaigns'],
    },
    {
      name: 'review',
      testMatch: /review\.spec\.ts$/,
      dependencies: ['history'],
    },
    {
      name: 'attestation',
      testMatch: /attestation\.spec\.ts$/,
      dependencies: ['review'],
    },
  ],
  webServer: {
    command: `yarn start --config ${join(
      root,
      'app-config.yaml',
    )} --config ${join(__dirname, `app-config.${db}.yaml`)}`,
    cwd: root,
    url: 'http://localhost:7007/.backstage/health/v1/readiness',
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
