/* eslint-disable no-console */
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * The measured backend: the real catalog backend plugin (ingesting a
 * generated catalog file), the real permission backend with a policy that
 * allows everything (every request still goes through it), real auth with
 * the guest provider signing in `user:default/bench`, the maturity plugin,
 * and the given database. Run as a child process so that its memory is
 * measured apart from the load generator's.
 */
const allowAll = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-allow-all',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle() {
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

export async function startBenchBackend(options: {
  port: number;
  database: object;
  catalogFile: string;
}) {
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: 'http://127.0.0.1:3000' },
        backend: {
          baseUrl: `http://127.0.0.1:${options.port}`,
          listen: { port: options.port, host: '127.0.0.1' },
          database: options.database,
          actions: { pluginSources: ['maturity'] },
        },
        mcpActions: {
          servers: {
            maturity: {
              name: 'Maturity',
              filter: { include: [{ id: 'maturity:*' }] },
            },
          },
        },
        permission: { enabled: true },
        auth: {
          providers: {
            guest: {
              userEntityRef: 'user:default/bench',
              dangerouslyAllowOutsideDevelopment: true,
            },
          },
        },
        catalog: {
          rules: [
            { allow: ['Component', 'System', 'Group', 'User', 'Location'] },
          ],
          locations: [{ type: 'file', target: options.catalogFile }],
          processingInterval: { minutes: 60 },
        },
        maturity: {
          targets: { byLifecycle: { production: 3 }, default: 2 },
          // The benchmark drives the index itself; no sync in the background.
          index: { refreshMinutes: 24 * 60 },
        },
      },
    }),
  );
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(allowAll);
  backend.add(import('../src'));
  backend.add(import('@backstage/plugin-mcp-actions-backend'));
  await backend.start();
  return backend;
}

/**
 * With MATURITY_BENCH_PROFILE set to a folder, the load generator asks over
 * IPC for a CPU profile of each measured case: `{ profile: name }` starts
 * one, `{ profile: null }` writes it to `<folder>/<name>.cpuprofile` (open
 * it in Chrome DevTools or speedscope). Each message is answered once done,
 * so that the timing starts and ends with the profile.
 */
function profileOnRequest(folder: string) {
  const session = new Session();
  session.connect();
  let current: string | undefined;
  process.on('message', async (message: { profile: string | null }) => {
    if (message.profile) {
      await session.post('Profiler.enable');
      // 0.1 ms: a call of a few milliseconds is still seen in detail.
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      current = message.profile;
    } else if (current) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(
        join(folder, `${current}.cpuprofile`),
        JSON.stringify(profile),
      );
      current = undefined;
    }
    process.send!({ done: true });
  });
}

if (require.main === module) {
  if (process.env.MATURITY_BENCH_PROFILE) {
    profileOnRequest(process.env.MATURITY_BENCH_PROFILE);
  }
  startBenchBackend({
    port: Number(process.env.MATURITY_BENCH_PORT),
    database: JSON.parse(process.env.MATURITY_BENCH_DATABASE!),
    catalogFile: process.env.MATURITY_BENCH_CATALOG!,
  }).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
