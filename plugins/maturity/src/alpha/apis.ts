import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { maturityApiRef } from '../api/MaturityApi';
import { MaturityClient } from '../api/MaturityClient';

export const maturityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: maturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MaturityClient({ discoveryApi, fetchApi }),
    }),
});
