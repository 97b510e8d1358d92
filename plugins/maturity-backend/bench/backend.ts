/* eslint-disable no-console */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { IndexedCatalog } from './IndexedCatalog';
import { buildOrganisation } from './organisation';

/**
 * The real maturity backend plugin in a backend of its own: mock auth (any
 * `mock-user-token`), allow-all permissions, the benchmark organisation in an
 * indexed in-memory catalog, and the given database. Run as a child process
 * so that its memory is measured apart from the load generator's.
 */
export async function startBenchBackend(options: {
  port: number;
  database: object;
}) {
  const org = buildOrganisation();
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${options.port}`,
          listen: { port: options.port, host: '127.0.0.1' },
          database: options.database,
        },
        maturity: { targets: { byLifecycle: { production: 3 }, default: 2 } },
      },
    }),
  );
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(mockServices.permissions.factory());
  const catalog = new IndexedCatalog([
    ...org.groups,
    ...org.systems,
    ...org.components,
  ]);
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog as any,
    }),
  );
  backend.add(import('../src'));
  await backend.start();
  return backend;
}

if (require.main === module) {
  startBenchBackend({
    port: Number(process.env.MATURITY_BENCH_PORT),
    database: JSON.parse(process.env.MATURITY_BENCH_DATABASE!),
  }).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
