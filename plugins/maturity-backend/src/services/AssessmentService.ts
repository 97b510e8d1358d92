import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  approvalOf,
  AssessmentHistoryPage,
  AssessmentSubmission,
  EntityAssessment,
  carriedAttestations,
  exemptionReasons,
  isStale,
  MaturityModel,
  snapshotCounts,
  NO_EXPIRY,
  recordExemptions,
  StoredAssessment,
  submissionRuleProblems,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ScoringSettings } from '../config';
import {
  AssessmentRecord,
  AssessmentStore,
  CarriedOver,
} from '../database/AssessmentStore';
import { isReplaced } from '../database/generations';
import { decodeCursor, encodeCursor } from './cursor';
import { CatalogEntity, EntityLookup, EntityTarget } from './EntityLookup';
import { lifecycleOf, normalizeRef, ownerOf, systemOf } from './entityRefs';
import { ReadMoment, readMoment } from './readMoment';
import { Summaries } from './Summaries';

/** Keeps the index row of an entity in step with the catalog before a write. */
export interface IndexRefresher {
  refresh(entity: Entity): Promise<void>;
}

/** Who reads one entity: the catalog is asked with these credentials. */
type Reader = { credentials: BackstageCredentials };

/** A read of one entity's snapshot: of now, or as of a moment. */
type SnapshotRead = Reader & { asOf?: Date };

/**
 * The snapshots of one entity: the latest, its history, and new ones. A read
 * of one entity (its notes, evidence and comments) asks the catalog, as the
 * caller, whether they may see it, beside the read of the snapshots rather
 * than before it: the answer waits for the slower of the two, not both.
 */
