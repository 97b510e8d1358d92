import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { maturityPermissions } from '@cnmm/backstage-plugin-maturity-common';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { MaturityIndex } from './database/MaturityIndex';
import { loadConfiguredModel } from './model/loadConfiguredModel';
import { CatalogIndexer } from './service/CatalogIndexer';
import { MaturityService } from './service/MaturityService';
import { Summaries } from './service/summaries';
import { SummaryUpdater } from './service/SummaryUpdater';
import { cleanOrphans } from './service/OrphanCleaner';
import { createRouter } from './service/router';
import { readScoringSettings } from './service/scoringSettings';

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
        const model = await loadConfiguredModel(config);
        const store = await DatabaseAssessmentStore.create(deps);
        const index = new MaturityIndex(await deps.database.getClient());
        const scoring = readScoringSettings(config);
        const summaries = new Summaries(model, scoring);
        const updater = new SummaryUpdater({ store, index, summaries });
        const indexer = new CatalogIndexer({
          index,
          store,
          catalog,
          auth: deps.auth,
          logger,
          // Lifecycles pick default targets, so a changed one rescores.
          onLifecycleChanged: refs => updater.recompute(refs),
        });
        const service = new MaturityService({
          model,
          store,
          index,
          indexer,
          summaries,
          catalog,
          scoring,
        });
        const rescored = await updater.recomputeIfChanged();
        if (rescored) {
          logger.info(
            `Recomputed ${rescored} maturity summaries for a changed model or settings`,
          );
        }

        deps.permissionsRegistry.addPermissions(maturityPermissions);
        deps.httpRouter.use(await createRouter({ ...deps, service }));

        const deleteAfterDays = config.getOptionalNumber(
          'maturity.orphans.deleteAfterDays',
        );
        // A global task runs on one replica per period, whatever the count.
        await deps.scheduler.scheduleTask({
          id: 'maturity-orphan-cleanup',
          scope: 'global',
          frequency: { hours: 6 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 2 },
          fn: async () => {
            await cleanOrphans({ ...deps, store, deleteAfterDays });
          },
        });
        // The first read syncs a fresh index itself (indexer.ready), so the
        // task waits one period before it starts.
        const indexPeriod = {
          minutes:
            config.getOptionalNumber('maturity.index.refreshMinutes') ?? 10,
        };
        await deps.scheduler.scheduleTask({
          id: 'maturity-catalog-index',
          scope: 'global',
          frequency: indexPeriod,
          timeout: { minutes: 15 },
          initialDelay: indexPeriod,
          fn: async () => {
            await indexer.sync();
          },
        });
        logger.info(
          `Serving the ${model.title} ${model.version} (${model.dimensions.length} dimensions)`,
        );
      },
    });
  },
});
