import type {
  ExemptionRecord,
  TopicMap,
  TopicRatings,
} from '../assessment/schema';
import type { AttestationSettings, ExemptionSettings } from '../api/settings';
import { LEVELS, type MaturityModel } from '../model/schema';
import { isExemption } from './exemptionRules';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Attestation off, exemptions off: what an install without the keys has. @public */
export const NO_EXPIRY: {
  attestation: AttestationSettings;
  exemptions: ExemptionSettings;
} = Object.freeze({
  attestation: Object.freeze({
    maxAgeDays: null,
    dimensions: Object.freeze({}),
  }),
  exemptions: Object.freeze({ enabled: false, maxDays: 365 }),
});

/** What a snapshot says of its topics' attestation and exemptions. @public */
export interface AttestationInput {
  ratings: TopicMap<TopicRatings>;
  createdAt: string | Date;
  /** Absent on a snapshot written before attestation: each rated topic counts from `createdAt`. */
  attestedAt?: TopicMap<string>;
  exemptions?: TopicMap<ExemptionRecord>;
  /**
   * Under review, the approval of the snapshot: an exemption set or
   * confirmed by it is granted from then, by that reviewer.
   */
  approval?: SnapshotApproval;
}

/** Who approved a snapshot under review, and when. @public */
export interface SnapshotApproval {
  reviewer: string;
  decidedAt: string;
}

function iso(value: string | Date): string {
  return new Date(value).toISOString();
}

function sameRatings(
  a: TopicRatings | undefined,
  b: TopicRatings | undefined,
): boolean {
  return LEVELS.every(level => a?.[String(level)] === b?.[String(level)]);
}

function isRated(ratings: TopicRatings | undefined): boolean {
  return Object.values(ratings ?? {}).some(rating => rating !== undefined);
}

/**
 * The attestations a new snapshot carries over from its base: each rated
 * topic whose ratings equal the base snapshot's and that is not confirmed
 * keeps the base's `attestedAt`. Every other rated topic is attested by the
 * new snapshot itself, at its `createdAt`, so it is not named here.
 * @public
 */
export function carriedAttestations(
  next: { ratings: TopicMap<TopicRatings>; confirmed?: string[] },
  base: AttestationInput | null,
): Record<string, string> {
  const confirmed = new Set(next.confirmed ?? []);
  const carried: Record<string, string> = {};
  if (!base) return carried;
  for (const [topicId, ratings] of Object.entries(next.ratings)) {
    if (!isRated(ratings) || confirmed.has(topicId)) continue;
    if (sameRatings(ratings, base.ratings[topicId])) {
      carried[topicId] = attestedAtOf(base, topicId)!;
    }
  }
  return carried;
}

/**
 * Every rated topic's `attestedAt`: the value a snapshot carries, else its
 * own `createdAt` (so also for a snapshot written before attestation).
 * @public
 */
export function attestationsOf(
  snapshot: AttestationInput,
): Record<string, string> {
  const all: Record<string, string> = {};
  for (const topicId of Object.keys(snapshot.ratings)) {
    const at = attestedAtOf(snapshot, topicId);
    if (at !== null) all[topicId] = at;
  }
  return all;
}

/** When a rated topic of a snapshot was attested; null when unrated. @public */
export function attestedAtOf(
  snapshot: AttestationInput,
  topicId: string,
): string | null {
  if (!isRated(snapshot.ratings[topicId])) return null;
  return snapshot.attestedAt?.[topicId] ?? iso(snapshot.createdAt);
}

/** An exemption as it stands: its record, when it was granted. @public */
export interface Exemption extends ExemptionRecord {
  topicId: string;
  grantedAt: string;
}

/**
 * The exemptions of a snapshot: each topic rated entirely not applicable
 * with its record (a topic of a snapshot written before exemptions has none:
 * reason empty, author the snapshot's). One set or confirmed in a snapshot
 * approved under review is granted by its reviewer at the approval; any
 * other from its topic's attestation.
 * @public
 */
export function exemptionsOf(
  model: MaturityModel,
  snapshot: AttestationInput & { createdBy?: string },
): Exemption[] {
  const created = iso(snapshot.createdAt);
  const found: Exemption[] = [];
  for (const dimension of model.dimensions) {
    for (const topic of dimension.topics) {
      if (!isExemption(snapshot.ratings[topic.id], topic.maxLevel)) continue;
      const attestedAt = attestedAtOf(snapshot, topic.id)!;
      const record = snapshot.exemptions?.[topic.id] ?? {
        reason: '',
        author: snapshot.createdBy ?? '',
      };
      const approved =
        snapshot.approval && attestedAt === created && !record.approver;
      found.push({
        topicId: topic.id,
        ...record,
        ...(approved ? { approver: snapshot.approval!.reviewer } : {}),
        grantedAt: approved ? iso(snapshot.approval!.decidedAt) : attestedAt,
      });
    }
  }
  return found;
}

