/* eslint-disable no-console */
/*
 * A standalone maturity backend, run as a child process of the reliability
 * tests (like bench/index.ts): createBackend() with the real plugin, HTTP
 * stack, scheduler and database manager; mock auth and permissions; the
 * in-memory catalog client of catalog-client. Settings come as JSON in MATURITY_RELIABILITY_SERVER.
 * It prints a READY line once it serves, and stops cleanly on SIGTERM.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { standaloneEntities } from './organisation';

export interface StandaloneSettings {
  port: number;
  /** backend.database: a pg connection with a prefix, or SQLite files. */
  database: object;
  /** Extra config, e.g. `maturity.orphans`. */
  config?: object;
}

const settings: StandaloneSettings = JSON.parse(
  process.env.MATURITY_RELIABILITY_SERVER ?? '{}',
);

// What a crashing process would die of is worth seeing in the test output.
process.on('unhandledRejection', error => {
  console.error('UNHANDLED_REJECTION', error);
});

async function main() {
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${settings.port}`,
          listen: { host: '127.0.0.1', port: settings.port },
          database: settings.database,
        },
        ...settings.config,
        maturity: {
          // Load runs write far faster than people, and many times to one
          // entity: the write limits are tested on their own, in
          // storage.reliability.ts and src/services/writeRateLimit.test.ts.
          rateLimit: {
            writesPerMinute: 1_000_000,
            snapshotsPerEntityPerDay: 1_000_000,
          },
          ...(settings.config as { maturity?: object } | undefined)?.maturity,
        },
      },
    }),
  );
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(mockServices.permissions.factory());
  const catalog = new InMemoryCatalogClient({
    entities: standaloneEntities(),
  });
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog as any,
    }),
  );
  backend.add(import('../../src'));
  await backend.start();
  console.log(`MATURITY_RELIABILITY_READY pid=${process.pid}`);

  process.once('SIGTERM', async () => {
    await backend.stop().catch(error => console.error(error));
    process.exit(0);
  });
}

main().catch(error => {
  console.error('STARTUP_FAILED', error);
  process.exit(1);
});
