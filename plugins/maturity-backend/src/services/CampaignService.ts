import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Campaign,
  campaignGoalIds,
  CampaignInput,
  CampaignLimits,
  campaignPhase,
  CampaignProgress,
  campaignStartProblem,
  CampaignSummary,
  CampaignWithPhase,
  daysLeft,
  EntityCampaigns,
  evaluateGoals,
  missedGoals,
  GoalEvaluation,
} from '@cnmm/backstage-plugin-maturity-common';
import { CampaignStore } from '../database/CampaignStore';
import {
  CampaignScopeResolver,
  ScopedEntity,
  ScopePart,
  scopeProblem,
  scopeRefs,
  showScope,
} from './CampaignScope';
import { readBurnup } from './campaignBurnup';
import { goalSubject, Summaries } from './Summaries';
import { decodeCursor, encodeCursor } from './cursor';
import type { Caller } from './VisibleIndex';

type Credentials = Caller;

/** An in-scope entity with its evaluation now. */
export type EvaluatedEntity = Omit<ScopedEntity, 'latest'> & {
  evaluation: GoalEvaluation;
};

const byRef = (a: string, b: string) => (a < b ? -1 : 1);

/**
 * What the campaign API does: campaigns from the database and from config,
 * and their progress computed from the latest summaries with the common goal
 * rules, their burn-up from the summary history. Scopes are resolved with
 * the caller's credentials.
 */