/**
 * The exemption records of a new snapshot: the reasons it gives, each by
 * its author, except one whose topic is carried over unchanged
 * (`carriedAttestations`) with the same reason, which keeps its author and
 * approver.
 * @public
 */
export function recordExemptions(
  model: MaturityModel,
  next: { reasons: TopicMap<string>; carried: TopicMap<string> },
  base: (AttestationInput & { createdBy?: string }) | null,
  author: string,
): Record<string, ExemptionRecord> {
  const before = new Map(
    (base ? exemptionsOf(model, base) : []).map(e => [e.topicId, e]),
  );
  const records: Record<string, ExemptionRecord> = {};
  for (const [topicId, reason] of Object.entries(next.reasons)) {
    if (reason === undefined) continue;
    const previous = before.get(topicId);
    const carried =
      previous?.reason === reason && next.carried[topicId] !== undefined;
    records[topicId] = carried
      ? {
          reason,
          author: previous!.author,
          ...(previous!.approver ? { approver: previous!.approver } : {}),
        }
      : { reason, author };
  }
  return records;
}

/**
 * The reasons a new snapshot's exemptions have: those the submission gives,
 * and for a topic that stays an exemption without one given, the base
 * snapshot's, so that a write that does not know reasons (an import, an
 * assistant's action) keeps them rather than being refused.
 * @public
 */
export function exemptionReasons(
  model: MaturityModel,
  submission: {
    ratings: TopicMap<TopicRatings>;
    exemptions?: TopicMap<string>;
  },
  base: Pick<AttestationInput, 'ratings' | 'exemptions'> | null,
): Record<string, string> {
  const reasons: Record<string, string> = {};
  for (const dimension of model.dimensions) {
    for (const topic of dimension.topics) {
      const given = submission.exemptions?.[topic.id];
      const kept = isExemption(submission.ratings[topic.id], topic.maxLevel)
        ? base?.exemptions?.[topic.id]?.reason
        : undefined;
      const reason = given ?? kept;
      if (reason !== undefined) reasons[topic.id] = reason;
    }
  }
  return reasons;
}

/** Days an attestation lasts in a dimension; null when it never ends. @public */
export function maxAgeDaysOf(
  settings: AttestationSettings,
  dimensionId: string,
): number | null {
  return settings.dimensions[dimensionId] ?? settings.maxAgeDays;
}

function plusDays(from: string, days: number): string {
  return new Date(new Date(from).getTime() + days * DAY_MS).toISOString();
}

/**
 * When each rated topic of a snapshot stops counting: the end of its
 * attestation (`maxAgeDaysOf` its dimension) or, with exemptions enabled,
 * of its exemption (`maxDays` after it was granted), whichever is first;
 * null when neither ends.
 * @public
 */
export function topicExpiries(
  model: MaturityModel,
  snapshot: AttestationInput & { createdBy?: string },
  settings: { attestation: AttestationSettings; exemptions: ExemptionSettings },
): Record<string, { attestedAt: string | null; expiresAt: string | null }> {
  const exemptions = settings.exemptions.enabled
    ? new Map(exemptionsOf(model, snapshot).map(e => [e.topicId, e]))
    : new Map<string, Exemption>();
  const expiries: Record<
    string,
    { attestedAt: string | null; expiresAt: string | null }
  > = {};
  for (const dimension of model.dimensions) {
    const maxAge = maxAgeDaysOf(settings.attestation, dimension.id);
    for (const topic of dimension.topics) {
      const attestedAt = attestedAtOf(snapshot, topic.id);
      const ends: string[] = [];
      if (attestedAt !== null && maxAge !== null) {
        ends.push(plusDays(attestedAt, maxAge));
      }
      const exemption = exemptions.get(topic.id);
      if (exemption) {
        ends.push(plusDays(exemption.grantedAt, settings.exemptions.maxDays));
      }
      // ISO strings of one format order as their times do.
      ends.sort();
      expiries[topic.id] = { attestedAt, expiresAt: ends[0] ?? null };
    }
  }
  return expiries;
}
