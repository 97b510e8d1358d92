import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  maturityAssessmentReviewPermission,
  ReviewDecision,
  ReviewQueuePage,
  ReviewQueueQuery,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod';
import type { AssessmentStore } from '../database/AssessmentStore';
import { criteriaToSql, SqlCondition } from '../database/criteriaToSql';
import { isReplaced } from '../database/generations';
import type {
  QueuedSnapshot,
  QueueKey,
  ReviewStore,
} from '../database/ReviewStore';
import { authorizeOrThrow } from '../permissions/authorize';
import { readVisibility } from '../permissions/readVisibility';
import { AssessmentService } from './AssessmentService';
import { AuditedRequest, withAuditEvent } from './audit';
import { userOf } from './AssessmentWriter';
import { EntityLookup } from './EntityLookup';
import { lifecycleOf, normalizeRef } from './entityRefs';
import { decisionNotice } from './reviewNotices';
import { Summaries } from './Summaries';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What of the queue a caller may decide: in SQL, and checked per snapshot. */
type Deciding = {
  conditions: SqlCondition[];
  /** Permissions whose conditions SQL cannot answer: asked per snapshot. */
  perSnapshot: Array<
    | typeof maturityAssessmentReviewPermission
    | typeof catalogEntityReadPermission
  >;
};

/**
 * The four-eyes review: a decision on an entity's pending latest snapshot,
 * by someone other than its author with `maturity.assessment.review` on the
 * entity, and the queue of what a caller may decide.
 */
