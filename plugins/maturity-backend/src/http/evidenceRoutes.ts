import { HttpAuthService } from '@backstage/backend-plugin-api';
import { EvidenceService } from '../services/EvidenceService';
import { refFromPath } from './request';
import { Route, route } from './routes';

/** What the catalog says about one entity, as evidence the form can offer. */
export function evidenceRoutes(deps: {
  httpAuth: HttpAuthService;
  evidence: EvidenceService;
}): Route[] {
  return [
    // The catalog decides, as the caller, whether they may see the entity.
    route(
      'get',
      '/entities/:kind/:namespace/:name/evidence',
      {},
      async (req, res) => {
        const ref = refFromPath(req);
        const credentials = await deps.httpAuth.credentials(req);
        res.json(await deps.evidence.forEntity(ref, { credentials }));
      },
    ),
  ];
}
