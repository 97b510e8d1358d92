import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';
import { AssessedRefsQuery } from '@cnmm/backstage-plugin-maturity-common';

/**
 * What the catalog's maturity filter asks for. A minimum level or "stale"
 * means assessed; "not assessed" excludes both.
 * @public
 */
export type MaturityCriteria = {
  assessment?: 'assessed' | 'not-assessed';
  /** The lowest dimension median at least this, 1..5. */
  minLevel?: number;
  stale?: boolean;
};

/** Criteria as they are kept in the catalog's URL, e.g. `min-3`, `stale`. */
export function criteriaFromQuery(value: unknown): MaturityCriteria {
  const tokens = ([] as unknown[]).concat(value ?? []).map(String);
  if (tokens.includes('not-assessed')) return { assessment: 'not-assessed' };
  const level = tokens
    .map(token => /^min-([1-5])$/.exec(token)?.[1])
    .find(Boolean);
  const criteria: MaturityCriteria = {};
  if (tokens.includes('assessed')) criteria.assessment = 'assessed';
  if (level) criteria.minLevel = Number(level);
  if (tokens.includes('stale')) criteria.stale = true;
  return criteria;
}

export function criteriaToQuery(criteria: MaturityCriteria): string[] {
  return [
    ...(criteria.assessment ? [criteria.assessment] : []),
    ...(criteria.minLevel ? [`min-${criteria.minLevel}`] : []),
    ...(criteria.stale ? ['stale'] : []),
  ];
}

/** Whether the criteria filter anything at all. */
export function isFiltering(criteria: MaturityCriteria): boolean {
  return criteriaToQuery(criteria).length > 0;
}

/**
 * The request for the assessed refs the criteria are decided by: the
 * matching ones, or for "not assessed" every assessed one, to leave out.
 */
export function assessedRefsQuery(
  criteria: MaturityCriteria,
): AssessedRefsQuery {
  if (criteria.assessment === 'not-assessed') return {};
  return {
    minLevel: criteria.minLevel,
    stale: criteria.stale ? 'true' : undefined,
  };
}

/**
 * Keeps the catalog entities that meet maturity criteria, decided in the
 * browser from one list of assessed refs asked of the maturity backend.
 * @public
 */
export class EntityMaturityFilter implements EntityFilter {
  constructor(
    readonly criteria: MaturityCriteria,
    private readonly assessedRefs: ReadonlySet<string>,
  ) {}

  filterEntity(entity: Entity): boolean {
    const listed = this.assessedRefs.has(
      stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    );
    return this.criteria.assessment === 'not-assessed' ? !listed : listed;
  }

  toQueryValue(): string[] {
    return criteriaToQuery(this.criteria);
  }
}
