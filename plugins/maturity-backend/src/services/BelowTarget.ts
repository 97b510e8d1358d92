import {
  EntityMaturityRow,
  MaturityModel,
  nextSteps,
  NextStep,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentService } from './AssessmentService';
import { BelowTargetScope, OverviewService } from './OverviewService';
import { Caller } from './VisibleIndex';

/** A topic short of its target in an entity's latest snapshot. */
export type TopicGap = {
  dimensionId: string;
  topicId: string;
  level: number | null;
  target: number;
  gap: number;
};

/** An entity below target, with its gaps and the steps that close them. */
export type EntityBelowTarget = {
  row: EntityMaturityRow;
  gaps: TopicGap[];
  nextSteps: NextStep[];
};

export type BelowTargetPage = {
  items: EntityBelowTarget[];
  /** The entities below target anywhere in the scope; null with a dimension or topic. */
  totalCount: number | null;
  nextCursor: string | null;
  indexedAt: string;
};

/** Database pages read for one answer when a dimension or topic narrows it. */
const MAX_PAGES = 10;

/**
 * The entities of a scope below target: paged in the database over the
 * summaries (assessed, with a gap), scored from their latest snapshots by
 * the engine of -common (gaps, next steps), and narrowed to a dimension or
 * a topic when asked; a narrowed page may hold fewer than `limit` entities
 * and still go on (`nextCursor`), so that one answer reads a bounded number
 * of rows.
 */
export class BelowTarget {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      overview: OverviewService;
      assessments: AssessmentService;
    },
  ) {}

  async page(
    query: {
      scope: BelowTargetScope;
      dimension?: string;
      topic?: string;
      limit: number;
      cursor?: string;
    },
    caller: Caller,
  ): Promise<BelowTargetPage> {
    const narrowed = query.dimension !== undefined || query.topic !== undefined;
    const items: EntityBelowTarget[] = [];
    let cursor = query.cursor;
    let totalCount: number | null = null;
    let indexedAt = '';
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await this.deps.overview.belowTarget(
        query.scope,
        { limit: query.limit, cursor },
        caller,
      );
      indexedAt = page.indexedAt;
      if (!narrowed) totalCount = page.totalCount;
      const latest = await this.deps.assessments.latestOf(
        page.items.map(({ entity }) => ({
          ref: entity.entityRef,
          lifecycle: entity.lifecycle,
        })),
      );
      for (const item of page.items) {
        const stored = latest.get(item.entity.entityRef);
        const found = stored && this.belowTarget(stored, query);
        if (found && found.gaps.length) items.push({ row: item.row, ...found });
        cursor = item.cursor;
        if (items.length === query.limit) {
          const more =
            item !== page.items[page.items.length - 1] ||
            page.nextCursor !== null;
          return {
            items,
            totalCount,
            nextCursor: more ? cursor : null,
            indexedAt,
          };
        }
      }
      if (page.nextCursor === null) {
        return { items, totalCount, nextCursor: null, indexedAt };
      }
      cursor = page.nextCursor;
    }
    return { items, totalCount, nextCursor: cursor ?? null, indexedAt };
  }

  /** The gaps and next steps of a snapshot, in a dimension or topic if asked. */
  private belowTarget(
    stored: StoredAssessment,
    only: { dimension?: string; topic?: string },
  ): Omit<EntityBelowTarget, 'row'> {
    const gaps: TopicGap[] = [];
    for (const dimension of this.deps.model.dimensions) {
      if (only.dimension && dimension.id !== only.dimension) continue;
      for (const topic of dimension.topics) {
        if (only.topic && topic.id !== only.topic) continue;
        const result = stored.result.topics[topic.id];
        if (result && result.target !== null && result.gap) {
          gaps.push({
            dimensionId: dimension.id,
            topicId: topic.id,
            level: result.level,
            target: result.target,
            gap: result.gap,
          });
        }
      }
    }
    const topics = new Set(gaps.map(g => g.topicId));
    return {
      gaps,
      nextSteps: nextSteps(this.deps.model, stored.result).filter(step =>
        topics.has(step.topicId),
      ),
    };
  }
}
