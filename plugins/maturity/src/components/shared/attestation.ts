import {
  MaturityModel,
  TopicResult,
} from '@cnmm/backstage-plugin-maturity-common';
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

/**
 * A topic named for a list of topics of every dimension, where a title
 * alone can be ambiguous (several dimensions have an "AI" topic).
 */
export function topicLabels(model: MaturityModel): Map<string, string> {
  return new Map(
    model.dimensions.flatMap(d =>
      d.topics.map(t => [
        t.id,
        t.title === d.title ? t.title : `${d.title} · ${t.title}`,
      ]),
    ),
  );
}
