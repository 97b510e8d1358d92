import { InputError } from '@backstage/errors';
import type {
  EntityFilter,
  ReviewFilter,
} from '@cnmm/backstage-plugin-maturity-common';
import type { IndexScope } from '../database/MaturityIndex';
import { EntityLookup } from './EntityLookup';
import { parseFilterRef } from './entityRefs';
import { Caller } from './VisibleIndex';

/**
 * The filters of the lists: the overview's, the export's and the changes'
 * (the review filter the overview's and the export's only).
 */
export type ListFilter = Partial<EntityFilter & ReviewFilter>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The scope of a list's filter, its group, system and domain looked up as
 * the caller: a 404 when one is hidden (or unknown), so that a filter tells
 * nothing of the groups and systems the caller cannot see.
 * `expiresWithinDays` counts from `now`; as it is of the current summaries
 * only, it is a 400 with `asOf`.
 */
export async function filterScope(
  filter: ListFilter,
  entities: Pick<EntityLookup, 'findEntity'>,
  caller: Caller & { asOf?: Date },
  now: Date = new Date(),
): Promise<IndexScope> {
  if (filter.expiresWithinDays !== undefined && caller.asOf) {
    throw new InputError(
      'expiresWithinDays is counted from now: it cannot be combined with asOf',
    );
  }
  const scope = scopeOf(filter, now);
  const walked = [scope.ownerSubtreeOf, scope.system, scope.systemInDomain];
  await Promise.all(
    walked.flatMap(ref =>
      ref === undefined ? [] : [entities.findEntity(ref, caller)],
    ),
  );
  return scope;
}

function scopeOf(filter: ListFilter, now: Date): IndexScope {
  return {
    kind: (filter.kind ?? 'component').toLocaleLowerCase('en-US'),
    owner: filter.owner && parseFilterRef(filter.owner, 'group'),
    ownerSubtreeOf: filter.group && parseFilterRef(filter.group, 'group'),
    system: filter.system && parseFilterRef(filter.system, 'system'),
    systemInDomain: filter.domain && parseFilterRef(filter.domain, 'domain'),
    lifecycle: filter.lifecycle,
    minLevel: filter.minLevel,
    ...(filter.review === 'pending' && { reviewPending: true }),
    expiresBefore:
      filter.expiresWithinDays === undefined
        ? undefined
        : new Date(now.getTime() + filter.expiresWithinDays * DAY_MS),
  };
}
