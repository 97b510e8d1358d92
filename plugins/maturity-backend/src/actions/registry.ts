import type {
  ActionsRegistryService,
  ActionsRegistryActionOptions,
} from '@backstage/backend-plugin-api/alpha';

// The one import of the actions registry: it is alpha in Backstage 1.55 and
// moves to `coreServices.actionsRegistry` upstream; only this file changes then.
export { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
export type { ActionsRegistryActionOptions, ActionsRegistryService };

/**
 * A registry whose actions build each schema once. The registry of
 * backend-defaults 0.18 calls an action's schema builders on every listing
 * (every MCP `tools/call` lists all actions first) and on every call; zod
 * schemas are immutable, so one instance serves them all. Building the seven
 * actions' schemas took about as long as converting them to JSON schema
 * (docs/benchmarks.md).
 */
export function buildingSchemasOnce(
  registry: ActionsRegistryService,
): ActionsRegistryService {
  return {
    register(options) {
      registry.register({
        ...options,
        schema: {
          ...options.schema,
          input: once(options.schema.input),
          output: once(options.schema.output),
        },
      });
    },
  };
}

/** `build`, called again only with another argument (another zod). */
function once<A, T>(build: (arg: A) => T): (arg: A) => T {
  let built: { arg: A; value: T } | undefined;
  return arg => {
    if (built?.arg !== arg) built = { arg, value: build(arg) };
    return built.value;
  };
}