export class CampaignService {
  constructor(
    private readonly deps: {
      campaigns: CampaignStore;
      scope: CampaignScopeResolver;
      summaries: Pick<Summaries, 'goalLevels' | 'goalPositions'>;
      configured: Campaign[];
      limits: CampaignLimits;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** The limits every campaign is held to, for the schemas of its input. */
  get limits(): CampaignLimits {
    return this.deps.limits;
  }

  // Unreadable campaign versions already logged: one line each, not one a
  // request.
  private readonly reported = new Set<string>();

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Every campaign, configured ones first. A stored campaign whose scope
   * cannot be read is left out (and logged), so that one broken campaign
   * does not break the list, the entity pages or the reminders.
   */
  async all(): Promise<Campaign[]> {
    const stored = await this.deps.campaigns.list();
    return [...this.deps.configured, ...stored.filter(c => this.readable(c))];
  }

  /** Every campaign with the caller's progress. */
  async list(options: Credentials): Promise<CampaignSummary[]> {
    const summaries = await Promise.all(
      (
        await this.all()
      ).map(async campaign =>
        this.summarize(campaign, (await this.check(campaign, options)).count),
      ),
    );
    return this.shown(summaries, options);
  }

  /** A campaign whose scope can be read; a 409 that says why otherwise. */
  async get(id: string): Promise<Campaign> {
    const campaign =
      this.deps.configured.find(c => c.id === id) ??
      (await this.deps.campaigns.get(id));
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    if (!this.readable(campaign)) {
      throw new ConflictError(
        `Campaign ${id} cannot be evaluated: ${scopeProblem(
          campaign.scope,
        )}; edit its scope`,
      );
    }
    return campaign;
  }

  async summary(id: string, options: Credentials): Promise<CampaignSummary> {
    const campaign = await this.get(id);
    const summary = this.summarize(
      campaign,
      (await this.check(campaign, options)).count,
    );
    return (await this.shown([summary], options))[0];
  }

  /** Every version, even one whose scope cannot be read: it is history. */
  async versions(id: string, options: Credentials): Promise<Campaign[]> {
    const configured = this.deps.configured.find(c => c.id === id);
    if (configured) return this.shown([configured], options);
    const versions = await this.deps.campaigns.versions(id);
    if (!versions.length) throw new NotFoundError(`No campaign ${id}`);
    return this.shown(versions, options);
  }

  /** A new campaign; one starting too long ago is a 400. */
  async create(input: CampaignInput, createdBy: string): Promise<Campaign> {
    this.checkStart(input.startsOn);
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
    // A campaign that started long ago can still be edited (closed, say) as
    // long as its start is not moved.
    if (this.startProblem(rest.startsOn)) {
      const current = await this.deps.campaigns.get(id);
      if (!current) throw new NotFoundError(`No campaign ${id}`);
      if (current.startsOn !== rest.startsOn) this.checkStart(rest.startsOn);
    }
    return this.deps.campaigns.update(id, rest, { baseVersion, updatedBy });
  }

  async progress(
    id: string,
    query: { limit: number; cursor?: string; show: 'short' | 'all' },
    options: Credentials,
  ): Promise<CampaignProgress> {
    const campaign = await this.get(id);
    const {
      short,
      meeting,
      count: counted,
      byGoal,
      byTeam,
      now,
    } = await this.check(campaign, options);
    // Those still short first, then by ref.
    short.sort(byRef);
    const listed =
      query.show === 'all' ? short.concat(meeting.sort(byRef)) : short;
    const offset = query.cursor ? decodeCursor(query.cursor, 'offset') : 0;
    const page = listed.slice(offset, offset + query.limit);
    const [summary] = await this.shown(
      [this.summarize(campaign, counted)],
      options,
    );
    return {
      campaign: summary,
      ...counted,
      byGoal,
      byTeam,
      entities: {
        items: await this.pageItems(campaign, page, options, now),
        totalCount: listed.length,
        nextCursor:
          offset + query.limit < listed.length
            ? encodeCursor('offset', offset + query.limit)
            : null,
      },
      burnup: await readBurnup(this.deps, campaign, short.concat(meeting), {
        now: this.now(),
        maxDays: this.deps.limits.maxDays,
      }),
    };
  }

  /**
   * The entities of a page, each with what it misses at `now`. They are
   * read again, a page's few: the count kept no entity whole. One that
   * changed in the milliseconds between is shown as it is now; one gone
   * is left out.
   */
  private async pageItems(
    campaign: Campaign,
    refs: string[],
    options: Credentials,
    now: Date,
  ): Promise<CampaignProgress['entities']['items']> {
    const read = new Map(
      (
        await this.deps.scope.resolve(campaign.scope, campaign.goals, options, {
          entityRefs: refs,
        })
      ).map(entity => [entity.entityRef, entity]),
    );
    return refs.flatMap(ref => {
      const scoped = read.get(ref);
      if (!scoped) return [];
      const { latest, ...entity } = scoped;
      return [
        {
          ...entity,
          ...evaluateGoals(campaign.goals, goalSubject(latest), now),
        },
      ];
    });
  }

  /**
   * The open campaigns an entity takes part in: a group's are those covering
   * any entity owned by it or a team below it, counted over those entities.
   * Each campaign is asked about the entity or the team only, never its
   * whole scope, so the answer costs a few indexed reads a campaign however
   * large the scopes; it has no count over the whole scope (the campaign's
   * own answer has).
   */
  async forEntity(
    entityRef: string,
    options: Credentials,
  ): Promise<EntityCampaigns> {
    const part: ScopePart = entityRef.startsWith('group:')
      ? { ownedBy: await this.deps.scope.groupSubtree(entityRef) }
      : { entityRefs: [entityRef] };
    const campaigns = (await this.all()).filter(c => c.status !== 'closed');
    const items: EntityCampaigns['items'] = [];
    for (const campaign of campaigns) {
      const entities = await this.evaluate(campaign, options, part);
      if (!entities.length) continue;
      items.push({
        campaign: this.withPhase(campaign),
        evaluation: 'entityRefs' in part ? entities[0].evaluation : null,
        team: 'entityRefs' in part ? null : count(entities),
      });
    }
    // Scopes are evaluated as stored, and shown as the caller may read them.
    const shown = await this.shown(
      items.map(i => i.campaign),
      options,
    );
    return { items: items.map((item, i) => ({ ...item, campaign: shown[i] })) };
  }

  /**
   * In-scope entities visible to the caller (those of `part` only, when
   * given), each checked against the goals now.
   */
  async evaluate(
    campaign: Campaign,
    options: Credentials,
    part?: ScopePart,
  ): Promise<EvaluatedEntity[]> {
    const entities = await this.deps.scope.resolve(
      campaign.scope,
      campaign.goals,
      options,
      part,
    );
    const now = this.now();
    return entities.map(({ latest, ...entity }) => ({
      ...entity,
      evaluation: evaluateGoals(campaign.goals, goalSubject(latest), now),
    }));
  }

  /**
   * Whether each in-scope entity visible to the caller meets the goals
   * `now`, and the counts over them, by goal and by team. Each entity is
   * checked as it is read and kept as its ref alone, among those short or
   * those meeting, so that a whole organisation's levels and evaluations
   * are never held at once (docs/benchmarks.md).
   */
  private async check(campaign: Campaign, options: Credentials) {
    const { goals } = campaign;
    const now = this.now();
    const nowMs = now.getTime();
    const short: string[] = [];
    const meeting: string[] = [];
    const missed = new Map(campaignGoalIds(goals).map(goal => [goal, 0]));
    const byTeam = new Map<string | null, { total: number; meeting: number }>();
    await this.deps.scope.each(
      campaign.scope,
      goals,
      options,
      ({ entityRef, ownerRef, latest }) => {
        const misses = missedGoals(
          goals,
          latest,
          latest?.assessedAtMs ?? null,
          nowMs,
        );
        for (const goal of misses) {
          const before = missed.get(goal);
          if (before !== undefined) missed.set(goal, before + 1);
        }
        const team = byTeam.get(ownerRef) ?? { total: 0, meeting: 0 };
        team.total++;
        if (misses.length) {
          short.push(entityRef);
        } else {
          meeting.push(entityRef);
          team.meeting++;
        }
        byTeam.set(ownerRef, team);
      },
    );
    const total = short.length + meeting.length;
    return {
      short,
      meeting,
      now,
      count: { total, meeting: meeting.length },
      byGoal: [...missed].map(([goal, misses]) => ({
        goal,
        total,
        meeting: total - misses,
      })),
      byTeam: [...byTeam.entries()]
        .map(([ownerRef, c]) => ({ ownerRef, ...c }))
        .sort((a, b) => (a.ownerRef ?? '~').localeCompare(b.ownerRef ?? '~')),
    };
  }

  private startProblem(startsOn: string): string | undefined {
    return campaignStartProblem(startsOn, this.deps.limits, this.now());
  }

  private checkStart(startsOn: string) {
    const problem = this.startProblem(startsOn);
    if (problem) throw new InputError(`Invalid campaign: startsOn: ${problem}`);
  }

  /** Whether a campaign's scope can be read; logged once when it cannot. */
  private readable(campaign: Campaign): boolean {
    const problem = scopeProblem(campaign.scope);
    if (!problem) return true;
    const key = `${campaign.id}@${campaign.version}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.deps.logger.warn(
        `Skipping maturity campaign ${campaign.id} (version ${campaign.version}): ${problem}. Edit its scope to bring it back.`,
      );
    }
    return false;
  }

  /** The campaigns as the caller may read them: hidden scope refs replaced. */
  private async shown<T extends Campaign>(
    campaigns: T[],
    options: Credentials,
  ): Promise<T[]> {
    const visible = await this.deps.scope.visibleRefs(
      scopeRefs(campaigns),
      options,
    );
    return campaigns.map(c => showScope(c, visible));
  }

  private withPhase(campaign: Campaign): CampaignWithPhase {
    const now = this.now();
    return {
      ...campaign,
      phase: campaignPhase(campaign, now),
      daysLeft: daysLeft(campaign.deadline, now),
    };
  }

  private summarize(
    campaign: Campaign,
    progress: { total: number; meeting: number },
  ): CampaignSummary {
    return { ...this.withPhase(campaign), progress };
  }
}

function count(entities: EvaluatedEntity[]) {
  return {
    total: entities.length,
    meeting: entities.filter(e => e.evaluation.meets).length,
  };
}
