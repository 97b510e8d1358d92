import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** The HTTP request an event names, passed through to the auditor untouched. */
export type AuditedRequest = Parameters<
  AuditorService['createEvent']
>[0]['request'];

/** Makes a value plain JSON for an event's meta (drops undefined fields). */
export function toJson(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Runs an action inside an audit event: created before it, a success with
 * what `successMeta` says of the result, or a failure with its error, which
 * is thrown on.
 */
export async function withAuditEvent<T>(
  auditor: AuditorService,
  event: { eventId: string; request?: AuditedRequest; meta?: JsonObject },
  action: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const auditorEvent = await auditor.createEvent({
    severityLevel: 'medium',
    ...event,
  });
  try {
    const result = await action();
    await auditorEvent.success(
      successMeta ? { meta: successMeta(result) } : undefined,
    );
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}
