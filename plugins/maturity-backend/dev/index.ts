import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend for working on the plugin: mock auth (every request is
// user:default/mock), a mock catalog with one component, in-memory SQLite.
//
//   curl http://localhost:7007/api/maturity/model
//   curl -X POST http://localhost:7007/api/maturity/entities/component/default/sample/assessments \
//     -H 'Content-Type: application/json' \
//     -d '{"baseRevision":0,"ratings":{"process.audit-and-logs":{"1":"fully"}}}'
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service', lifecycle: 'production', owner: 'user:mock' },
      },
    ],
  }),
);
backend.add(import('../src'));
backend.start();
