import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  catalogEvidence,
  CatalogEvidenceRule,
  catalogEvidenceRuleProblems,
  defaultCatalogEvidenceRules,
  EntityEvidence,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import type { EvidenceSettings } from '../config';
import { EntityLookup } from './EntityLookup';
import { normalizeRef } from './entityRefs';

/**
 * The rules in force: none while evidence is off; the configured map,
 * refused when it names a topic or level the model lacks (an error at
 * start-up, naming the rule); else the default map as far as the model has
 * its topics.
 */
export function evidenceRules(
  settings: EvidenceSettings,
  model: MaturityModel,
): CatalogEvidenceRule[] {
  if (settings.catalogFacts) {
    const problems = catalogEvidenceRuleProblems(settings.catalogFacts, model);
    if (problems.length) {
      throw new Error(
        `Invalid maturity.evidence.catalogFacts: ${problems.join('; ')}`,
      );
    }
  }
  if (!settings.enabled) return [];
  return settings.catalogFacts ?? defaultCatalogEvidenceRules(model);
}

/** What the catalog already says about an entity, per topic: offered, never rated. */
export class EvidenceService {
  private readonly rules: CatalogEvidenceRule[];

  constructor(
    private readonly deps: {
      model: MaturityModel;
      entities: EntityLookup;
      settings: EvidenceSettings;
    },
  ) {
    this.rules = evidenceRules(deps.settings, deps.model);
  }

  /**
   * The facts of one entity as the catalog shows it to the caller: a 404
   * when the caller may not see it, as for its assessment.
   */
  async forEntity(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<EntityEvidence> {
    const entity = await this.deps.entities.getEntity(entityRef, options);
    return {
      entityRef: normalizeRef(entity),
      topics: catalogEvidence(entity, this.rules, this.deps.model, {
        baseUrl: this.deps.settings.appBaseUrl,
      }),
    };
  }
}
