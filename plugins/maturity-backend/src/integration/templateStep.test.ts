import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { as, authorizeByOwnership, OWNER } from '../__testUtils__/fixtures';
import {
  BASE,
  MATURITY_ENTITIES,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// The example template's last step, maturity:record-assessment, run by the
// real scaffolder (scaffolder-backend 4.2.0, Backstage 1.55) as a task of
// the user who starts it: registry actions are template actions there. The
// example's other steps need a skeleton, GitHub and a catalog that processes
// what they register; this runs its parameters and its baseline step as
// written. The scaffolder keeps its tasks in its own in-memory SQLite
// database; the write path itself is tested on both databases elsewhere.

jest.setTimeout(60_000);

// Jest runs a test file in a VM context with its own Object.prototype. The
// actions service reads an action's output with Node's fetch, whose JSON
// objects come from Node's own context, and the scaffolder's template engine
// (nunjitsu) refuses objects of another context as step outputs ("Only plain
// records can be used as template values"), which a real backend never
// meets. Bodies are parsed in the test's context instead.
const nodeFetch = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  const res = await nodeFetch(...args);
  return Object.defineProperty(res, 'json', {
    value: async () => JSON.parse(await res.text()),
  });
};

/** Not an owner of payments-api, and not hidden from anything. */
const NON_OWNER = 'user:default/visitor';

const example = parse(
  readFileSync(
    resolve(__dirname, '../../../../examples/templates/maturity-baseline.yaml'),
    'utf8',
  ),
);

const template: Entity = {
  ...example,
  metadata: { ...example.metadata, namespace: 'default' },
  spec: {
    ...example.spec,
    steps: example.spec.steps.filter(
      (step: { action: string }) =>
        step.action === 'maturity:record-assessment',
    ),
    output: {},
  },
};

const values = {
  name: 'payments-api',
  owner: 'group:default/payments',
  repoUrl: 'github.com?owner=acme&repo=payments-api',
  ciCd: 'largely',
  security: 'fully',
};

describe('the example template’s baseline step', () => {
  let backend: MaturityBackend;

  beforeAll(async () => {
    backend = await startMaturityBackend({
      config: { backend: { actions: { pluginSources: ['maturity'] } } },
      entities: [...MATURITY_ENTITIES, template],
      features: [
        scaffolderPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
      ],
    });
    // The scaffolder's own permissions are granted; the maturity plugin's
    // stay by ownership.
    const byOwnership = authorizeByOwnership(MATURITY_ENTITIES);
    backend.authorize.mockImplementation(async (requests, options) => {
      const decisions = await byOwnership(requests, options);
      return requests.map((r, i) =>
        (r as { permission: { name: string } }).permission.name.startsWith(
          'scaffolder.',
        )
          ? { result: AuthorizeResult.ALLOW }
          : decisions[i],
      );
    });
  });

  /** Runs the template as `user` and waits for the task to end. */
  async function run(user: string) {
    const created = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', as(user))
      .send({
        templateRef: 'template:default/service-with-maturity-baseline',
        values,
      });
    expect(created.status).toBe(201);
    for (;;) {
      const task = await request(backend.server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', as(user));
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(backend.server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', as(user));
        const log = events.body
          .map((e: { body: { message?: string } }) => e.body.message ?? '')
          .join('\n');
        return { status: task.body.status as string, log };
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }

  it('is among the template actions, with its input schema', async () => {
    const res = await request(backend.server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', as(OWNER));
    const action = res.body.find(
      (a: { id: string }) => a.id === 'maturity:record-assessment',
    );
    expect(action?.schema.input.required).toEqual(
      expect.arrayContaining(['entityRef', 'baseRevision', 'ratings']),
    );
  });

  it('refuses a user who may not assess the component, storing nothing', async () => {
    const { status, log } = await run(NON_OWNER);
    expect(status).toBe('failed');
    // The task log has the status only: the actions service drops the
    // plugin's error message (backend-defaults 0.18).
    expect(log).toContain('403 Forbidden');
    const res = await request(backend.server)
      .get(`${BASE}/entities/component/default/payments-api`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(404);
  });

  it("records the owner's baseline from the template's parameters", async () => {
    const { status, log } = await run(OWNER);
    expect({ status, log }).toMatchObject({ status: 'completed' });
    const res = await request(backend.server)
      .get(`${BASE}/entities/component/default/payments-api`)
      .set('Authorization', as(OWNER));
    expect(res.body).toMatchObject({
      revision: 1,
      createdBy: OWNER,
      comment: 'Baseline recorded when the service was created',
      ratings: {
        'process.software-integration-and-release': { '1': 'largely' },
        'process.security': { '1': 'fully' },
      },
    });
  });
});
