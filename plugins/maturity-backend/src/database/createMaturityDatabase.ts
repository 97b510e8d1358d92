import { DatabaseService } from '@backstage/backend-plugin-api';
import { AssessmentStore, ExpiredSummaries } from './AssessmentStore';
import { CampaignStore } from './CampaignStore';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { DatabaseReminderStore } from './DatabaseReminderStore';
import { DatabaseRetentionStore } from './DatabaseRetentionStore';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { DatabaseWriteLimitStore } from './DatabaseWriteLimitStore';
import { withDatabaseErrors } from './errors';
import { MaturityIndex } from './MaturityIndex';
import { ReminderStore } from './ReminderStore';
import { RetentionStore } from './RetentionStore';
import { ReviewStore } from './ReviewStore';
import { WriteLimitStore } from './WriteLimitStore';

/** The plugin's stores, each answering a database outage as a 503. */
export type MaturityDatabase = {
  assessments: AssessmentStore & ExpiredSummaries;
  campaigns: CampaignStore;
  reminders: ReminderStore;
  index: MaturityIndex;
  writeLimits: WriteLimitStore;
  retention: RetentionStore;
  reviews: ReviewStore;
};

/**
 * Migrates the plugin's database once and returns its stores. Every store method maps database
 * errors, streams included, so no query can forget it.
 */
export async function createMaturityDatabase(options: {
  database: DatabaseService;
  /** The budget of the parsed-snapshot cache. */
  cacheMaxBytes: number;
}): Promise<MaturityDatabase> {
  // Migrates, unless the platform says to skip migrations.
  const assessments = await DatabaseAssessmentStore.create(options);
  const knex = await options.database.getClient();
  return {
    assessments: withDatabaseErrors(assessments),
    campaigns: withDatabaseErrors(new DatabaseCampaignStore(knex)),
    reminders: withDatabaseErrors(new DatabaseReminderStore(knex)),
    index: withDatabaseErrors(new MaturityIndex(knex)),
    writeLimits: withDatabaseErrors(new DatabaseWriteLimitStore(knex)),
    retention: withDatabaseErrors(new DatabaseRetentionStore(knex)),
    reviews: withDatabaseErrors(new DatabaseReviewStore(knex)),
  };
}