export class ReviewService {
  constructor(
    private readonly deps: {
      reviews: ReviewStore;
      store: Pick<AssessmentStore, 'getRevision'>;
      assessments: Pick<AssessmentService, 'toStored'>;
      entities: Pick<EntityLookup, 'getEntity'>;
      summaries: Pick<Summaries, 'summaryOf'>;
      permissions: PermissionsService;
      auditor: AuditorService;
      notifications: Pick<NotificationService, 'send'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /**
   * Approves or returns revision `revision` of an entity the caller may see
   * (a 404 otherwise): a 403 for its author and for a caller without the
   * permission on the entity, a 409 unless it is the entity's latest
   * snapshot and waits for review. One audit event, refusals included; the
   * author is told the outcome.
   */
  async decide(request: {
    entityRef: string;
    revision: number;
    /** Reads and validates the body; inside the event, so a 400 is audited. */
    decision: () => Promise<ReviewDecision>;
    credentials: BackstageCredentials;
    audit?: AuditedRequest;
  }): Promise<StoredAssessment> {
    const { deps } = this;
    const { credentials } = request;
    const reviewer = userOf(credentials);
    return withAuditEvent(
      deps.auditor,
      {
        eventId: 'assessment-review',
        request: request.audit,
        meta: {
          entityRef: request.entityRef,
          revision: request.revision,
          ...(request.audit ? {} : { actor: reviewer ?? null }),
        },
      },
      async () => {
        if (!reviewer) {
          throw new NotAllowedError(
            'Only a signed-in user may review a maturity assessment',
          );
        }
        const body = await request.decision();
        const entity = await deps.entities.getEntity(request.entityRef, {
          credentials,
        });
        const ref = normalizeRef(entity);
        const record = await deps.store.getRevision(ref, request.revision);
        if (!record || isReplaced(record.entityUid, entity.metadata.uid)) {
          throw new NotFoundError(
            `${ref} has no maturity assessment at revision ${request.revision}`,
          );
        }
        await authorizeOrThrow(
          deps.permissions,
          {
            permission: maturityAssessmentReviewPermission,
            resourceRef: stringifyEntityRef(entity),
          },
          credentials,
          `You may not review maturity assessments of ${ref}`,
        );
        if (record.createdBy === reviewer) {
          throw new NotAllowedError(
            'You wrote this assessment: someone else must review it',
          );
        }
        if (record.review?.status !== 'pending') {
          throw new ConflictError(
            record.review
              ? `Revision ${record.revision} of ${ref} was ${record.review.status} already`
              : `Revision ${record.revision} of ${ref} was written without review; it counts as it is`,
          );
        }
        const lifecycle = lifecycleOf(entity);
        const decided = await deps.reviews.decide(
          {
            entityRef: ref,
            revision: record.revision,
            status: body.decision === 'approve' ? 'approved' : 'returned',
            reviewer,
            decidedAt: this.now(),
            comment: body.comment?.trim() || undefined,
          },
          // Scored at its approval, when it begins to count: topics expire
          // from then on (the summary's validUntil).
          snapshot =>
            deps.summaries.summaryOf(
              snapshot,
              lifecycle,
              new Date(snapshot.review?.decidedAt ?? this.now()),
            ),
        );
        await this.tellAuthor(decided);
        return deps.assessments.toStored(decided, lifecycle);
      },
      stored => ({
        entityRef: stored.entityRef,
        revision: stored.revision,
        decision: stored.review?.status ?? null,
      }),
    );
  }

  /**
   * The pending latest snapshots the caller may decide, oldest first: the
   * review permission and the catalog's read permission, each one
   * conditional decision applied in the query where SQL can say it, and
   * asked per snapshot of the page where it cannot. Their own are left out.
   */
  async queue(
    credentials: BackstageCredentials,
    query: { limit: number; cursor?: ReviewQueueQuery['cursor'] },
  ): Promise<ReviewQueuePage> {
    const caller = userOf(credentials);
    if (!caller) {
      throw new NotAllowedError('Only a signed-in user reviews assessments');
    }
    const after = query.cursor ? decodeQueueCursor(query.cursor) : undefined;
    const deciding = await this.deciding(credentials);
    if (!deciding) return { items: [] };
    const rows = await this.deps.reviews.queue({
      limit: query.limit + 1,
      after,
      exceptAuthor: caller,
      conditions: deciding.conditions,
    });
    const page = rows.slice(0, query.limit);
    const kept = await this.keepDecidable(page, deciding, credentials);
    const now = this.now().getTime();
    const last = page[page.length - 1];
    return {
      items: kept.map(row => ({
        entityRef: row.entityRef,
        title: row.title,
        ownerRef: row.ownerRef,
        revision: row.revision,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
        ageDays: Math.max(
          0,
          Math.floor((now - Date.parse(row.createdAt)) / DAY_MS),
        ),
      })),
      ...(rows.length > query.limit && last
        ? { nextCursor: encodeQueueCursor(last) }
        : {}),
    };
  }

  /** The caller's two decisions as SQL and checks; undefined for nothing. */
  private async deciding(
    credentials: BackstageCredentials,
  ): Promise<Deciding | undefined> {
    const { permissions } = this.deps;
    const [[review], visibility] = await Promise.all([
      permissions.authorizeConditional(
        [{ permission: maturityAssessmentReviewPermission }],
        { credentials },
      ),
      readVisibility(permissions, credentials),
    ]);
    if (review.result === AuthorizeResult.DENY) return undefined;
    if (visibility.type === 'none') return undefined;
    const deciding: Deciding = { conditions: [], perSnapshot: [] };
    if (review.result === AuthorizeResult.CONDITIONAL) {
      const condition = criteriaToSql(review.conditions);
      if (condition) deciding.conditions.push(condition);
      else deciding.perSnapshot.push(maturityAssessmentReviewPermission);
    }
    if (visibility.type === 'sql')
      deciding.conditions.push(visibility.condition);
    if (visibility.type === 'catalog') {
      deciding.perSnapshot.push(catalogEntityReadPermission);
    }
    return deciding;
  }

  /** The page's snapshots every per-snapshot permission allows. */
  private async keepDecidable(
    page: QueuedSnapshot[],
    deciding: Deciding,
    credentials: BackstageCredentials,
  ): Promise<QueuedSnapshot[]> {
    if (!deciding.perSnapshot.length || !page.length) return page;
    const requests = deciding.perSnapshot.flatMap(permission =>
      page.map(row => ({ permission, resourceRef: row.entityRef })),
    );
    const decisions = await this.deps.permissions.authorize(requests, {
      credentials,
    });
    return page.filter((_, i) =>
      deciding.perSnapshot.every(
        (__, p) =>
          decisions[p * page.length + i].result === AuthorizeResult.ALLOW,
      ),
    );
  }

  /** A failed notice does not undo a decision: it is logged. */
  private async tellAuthor(decided: {
    entityRef: string;
    revision: number;
    createdBy: string;
    review?: StoredAssessment['review'];
  }) {
    if (!decided.review) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: decided.createdBy },
        payload: decisionNotice(decided, decided.review),
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not tell ${decided.createdBy} of the review of ${decided.entityRef} revision ${decided.revision}: ${error}`,
      );
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

const queueCursorSchema = z.strictObject({
  t: z.iso.datetime(),
  r: z.string().min(1).max(1024),
});

/** The queue's keyset: the last snapshot's age and ref, opaque to clients. */
function encodeQueueCursor(row: QueueKey): string {
  return Buffer.from(
    JSON.stringify({ t: row.createdAt, r: row.entityRef }),
  ).toString('base64url');
}

function decodeQueueCursor(cursor: string): QueueKey {
  try {
    const parsed = queueCursorSchema.safeParse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString()),
    );
    if (parsed.success) {
      return { createdAt: parsed.data.t, entityRef: parsed.data.r };
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor is malformed; use a nextCursor from a response');
}
