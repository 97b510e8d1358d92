// The one import of the actions registry: it is alpha in Backstage 1.55 and
// moves to `coreServices.actionsRegistry` upstream; only this file changes then.
export { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
export type {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
