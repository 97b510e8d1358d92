import {
  isExemption,
  MaturityModel,
  MaturitySettings,
  Rating,
} from '@cnmm/backstage-plugin-maturity-common';
import { ratingDifferences } from '../shared';

type Ratings = Record<string, Record<string, Rating>>;

/**
 * Whether the backend ends topics (attestation) or exemptions: then a
 * confirmation of unchanged ratings means something.
 */
export function confirmationsMatter(settings: MaturitySettings | undefined) {
  if (!settings) return false;
  const { attestation, exemptions } = settings;
  return (
    attestation.maxAgeDays !== null ||
    Object.keys(attestation.dimensions).length > 0 ||
    exemptions.enabled
  );
}

/**
 * The topics rated entirely not applicable when exemptions are on (each
 * needs a reason, by the rule of -common); none when they are off.
 */
export function exemptTopicsOf(
  model: MaturityModel,
  settings: MaturitySettings | undefined,
  ratings: Ratings,
): Set<string> {
  const exempt = new Set<string>();
  if (!settings?.exemptions.enabled) return exempt;
  for (const topic of model.dimensions.flatMap(d => d.topics)) {
    if (isExemption(ratings[topic.id], topic.maxLevel)) exempt.add(topic.id);
  }
  return exempt;
}

/**
 * The topics rated in the base whose ratings the draft keeps as they are:
 * the ones a user can confirm unchanged (changed ones are attested anyway).
 */
export function unchangedTopicsOf(
  model: MaturityModel,
  base: Ratings,
  draft: Ratings,
): Set<string> {
  const unchanged = new Set<string>();
  for (const topic of model.dimensions.flatMap(d => d.topics)) {
    const before = base[topic.id];
    const rated = Object.keys(before ?? {}).length > 0;
    if (rated && !ratingDifferences(topic, before, draft[topic.id]).length) {
      unchanged.add(topic.id);
    }
  }
  return unchanged;
}
