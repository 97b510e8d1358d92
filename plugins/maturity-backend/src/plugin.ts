import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { maturityPermissions } from '@cnmm/backstage-plugin-maturity-common';
import { registerMaturityActions } from './actions';
import { actionsRegistryServiceRef } from './actions/registry';
import {
  checkAttestationDimensions,
  clientSettings,
  expiryEnabled,
  readMaturityConfig,
} from './config';
import { createMaturityDatabase } from './database/createMaturityDatabase';
import { createRouter } from './http/createRouter';
import { CampaignReminders } from './jobs/CampaignReminders';
import { CatalogIndexer } from './jobs/CatalogIndexer';
import { cleanOrphans } from './jobs/cleanOrphans';
import { SummaryUpdater } from './jobs/SummaryUpdater';
import { sendReviewDigest } from './jobs/reviewDigest';
import { thinRevisions } from './jobs/thinRevisions';
import { loadConfiguredModel } from './model/loadConfiguredModel';
import { AssessmentService } from './services/AssessmentService';
import { AssessmentWriter } from './services/AssessmentWriter';
import { BelowTarget } from './services/BelowTarget';
import { IndexCampaignScopeResolver } from './services/CampaignScope';
import { CampaignService } from './services/CampaignService';
import { ChangesService } from './services/ChangesService';
import { readConfiguredCampaigns } from './services/configuredCampaigns';
import { EntityLookup } from './services/EntityLookup';
import { EvidenceService } from './services/EvidenceService';
import { EntityRows } from './services/EntityRows';
import { ExemptionService } from './services/ExemptionService';
import { OverviewService } from './services/OverviewService';
import { ReviewService } from './services/ReviewService';
import { ScorecardService } from './services/ScorecardService';
import { Summaries } from './services/Summaries';
import { SnapshotQuota, WriteRateLimiter } from './services/writeRateLimit';
import { scheduleTasks } from './tasks';
import { ExpiryReminders } from './jobs/ExpiryReminders';
import { recomputeExpired } from './jobs/recomputeExpired';

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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { catalog, logger } = deps;
        // Invalid settings stop the start-up rather than risk data or memory.
        const config = readMaturityConfig(deps.config);
        const { scoring, dataSafety } = config;
        const model = await loadConfiguredModel(config.model);
        checkAttestationDimensions(scoring.attestation, model);
        const db = await createMaturityDatabase({
          database: deps.database,
          cacheMaxBytes: dataSafety.cacheMaxBytes,
        });
        const summaries = new Summaries(
          model,
          scoring,
          dataSafety.cacheMaxBytes,
        );
        const updater = new SummaryUpdater({
          store: db.assessments,
          index: db.index,
          summaries,
        });
        const indexer = new CatalogIndexer({
          index: db.index,
          store: db.assessments,
          catalog,
          auth: deps.auth,
          logger,
          // Lifecycles pick default targets, so a changed one rescores.
          onLifecycleChanged: refs => updater.recompute(refs),
          maxAge:
            config.index.maxAgeMs === undefined
              ? undefined
              : {
                  ms: config.index.maxAgeMs,
                  periods: config.index.maxAgePeriods,
                },
        });
        const rescored = await updater.recomputeIfChanged();
        if (rescored) {
          logger.info(
            `Recomputed ${rescored} maturity summaries for a changed model or settings`,
          );
        }

        const entities = new EntityLookup({
          index: db.index,
          catalog,
          trust: indexer,
        });
        const rows = new EntityRows(model, summaries);
        const campaigns = new CampaignService({
          campaigns: db.campaigns,
          scope: new IndexCampaignScopeResolver({
            index: db.index,
            indexer,
            entities,
            summaries,
          }),
          summaries,
          configured: readConfiguredCampaigns(
            config.campaigns,
            model,
            config.campaignLimits,
          ),
          limits: config.campaignLimits,
          logger,
        });

        deps.permissionsRegistry.addPermissions(maturityPermissions);
        // The write handlers check credentials themselves, so that a request
        // without them is audited before it is refused with a 401.
        deps.httpRouter.addAuthPolicy({
          path: '/entities/:kind/:namespace/:name/assessments',
          allow: 'unauthenticated',
        });
        const assessments = new AssessmentService({
          model,
          store: db.assessments,
          entities,
          indexer,
          summaries,
          scoring,
          reviewRequired: config.review.required,
        });
        const reviews = new ReviewService({
          reviews: db.reviews,
          store: db.assessments,
          assessments,
          entities,
          summaries,
          permissions: deps.permissions,
          auditor: deps.auditor,
          notifications: deps.notifications,
          logger,
        });
        // Built before the router so that a bad map stops the start-up.
        const evidence = new EvidenceService({
          model,
          entities,
          settings: config.evidence,
        });
        const scorecards = new ScorecardService({
          model,
          indexer,
          entities,
          rows,
        });
        const overview = new OverviewService({
          model,
          indexer,
          entities,
          rows,
        });
        // One write path and one rate limit for the form and the actions.
        const writer = new AssessmentWriter({
          permissions: deps.permissions,
          auditor: deps.auditor,
          entities,
          assessments,
          limiter: new WriteRateLimiter({
            store: db.writeLimits,
            perMinute: dataSafety.writesPerMinute,
          }),
          quota: new SnapshotQuota({
            store: db.writeLimits,
            perDay: dataSafety.snapshotsPerEntityPerDay,
          }),
        });
        deps.httpRouter.use(
          createRouter({
            ...deps,
            model,
            entities,
            assessments,
            scorecards,
            overview,
            changes: new ChangesService({ indexer, entities, summaries }),
            campaigns,
            evidence,
            writer,
            reviews,
            settings: clientSettings(scoring, config.review),
            exemptions: new ExemptionService({
              model,
              indexer,
              entities,
              store: db.assessments,
              scoring,
            }),
          }),
        );
        registerMaturityActions(deps.actionsRegistry, {
          permissions: deps.permissions,
          model,
          entities,
          assessments,
          scorecards,
          belowTarget: new BelowTarget({ model, overview, assessments }),
          campaigns,
          writer,
        });

        const reminders = new CampaignReminders({
          service: campaigns,
          store: db.reminders,
          notifications: deps.notifications,
          auth: deps.auth,
          logger,
          settings: config.reminders,
        });
        await scheduleTasks(deps.scheduler, config.schedules, {
          syncCatalogIndex: () => indexer.sync(),
          cleanOrphans: () =>
            cleanOrphans({
              ...deps,
              store: db.assessments,
              orphans: dataSafety.orphans,
            }),
          sendReminders: signal => reminders.run({ signal }),
          ...(expiryEnabled(scoring) && {
            // Recomputed first, so that reminders read the ends to come.
            expire: async () => {
              await recomputeExpired({
                ...deps,
                store: db.assessments,
                updater,
              });
              await new ExpiryReminders({
                summaries: db.assessments,
                store: db.reminders,
                notifications: deps.notifications,
                logger,
                settings: config.expiryReminders,
                listEntities: config.reminders.listEntities,
                leaseMs: config.reminders.maxRunMs,
              }).run();
            },
          }),
          ...(dataSafety.retention.thinAfterDays !== undefined && {
            thinRevisions: () =>
              thinRevisions({
                ...deps,
                store: db.retention,
                retention: dataSafety.retention,
                reviewedRevisions: ref => db.reviews.keptRevisions(ref),
              }),
          }),
          ...(config.review.reviewers.length > 0 && {
            sendReviewDigest: () =>
              sendReviewDigest({
                reviews: db.reviews,
                notifications: deps.notifications,
                logger,
                settings: config.review,
              }),
          }),
        });
        logger.info(
          `Serving the ${model.title} ${model.version} (${model.dimensions.length} dimensions)`,
        );
      },
    });
  },
});
