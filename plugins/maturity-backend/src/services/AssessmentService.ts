import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  AssessmentHistoryPage,
  AssessmentSubmission,
  isStale,
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ScoringSettings } from '../config';
import { AssessmentRecord, AssessmentStore } from '../database/AssessmentStore';
import { decodeCursor, encodeCursor } from './cursor';
import { EntityTarget } from './EntityLookup';
import { lifecycleOf, normalizeRef, ownerOf, systemOf } from './entityRefs';
import { Summaries } from './Summaries';

/** Keeps the index row of an entity in step with the catalog before a write. */
export interface IndexRefresher {
  refresh(entity: Entity): Promise<void>;
}

/** The snapshots of one entity: the latest, its history, and new ones. */
export class AssessmentService {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      store: AssessmentStore;
      indexer: IndexRefresher;
      summaries: Summaries;
      scoring: Pick<ScoringSettings, 'staleAfterDays'>;
      now?: () => Date;
    },
  ) {}

  async getLatest(entity: EntityTarget): Promise<StoredAssessment> {
    const record = (await this.deps.store.getLatest([entity.ref])).get(
      entity.ref,
    );
    if (!record) {
      throw new NotFoundError(`${entity.ref} has no maturity assessment yet`);
    }
    return this.toStored(record, entity.lifecycle);
  }

  /** The latest snapshots of some entities, by ref; none for an unassessed one. */
  async latestOf(
    entities: EntityTarget[],
  ): Promise<Map<string, StoredAssessment>> {
    const records = await this.deps.store.getLatest(entities.map(e => e.ref));
    const latest = new Map<string, StoredAssessment>();
    for (const entity of entities) {
      const record = records.get(entity.ref);
      if (record)
        latest.set(entity.ref, this.toStored(record, entity.lifecycle));
    }
    return latest;
  }

  /** Records a snapshot of the entity as the catalog has it now. */
  async submit(
    entity: Entity,
    submission: AssessmentSubmission,
    createdBy: string,
  ): Promise<StoredAssessment> {
    const lifecycle = lifecycleOf(entity);
    // The write has the entity as the catalog has it now: the index follows.
    await this.deps.indexer.refresh(entity);
    const record = await this.deps.store.insert(
      {
        entityRef: normalizeRef(entity),
        baseRevision: submission.baseRevision,
        modelId: this.deps.model.id,
        modelVersion: this.deps.model.version,
        createdBy,
        ownerRef: ownerOf(entity),
        systemRef: systemOf(entity),
        lifecycle,
        ratings: submission.ratings,
        targets: submission.targets ?? {},
        notes: submission.notes ?? {},
        evidence: submission.evidence ?? {},
        comment: submission.comment ?? null,
      },
      stored => this.deps.summaries.summaryOf(stored, lifecycle),
    );
    return this.toStored(record, lifecycle);
  }

  async getHistory(
    entity: EntityTarget,
    query: { limit: number; cursor?: string },
  ): Promise<AssessmentHistoryPage> {
    const before = query.cursor
      ? decodeCursor(query.cursor, 'beforeRevision')
      : undefined;
    const records = await this.deps.store.getHistory(entity.ref, {
      limit: query.limit + 1,
      beforeRevision: before,
    });
    const items = records
      .slice(0, query.limit)
      .map(r => this.toStored(r, entity.lifecycle));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        records.length > query.limit && last
          ? encodeCursor('beforeRevision', last.revision)
          : null,
    };
  }

  private toStored(
    record: AssessmentRecord,
    lifecycle: string | null,
  ): StoredAssessment {
    const result = this.deps.summaries.resultOf(record, lifecycle);
    const { lifecycle: _lifecycle, ...rest } = record;
    return {
      ...rest,
      result: {
        ...result,
        stale: isStale(
          record.createdAt,
          this.deps.now?.() ?? new Date(),
          this.deps.scoring.staleAfterDays,
        ),
      },
    };
  }
}
