import { createRouteRef } from '@backstage/core-plugin-api';

// The legacy ref is used on purpose: since Backstage 1.49 it also works in the
// new frontend system, so both entry points can share it.
/**
 * The route of the maturity overview page.
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'maturity' });
