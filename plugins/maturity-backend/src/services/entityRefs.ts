import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { IndexedRecord } from '../database/MaturityIndex';

/** Lower-cased, so that refs from the catalog and from URLs compare equal. */
export function normalizeRef(ref: string | Entity): string {
  return (
    typeof ref === 'string' ? ref : stringifyEntityRef(ref)
  ).toLowerCase();
}

/** A filter's ref, completed with a default kind and namespace; a 400 if malformed. */
export function parseFilterRef(
  value: string,
  defaultKind: string,
  where = '',
): string {
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch {
    throw new InputError(`Invalid entity ref "${value}"${where}`);
  }
}

/** The first relation of a type, to an entity of `kind` when given. */
export function relationTarget(
  entity: Entity,
  type: string,
  kind?: string,
): string | null {
  const relation = entity.relations?.find(
    r =>
      r.type === type && (!kind || parseEntityRef(r.targetRef).kind === kind),
  );
  return relation ? normalizeRef(relation.targetRef) : null;
}

export function lifecycleOf(entity: Entity): string | null {
  const lifecycle = entity.spec?.lifecycle;
  return typeof lifecycle === 'string' ? lifecycle : null;
}

export function ownerOf(entity: Entity): string | null {
  return relationTarget(entity, RELATION_OWNED_BY);
}

/** Every owner of an entity (its ownedBy relations), the first one first. */
export function ownersOf(entity: Entity): string[] {
  return [
    ...new Set(
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_OWNED_BY)
        .map(r => normalizeRef(r.targetRef)),
    ),
  ];
}

export function systemOf(entity: Entity): string | null {
  return relationTarget(entity, RELATION_PART_OF, 'system');
}

/** What the index keeps of a catalog entity. */
export function indexRecordOf(entity: Entity): IndexedRecord {
  return {
    entityRef: normalizeRef(entity),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: entity.metadata.title ?? null,
    ownerRef: ownerOf(entity),
    ownerRefs: ownersOf(entity),
    systemRef: systemOf(entity),
    domainRef: relationTarget(entity, RELATION_PART_OF, 'domain'),
    lifecycle: lifecycleOf(entity),
    parentRef: relationTarget(entity, RELATION_CHILD_OF),
    etag: entity.metadata.etag ?? null,
  };
}
