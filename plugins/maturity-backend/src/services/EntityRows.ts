import {
  CatalogMaturityRow,
  EntityMaturityExportRow,
  EntityMaturityRow,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import type {
  CatalogSummary,
  IndexedEntity,
  RollUpEntity,
} from '../database/MaturityIndex';
import { Summaries } from './Summaries';

/** Turns indexed entities into the rows of the API's answers. */
export class EntityRows {
  /** The levels of an entity without a snapshot: null everywhere. */
  private readonly unassessed: {
    dimensions: Record<string, null>;
    topics: Record<string, null>;
  };

  constructor(model: MaturityModel, private readonly summaries: Summaries) {
    const none = (ids: string[]) =>
      Object.fromEntries(ids.map(id => [id, null]));
    this.unassessed = {
      dimensions: none(model.dimensions.map(d => d.id)),
      topics: none(model.dimensions.flatMap(d => d.topics.map(t => t.id))),
    };
  }

  /** Whether an entity's latest snapshot is stale at `nowMs`. */
  isStale(entity: Pick<RollUpEntity, 'summary'>, nowMs: number): boolean {
    return entity.summary !== null && nowMs > entity.summary.staleAtMs;
  }

  /** A list row: the dimension medians only, as a list shows no topic. */
  toRow(
    entity: IndexedEntity,
    nowMs: number,
    dimensions = entity.summary &&
      this.summaries.dimensionsOf(entity.summary.dimensionMedians),
  ): EntityMaturityRow {
    const { summary } = entity;
    return {
      entityRef: entity.entityRef,
      kind: entity.kind,
      namespace: entity.namespace,
      name: entity.name,
      title: entity.title,
      ownerRef: entity.ownerRef,
      systemRef: entity.systemRef,
      lifecycle: entity.lifecycle,
      revision: summary ? summary.revision : null,
      assessedAt: summary ? summary.assessedAt : null,
      stale: this.isStale(entity, nowMs),
      percentToTarget: summary ? summary.percentToTarget : null,
      dimensions: dimensions ?? this.unassessed.dimensions,
    };
  }

  /** An export row: the list row with every topic level. */
  toExportRow(entity: IndexedEntity, nowMs: number): EntityMaturityExportRow {
    const decoded = entity.summary && this.summaries.decode(entity.summary);
    return Object.assign(this.toRow(entity, nowMs, decoded?.dimensionMedians), {
      topics: decoded?.topicLevels ?? this.unassessed.topics,
      notApplicable: decoded?.notApplicableTopics ?? [],
    });
  }

  /** The catalog table's cell: assessed or not, the lowest median, stale. */
  toCatalogRow(
    entityRef: string,
    entity: CatalogSummary | undefined,
    nowMs: number,
  ): CatalogMaturityRow {
    const summary = entity?.summary;
    if (!summary) {
      return { entityRef, assessed: false, level: null, stale: false };
    }
    return {
      entityRef,
      assessed: true,
      level: summary.lowestMedian,
      stale: nowMs > summary.staleAtMs,
      assessedAt: summary.assessedAt,
      revision: summary.revision,
    };
  }
}