export class AssessmentService {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      store: AssessmentStore;
      entities: Pick<EntityLookup, 'confirmEntity'>;
      indexer: IndexRefresher;
      summaries: Summaries;
      scoring: Pick<ScoringSettings, 'staleAfterDays' | 'exemptions'>;
      /** `maturity.review.required`: new snapshots wait for a decision. */
      reviewRequired?: boolean;
      now?: () => Date;
    },
  ) {}

  /**
   * The latest snapshot of an entity the caller may see, or the latest at
   * `asOf` (stale as of then, scored under the lifecycle it has now); a 404
   * without one. When the latest does not count (pending or returned), the
   * one that does, if any, is `counted`.
   */
  async getLatest(
    entityRef: string,
    read: SnapshotRead,
  ): Promise<EntityAssessment> {
    const { entity, assessment, moment } = await this.latest(entityRef, read);
    if (!assessment) {
      const when = moment.answer.asOf ? ` at ${moment.answer.asOf}` : ' yet';
      throw new NotFoundError(
        `${entity.ref} has no maturity assessment${when}`,
      );
    }
    // As of a past moment the history says what counted; now, the store.
    const counted =
      snapshotCounts(assessment) || read.asOf
        ? undefined
        : (await this.deps.store.getCounted([entity.ref])).get(entity.ref);
    return {
      ...assessment,
      ...(counted &&
        !isReplaced(counted.entityUid, entity.uid) && {
          counted: this.toStored(counted, entity.lifecycle, moment.atMs),
        }),
      ...moment.answer,
    };
  }

  /**
   * An entity the caller may see (a 404 otherwise) and its latest snapshot
   * (at `asOf` when given), if it has one of its own: a snapshot written for
   * an earlier entity under the same ref (another uid) is not its.
   */
  async latest(
    entityRef: string,
    read: SnapshotRead,
  ): Promise<{
    entity: CatalogEntity;
    assessment?: StoredAssessment;
    moment: ReadMoment;
  }> {
    const moment = readMoment(read.asOf, this.now());
    const ref = normalizeRef(entityRef);
    const [entity, records] = await Promise.all([
      this.deps.entities.confirmEntity(entityRef, read),
      this.deps.store.getLatest([ref], read.asOf),
    ]);
    const record = records.get(entity.ref);
    if (!record || isReplaced(record.entityUid, entity.uid)) {
      return { entity, moment };
    }
    const assessment = this.toStored(record, entity.lifecycle, moment.atMs);
    return { entity, assessment, moment };
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

  /**
   * Records a snapshot of the entity as the catalog has it now, with its
   * attestations and exemptions (`attestationOf`); a submission that breaks
   * the rules on exemptions and confirmations is a 400 and stores nothing.
   */
  async submit(
    entity: Entity,
    submission: AssessmentSubmission,
    createdBy: string,
  ): Promise<StoredAssessment> {
    const lifecycle = lifecycleOf(entity);
    // The write has the entity as the catalog has it now: the index follows
    // (a refused submission leaves it refreshed, which is only the catalog).
    await this.deps.indexer.refresh(entity);
    const record = await this.deps.store.insert(
      {
        entityRef: normalizeRef(entity),
        baseRevision: submission.baseRevision,
        modelId: this.deps.model.id,
        modelVersion: this.deps.model.version,
        createdBy,
        entityUid: entity.metadata.uid ?? null,
        ownerRef: ownerOf(entity),
        systemRef: systemOf(entity),
        lifecycle,
        ratings: submission.ratings,
        targets: submission.targets ?? {},
        notes: submission.notes ?? {},
        evidence: submission.evidence ?? {},
        comment: submission.comment ?? null,
        ...(this.deps.reviewRequired && { review: { status: 'pending' } }),
      },
      stored => this.deps.summaries.summaryOf(stored, lifecycle),
      base => this.attestationOf(submission, createdBy, base),
    );
    return this.toStored(record, lifecycle);
  }

  /**
   * What a new snapshot records of attestation: the `attestedAt` it carries
   * over from its base snapshot and its exemptions, each with its reason and
   * author (and approver, carried over). Checked first: the rules on reasons
   * and confirmations, whose breach is a 400.
   */
  private attestationOf(
    submission: AssessmentSubmission,
    author: string,
    latest: AssessmentRecord | undefined,
  ): CarriedOver {
    const { model, scoring } = this.deps;
    const base = latest ? { ...latest, approval: approvalOf(latest) } : null;
    const exemptions = scoring.exemptions ?? NO_EXPIRY.exemptions;
    // Switched off, reasons are neither asked for nor kept.
    const reasons = exemptions.enabled
      ? exemptionReasons(model, submission, base)
      : submission.exemptions ?? {};
    const problems = submissionRuleProblems(
      model,
      { ...submission, exemptions: reasons },
      exemptions,
    );
    if (problems.length > 0) {
      throw new InputError(
        `Invalid assessment: ${problems
          .map(p => `${p.path.join('.')}: ${p.message}`)
          .join('; ')}`,
      );
    }
    const carried = carriedAttestations(submission, base);
    const records = recordExemptions(model, { reasons, carried }, base, author);
    // Empty, they are left out: the snapshot reads the same without them.
    return {
      ...(Object.keys(carried).length > 0 && { attestedAt: carried }),
      ...(Object.keys(records).length > 0 && { exemptions: records }),
    };
  }

  /**
   * A page of the history of an entity the caller may see, newest first. It
   * ends at the first snapshot written for an earlier entity under the same
   * ref: a reused ref's history is the new entity's alone.
   */
  async getHistory(
    entityRef: string,
    reader: Reader,
    query: { limit: number; cursor?: string },
  ): Promise<AssessmentHistoryPage> {
    const before = query.cursor
      ? decodeCursor(query.cursor, 'beforeRevision')
      : undefined;
    const [entity, records] = await Promise.all([
      this.deps.entities.confirmEntity(entityRef, reader),
      this.deps.store.getHistory(normalizeRef(entityRef), {
        limit: query.limit + 1,
        beforeRevision: before,
      }),
    ]);
    const foreign = records.findIndex(r => isReplaced(r.entityUid, entity.uid));
    const own = foreign < 0 ? records : records.slice(0, foreign);
    const items = own
      .slice(0, query.limit)
      .map(r => this.toStored(r, entity.lifecycle));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        own.length > query.limit && last
          ? encodeCursor('beforeRevision', last.revision)
          : null,
    };
  }

  /** A record as the API answers it: scored, and stale as of `atMs`. */
  toStored(
    record: AssessmentRecord,
    lifecycle: string | null,
    atMs = this.now().getTime(),
  ): StoredAssessment {
    const result = this.deps.summaries.resultOf(
      record,
      lifecycle,
      new Date(atMs),
    );
    const { lifecycle: _lifecycle, entityUid: _entityUid, ...rest } = record;
    return {
      ...rest,
      result: {
        ...result,
        stale: isStale(
          record.createdAt,
          new Date(atMs),
          this.deps.scoring.staleAfterDays,
        ),
      },
    };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
