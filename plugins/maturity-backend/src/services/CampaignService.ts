import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  burnupDays,
  Campaign,
  campaignBurnup,
  campaignGoalIds,
  CampaignInput,
  campaignPhase,
  CampaignProgress,
  CampaignSummary,
  computeAssessmentResult,
  createCampaignInputSchema,
  daysLeft,
  EntityCampaigns,
  evaluateGoals,
  GoalEvaluation,
  GoalSubject,
  MaturityModel,
  summarizeResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod';
import { CampaignStore, SnapshotRatings } from '../database/CampaignStore';
import { BoundedCache } from '../util/BoundedCache';
import { CampaignScopeResolver, ScopedEntity } from './CampaignScope';
import { decodeCursor, encodeCursor } from './cursor';
import type { Caller } from './VisibleIndex';

type Credentials = Caller;

/** An in-scope entity with its evaluation now. */
export type EvaluatedEntity = Omit<ScopedEntity, 'latest'> & {
  evaluation: GoalEvaluation;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Campaigns declared in `maturity.campaigns`: validated like the API's input,
 * with an id of their own; they are read-only.
 */
export function readConfiguredCampaigns(
  configured: unknown[],
  model: MaturityModel,
): Campaign[] {
  const schema = z.array(
    createCampaignInputSchema(model).and(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
          message: 'must be lower-case letters, digits and "-"',
        }),
      }),
    ),
  );
  const parsed = schema.safeParse(configured);
  if (!parsed.success) {
    throw new Error(
      `Invalid maturity.campaigns: ${parsed.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data.map(({ id, ...input }) => ({
    ...input,
    id,
    version: 1,
    source: 'config' as const,
    createdAt: `${input.startsOn}T00:00:00.000Z`,
    createdBy: 'config',
    updatedAt: `${input.startsOn}T00:00:00.000Z`,
    updatedBy: 'config',
  }));
}

/**
 * What the campaign API does: campaigns from the database and from config,
 * and their progress computed from the latest snapshots with the common goal
 * rules. Scopes are resolved with the caller's credentials.
 */
export class CampaignService {
  // Subjects are derived from immutable snapshots: bounded in bytes like
  // every cache of the plugin.
  private readonly subjects = new BoundedCache<GoalSubject>({
    maxBytes: 16 * 2 ** 20,
  });

  constructor(
    private readonly deps: {
      model: MaturityModel;
      campaigns: CampaignStore;
      scope: CampaignScopeResolver;
      configured: Campaign[];
      strict: boolean;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** Every campaign, configured ones first. */
  async all(): Promise<Campaign[]> {
    return [...this.deps.configured, ...(await this.deps.campaigns.list())];
  }

  /** Every campaign with the caller's progress. */
  async list(options: Credentials): Promise<CampaignSummary[]> {
    return Promise.all(
      (await this.all()).map(async campaign =>
        this.summarize(campaign, await this.evaluate(campaign, options)),
      ),
    );
  }

  async get(id: string): Promise<Campaign> {
    const campaign =
      this.deps.configured.find(c => c.id === id) ??
      (await this.deps.campaigns.get(id));
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    return campaign;
  }

  async summary(id: string, options: Credentials): Promise<CampaignSummary> {
    const campaign = await this.get(id);
    return this.summarize(campaign, await this.evaluate(campaign, options));
  }

  async versions(id: string): Promise<Campaign[]> {
    const configured = this.deps.configured.find(c => c.id === id);
    if (configured) return [configured];
    const versions = await this.deps.campaigns.versions(id);
    if (!versions.length) throw new NotFoundError(`No campaign ${id}`);
    return versions;
  }

  async create(input: CampaignInput, createdBy: string): Promise<Campaign> {
    return this.deps.campaigns.create(input, createdBy);
  }

  async update(
    id: string,
    input: CampaignInput & { baseVersion: number },
    updatedBy: string,
  ): Promise<Campaign> {
    if (this.deps.configured.some(c => c.id === id)) {
      throw new ConflictError(
        `Campaign ${id} is declared in configuration (maturity.campaigns) and is read-only`,
      );
    }
    const { baseVersion, ...rest } = input;
    return this.deps.campaigns.update(id, rest, { baseVersion, updatedBy });
  }

  async progress(
    id: string,
    query: { limit: number; cursor?: string; show: 'short' | 'all' },
    options: Credentials,
  ): Promise<CampaignProgress> {
    const campaign = await this.get(id);
    const entities = await this.evaluate(campaign, options);
    const goals = campaignGoalIds(campaign.goals);
    const byTeam = new Map<string | null, { total: number; meeting: number }>();
    for (const { ownerRef, evaluation } of entities) {
      const team = byTeam.get(ownerRef) ?? { total: 0, meeting: 0 };
      team.total++;
      if (evaluation.meets) team.meeting++;
      byTeam.set(ownerRef, team);
    }
    const listed = entities
      .filter(e => query.show === 'all' || !e.evaluation.meets)
      // Those still short first, then by ref.
      .sort(
        (a, b) =>
          Number(a.evaluation.meets) - Number(b.evaluation.meets) ||
          (a.entityRef < b.entityRef ? -1 : 1),
      );
    const offset = query.cursor ? decodeCursor(query.cursor, 'offset') : 0;
    return {
      campaign: this.summarize(campaign, entities),
      ...count(entities),
      byGoal: goals.map(goal => ({
        goal,
        total: entities.length,
        meeting: entities.filter(
          e => !e.evaluation.misses.some(m => m.goal === goal),
        ).length,
      })),
      byTeam: [...byTeam.entries()]
        .map(([ownerRef, c]) => ({ ownerRef, ...c }))
        .sort((a, b) => (a.ownerRef ?? '~').localeCompare(b.ownerRef ?? '~')),
      burnup: await this.burnup(campaign, entities),
      entities: {
        items: listed
          .slice(offset, offset + query.limit)
          .map(({ evaluation, ...entity }) => ({ ...entity, ...evaluation })),
        totalCount: listed.length,
        nextCursor:
          offset + query.limit < listed.length
            ? encodeCursor('offset', offset + query.limit)
            : null,
      },
    };
  }

  /**
   * The open campaigns an entity takes part in: a group's are those covering
   * any entity owned by it or a team below it, counted over those entities.
   */
  async forEntity(
    entityRef: string,
    options: Credentials,
  ): Promise<EntityCampaigns> {
    const team = entityRef.startsWith('group:')
      ? await this.deps.scope.groupSubtree(entityRef)
      : undefined;
    const campaigns = (await this.all()).filter(c => c.status !== 'closed');
    const items: EntityCampaigns['items'] = [];
    for (const campaign of campaigns) {
      const entities = await this.evaluate(campaign, options);
      const summary = this.summarize(campaign, entities);
      if (team) {
        const owned = entities.filter(e => team.has(e.ownerRef ?? ''));
        if (owned.length) {
          items.push({
            campaign: summary,
            evaluation: null,
            team: count(owned),
          });
        }
      } else {
        const own = entities.find(e => e.entityRef === entityRef);
        if (own) {
          items.push({
            campaign: summary,
            evaluation: own.evaluation,
            team: null,
          });
        }
      }
    }
    return { items };
  }

  /** In-scope entities visible to the caller, each checked against the goals now. */
  async evaluate(
    campaign: Campaign,
    options: Credentials,
  ): Promise<EvaluatedEntity[]> {
    const entities = await this.deps.scope.resolve(campaign.scope, options);
    const now = this.now();
    return entities.map(({ latest, ...entity }) => ({
      ...entity,
      evaluation: evaluateGoals(campaign.goals, latest, now),
    }));
  }

  private summarize(
    campaign: Campaign,
    entities: EvaluatedEntity[],
  ): CampaignSummary {
    const now = this.now();
    return {
      ...campaign,
      phase: campaignPhase(campaign, now),
      daysLeft: daysLeft(campaign.deadline, now),
      progress: count(entities),
    };
  }

  /** One point per day, replayed from the snapshot history. */
  private async burnup(campaign: Campaign, entities: EvaluatedEntity[]) {
    const days = burnupDays(campaign, this.now());
    if (!days.length) return [];
    const until = new Date(
      Date.parse(`${days[days.length - 1]}T00:00:00Z`) + DAY_MS,
    );
    const history = await this.deps.campaigns.snapshotHistory(
      entities.map(e => e.entityRef),
      until,
    );
    const histories = entities.map(e =>
      (history.get(e.entityRef) ?? []).map(s => this.subject(s)),
    );
    return campaignBurnup(campaign.goals, histories, days);
  }

  /**
   * A past snapshot scored by the common engine. Levels and medians do not
   * depend on targets, so none are resolved; a snapshot never changes, so its
   * score is kept.
   */
  private subject(snapshot: SnapshotRatings): GoalSubject {
    const { entityRef, revision, createdAt, ratings } = snapshot;
    // The time tells apart a revision deleted with an orphan and made anew.
    const key = `${entityRef}#${revision}#${createdAt}`;
    let subject = this.subjects.get(key);
    if (!subject) {
      const { topicLevels, dimensionMedians } = summarizeResult(
        computeAssessmentResult(
          this.deps.model,
          { ratings, targets: {}, createdAt },
          { strict: this.deps.strict },
        ),
      );
      subject = { assessedAt: createdAt, topicLevels, dimensionMedians };
      this.subjects.set(key, subject);
    }
    return subject;
  }
}

function count(entities: EvaluatedEntity[]) {
  return {
    total: entities.length,
    meeting: entities.filter(e => e.evaluation.meets).length,
  };
}
