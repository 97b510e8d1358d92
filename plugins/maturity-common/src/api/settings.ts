/**
 * How long a topic's ratings count before they must be confirmed again
 * (`maturity.attestation`).
 * @public
 */
export interface AttestationSettings {
  /** Days an attestation lasts in every dimension; null: no limit. */
  maxAgeDays: number | null;
  /** Days per dimension id, instead of `maxAgeDays` for that dimension. */
  dimensions: Record<string, number>;
}

/** Topics rated entirely not applicable (`maturity.exemptions`). @public */
export interface ExemptionSettings {
  /** On: such a topic needs a reason and ends after `maxDays`. */
  enabled: boolean;
  maxDays: number;
}

/**
 * The settings that change what a client shows or sends, as the backend
 * answers them at `GET /settings`.
 * @public
 */
export interface MaturitySettings {
  /** Days after which an assessment is stale. */
  staleAfterDays: number;
  attestation: AttestationSettings;
  exemptions: ExemptionSettings;
  /** `maturity.review.required`: a saved assessment counts once approved. */
  review: { required: boolean };
}
