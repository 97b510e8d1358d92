import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AssessmentSubmission,
  maturityAssessmentCreatePermission,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { JsonObject } from '@backstage/types';
import { authorizeOrThrow } from '../permissions/authorize';
import { AssessmentService } from './AssessmentService';
import { AuditedRequest, withAuditEvent } from './audit';
import { EntityLookup } from './EntityLookup';
import { normalizeRef } from './entityRefs';
import { SnapshotQuota, WriteRateLimiter } from './writeRateLimit';

/** What a write makes of its input, read once the rate limit allows it. */
export type PreparedWrite<T> = {
  submission: AssessmentSubmission;
  /** Anything the caller wants back beside the snapshot (an import's mapping). */
  extra?: T;
};

/** One snapshot write, as the HTTP API and the assistant actions ask for it. */
export type WriteRequest<T> = {
  /** The audit event: `assessment-create`, or `assessment-import`. */
  eventId: string;
  credentials: BackstageCredentials;
  /** The entity written, read inside the event so that a bad one is audited. */
  entityRef: () => string;
  /** Reads and validates the submission; runs after the rate limit. */
  prepare: () => Promise<PreparedWrite<T>>;
  /** What the event carries besides the outcome: the request, its path. */
  audit?: { request?: AuditedRequest; meta?: JsonObject };
};

/** A recorded snapshot and what the write's `prepare` handed back. */
export type WriteResult<T> = {
  entityRef: string;
  stored: StoredAssessment;
  extra?: T;
};

/**
 * The one write path of snapshots, for the form's HTTP route, the v3 import
 * and the `record-assessment` action alike: a user only, the rate limit, the
 * submission, the entity from the catalog with the caller's credentials, the
 * create permission for that entity, the entity's daily quota, and the
 * store's conflict check and index refresh (`AssessmentService.submit`), all
 * inside one audit event that also records refusals.
 */
export class AssessmentWriter {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      auditor: AuditorService;
      entities: EntityLookup;
      assessments: AssessmentService;
      limiter: WriteRateLimiter;
      quota: SnapshotQuota;
    },
  ) {}

  async write<T>(request: WriteRequest<T>): Promise<WriteResult<T>> {
    const { credentials } = request;
    const user = userOf(credentials);
    const { deps } = this;
    return withAuditEvent(
      deps.auditor,
      {
        eventId: request.eventId,
        request: request.audit?.request,
        meta: {
          ...request.audit?.meta,
          // Without a request the auditor cannot name the actor: the event does.
          ...(request.audit?.request ? {} : { actor: user ?? null }),
        },
      },
      async () => {
        if (!user) {
          throw new NotAllowedError(
            'Only a signed-in user may record a maturity assessment; a service token (a service principal) is refused',
          );
        }
        const entityRef = request.entityRef();
        await deps.limiter.take(user);
        const { submission, extra } = await request.prepare();
        const entity = await deps.entities.getEntity(entityRef, {
          credentials,
        });
        await authorizeOrThrow(
          deps.permissions,
          {
            permission: maturityAssessmentCreatePermission,
            resourceRef: stringifyEntityRef(entity),
          },
          credentials,
          `You may not record a maturity assessment for ${stringifyEntityRef(
            entity,
          )}`,
        );
        // After the permission: only who may write learns how full it is.
        await deps.quota.check(normalizeRef(entity));
        return {
          entityRef,
          stored: await deps.assessments.submit(entity, submission, user),
          extra,
        };
      },
      result => ({
        entityRef: result.entityRef,
        revision: result.stored.revision,
      }),
    );
  }
}

/** The user a write is made by, or undefined for any other principal. */
export function userOf(credentials: BackstageCredentials): string | undefined {
  return isUser(credentials) ? credentials.principal.userEntityRef : undefined;
}

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  const principal = credentials.principal;
  return (
    typeof principal === 'object' &&
    principal !== null &&
    'type' in principal &&
    principal.type === 'user'
  );
}
