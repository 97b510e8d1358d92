import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { maturityPermissions } from '@cnmm/backstage-plugin-maturity-common';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from './database/DatabaseCampaignStore';
import { MaturityIndex } from './database/MaturityIndex';
import { loadConfiguredModel } from './model/loadConfiguredModel';
import { createCampaignRouter } from './service/campaignRouter';
import { IndexCampaignScopeResolver } from './service/CampaignScope';
import {
  CampaignReminders,
  readReminderSettings,
} from './service/CampaignReminders';
import {
  CampaignService,
  readConfiguredCampaigns,
} from './service/CampaignService';
import { CatalogIndexer } from './service/CatalogIndexer';
import { MaturityService } from './service/MaturityService';
import { Summaries } from './service/summaries';
import { SummaryUpdater } from './service/SummaryUpdater';
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
        notifications: notificationService,
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
        const index = new MaturityIndex(await deps.database.getClient());
        const scoring = readScoringSettings(config);
        const summaries = new Summaries(model, scoring, safety.cacheMaxBytes);
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

        const campaignStore = new DatabaseCampaignStore(
          await deps.database.getClient(),
        );
        const campaigns = new CampaignService({
          model,
          campaigns: campaignStore,
          scope: new IndexCampaignScopeResolver(service, index),
          configured: readConfiguredCampaigns(config, model),
          strict: scoring.strict,
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
        deps.httpRouter.use(
          createCampaignRouter({ ...deps, maturity: service, campaigns }),
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
        const reminders = new CampaignReminders({
          service: campaigns,
          campaigns: campaignStore,
          notifications: deps.notifications,
          auth: deps.auth,
          logger,
          settings: readReminderSettings(config, scoring.staleAfterDays),
        });
        // Global: one replica runs it per period; the reminder table's key
        // stops a second send even if two runs overlap.
        const reminderSchedule = config.has('maturity.reminders.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('maturity.reminders.schedule'),
            )
          : {
              frequency: { hours: 1 },
              timeout: { minutes: 15 },
              initialDelay: { minutes: 1 },
            };
        await deps.scheduler.scheduleTask({
          id: 'maturity-campaign-reminders',
          scope: 'global',
          ...reminderSchedule,
          fn: async () => {
            await reminders.run();
          },
        });
        logger.info(
          `Serving the ${model.title} ${model.version} (${model.dimensions.length} dimensions)`,
        );
      },
    });
  },
});
