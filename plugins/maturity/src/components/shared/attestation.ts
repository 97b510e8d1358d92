import { TopicResult } from '@cnmm/backstage-plugin-maturity-common';
import { formatDate } from './format';

/** What an expired topic means, in words (never a colour alone). */
export const EXPIRED_TEXT = 'Expired — counts as unrated until confirmed';

/**
 * A topic's attestation in words: when it was attested and until when it
 * counts, or that it has expired; undefined when the backend does not
 * attest topics or the topic is not rated.
 */
export function describeAttestation(
  result: Pick<TopicResult, 'attestedAt' | 'expiresAt' | 'expired'> | undefined,
): string | undefined {
  if (!result?.attestedAt) return undefined;
  if (result.expired) {
    return `${EXPIRED_TEXT} (since ${formatDate(result.expiresAt ?? null)})`;
  }
  const attested = `Attested ${formatDate(result.attestedAt)}`;
  return result.expiresAt
    ? `${attested}; counts until ${formatDate(result.expiresAt)}`
    : attested;
}
