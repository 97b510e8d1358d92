import { AuditorService } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { withAuditEvent } from '../services/audit';

/** The most of a request path an event keeps: enough to name any entity. */
const AUDITED_PATH_LENGTH = 256;

const WINDOW_MS = 60_000;

/** The request's path as an event records it: at most 256 characters. */
function auditedPath(req: Request): string {
  const path = `${req.baseUrl ?? ''}${req.path}`;
  return path.length > AUDITED_PATH_LENGTH
    ? `${path.slice(0, AUDITED_PATH_LENGTH - 1)}…`
    : path;
}

/**
 * Which refusals before authentication are audited: at most `perAddress` a
 * minute from one address and `total` a minute in all (many addresses cost an
 * attacker little), each window counted in this process. The ones left out
 * are counted, and the next event audited says how many there were, so the
 * trail stays bounded under a flood and still shows it.
 */
export class RefusalSampler {
  private windowStart = -Infinity;
  // Only audited addresses are kept: at most `total` entries.
  private readonly perAddressCount = new Map<string, number>();
  private audited = 0;
  private suppressed = 0;

  constructor(
    private readonly limits: { perAddress: number; total: number } = {
      perAddress: 5,
      total: 60,
    },
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts a refusal from `address`: whether to audit it, with the refusals
   * left out since the last one audited.
   */
  take(address: string): { audit: boolean; suppressed: number } {
    const now = this.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.perAddressCount.clear();
      this.audited = 0;
    }
    const count = this.perAddressCount.get(address) ?? 0;
    if (this.audited >= this.limits.total || count >= this.limits.perAddress) {
      this.suppressed += 1;
      return { audit: false, suppressed: 0 };
    }
    this.perAddressCount.set(address, count + 1);
    this.audited += 1;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    return { audit: true, suppressed };
  }
}

/**
 * Refuses a request that came without credentials, with an audit event when
 * the sampler allows one. There is no actor: the event names the address and
 * the path, cut to {@link AUDITED_PATH_LENGTH}.
 */
export async function refuseUnauthenticated(
  deps: { auditor: AuditorService; sampler: RefusalSampler },
  req: Request,
  eventId: string,
  error: unknown,
): Promise<never> {
  const ip = req.ip ?? null;
  const { audit, suppressed } = deps.sampler.take(ip ?? '');
  if (!audit) throw error;
  return withAuditEvent(
    deps.auditor,
    {
      eventId,
      meta: {
        path: auditedPath(req),
        ip,
        ...(suppressed ? { suppressedSinceLastEvent: suppressed } : {}),
      },
    },
    () => Promise.reject(error),
  );
}
