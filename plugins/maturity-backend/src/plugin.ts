import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { maturityPermissions } from '@cnmm/backstage-plugin-maturity-common';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { loadConfiguredModel } from './model/loadConfiguredModel';
import { MaturityService } from './service/MaturityService';
import { cleanOrphans } from './service/OrphanCleaner';
import { createRouter } from './service/router';
import { readScoringSettings } from './service/scoringSettings';
import { readDataSafetySettings } from './service/dataSafetySettings';

/**
 * The maturity backend plugin: stores CNMM assessments per catalog entity and
 * serves them, with scorecards, under /api/maturity.
 * @public
 */
export const maturityPlugin = createBackendPlugin({
  pluginId: 'maturity',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, catalog, logger } = deps;
        // Invalid limits stop the start-up rather than risk data or memory.
        const safety = readDataSafetySettings(config);
        const model = await loadConfiguredModel(config);
        const store = await DatabaseAssessmentStore.create({
          ...deps,
          cacheMaxBytes: safety.cacheMaxBytes,
        });
        const service = new MaturityService({
          model,
          store,
          catalog,
          scoring: readScoringSettings(config),
          cacheMaxBytes: safety.cacheMaxBytes,
        });

        deps.permissionsRegistry.addPermissions(maturityPermissions);
        // The write handler checks credentials itself, so that a request
        // without them is audited before it is refused with a 401.
        deps.httpRouter.addAuthPolicy({
          path: '/entities/:kind/:namespace/:name/assessments',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            service,
            writesPerMinute: safety.writesPerMinute,
          }),
        );

        // A global task runs on one replica per period, whatever the count.
        await deps.scheduler.scheduleTask({
          id: 'maturity-orphan-cleanup',
          scope: 'global',
          frequency: { hours: 6 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 2 },
          fn: async () => {
            await cleanOrphans({ ...deps, store, orphans: safety.orphans });
          },
        });
        logger.info(
          `Serving the ${model.title} ${model.version} (${model.dimensions.length} dimensions)`,
        );
      },
    });
  },
});
