/* eslint-disable no-console */
import type { TestDatabaseId } from '@backstage/backend-test-utils';

/**
 * What the reliability suite runs against, read once from the environment.
 *
 * - BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING: PostgreSQL 15 for
 *   the in-process tests (read by TestDatabases, which makes one fresh
 *   database per backend).
 * - MATURITY_TEST_POSTGRES: PostgreSQL for the standalone backend processes
 *   (load, faults, replicas), which get their own database per run.
 * - MATURITY_RELIABILITY_LOAD_SECONDS: length of each load run (default 60).
 */
export const IN_PROCESS_POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING || undefined;

export const STANDALONE_POSTGRES =
  process.env.MATURITY_TEST_POSTGRES || undefined;

export const LOAD_SECONDS = Math.max(
  1,
  Math.min(3600, Number(process.env.MATURITY_RELIABILITY_LOAD_SECONDS) || 60),
);

/** fast-check runs per property; the brief asks for at least 200. */
export const FUZZ_RUNS = Math.max(
  200,
  Number(process.env.MATURITY_RELIABILITY_FUZZ_RUNS) || 200,
);

/**
 * Skipped PostgreSQL parts must show up, never pass silently: they are
 * registered as skipped tests whose names say why (Jest's summary counts
 * them) and the reason is printed when the file loads.
 */
export function postgresSkipReason(variable: string): string {
  return `PostgreSQL not configured: set ${variable} to run this part`;
}

export function warnSkipped(what: string, variable: string) {
  console.warn(
    `[reliability] SKIPPED ${what}: ${postgresSkipReason(variable)}`,
  );
}

/**
 * Registers, in place of a PostgreSQL block that cannot run, a skipped block
 * whose title says why, so that Jest's summary counts the skipped tests.
 * Jest's globals are reached through globalThis: this module is a helper
 * that test files call, not a test file itself.
 */
export function skipWithoutPostgres(
  what: string,
  variable: string,
  tests: string[],
) {
  warnSkipped(what, variable);
  const globals = globalThis as unknown as {
    describe: jest.Describe;
    it: jest.It;
  };
  globals.describe.skip(`${what} (${postgresSkipReason(variable)})`, () => {
    for (const name of tests) globals.it(name, () => {});
  });
}

/**
 * The in-process databases a group runs on: SQLite, and PostgreSQL 15 when
 * configured; otherwise the PostgreSQL part is registered as skipped.
 */
export function inProcessDatabaseIds(
  databases: { supports(id: TestDatabaseId): boolean },
  what: string,
): TestDatabaseId[] {
  if (IN_PROCESS_POSTGRES && databases.supports('POSTGRES_15')) {
    return ['SQLITE_3', 'POSTGRES_15'];
  }
  skipWithoutPostgres(
    `${what} on POSTGRES_15`,
    'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    ['every case of the SQLite blocks, on PostgreSQL'],
  );
  return ['SQLITE_3'];
}
