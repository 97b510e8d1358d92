import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

type Filter = Record<string, string | string[]>;

/**
 * An in-memory catalog holding the benchmark's entities, indexed on the
 * filter keys the maturity plugin uses (kind, relations, spec.lifecycle), so
 * that the benchmark measures the plugin rather than a linear-scan mock.
 * Field projection is skipped: it only trims the answer.
 */
export class IndexedCatalog {
  private readonly byRef = new Map<string, Entity>();
  private readonly index = new Map<string, Entity[]>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      this.byRef.set(ref, entity);
      const keys = [
        `kind=${entity.kind.toLocaleLowerCase('en-US')}`,
        ...(entity.relations ?? []).map(r =>
          `relations.${r.type}=${r.targetRef}`.toLocaleLowerCase('en-US'),
        ),
      ];
      if (typeof entity.spec?.lifecycle === 'string') {
        keys.push(
          `spec.lifecycle=${entity.spec.lifecycle}`.toLocaleLowerCase('en-US'),
        );
      }
      for (const key of keys) {
        this.index.set(key, [...(this.index.get(key) ?? []), entity]);
      }
    }
  }

  async getEntityByRef(ref: string) {
    return this.byRef.get(ref.toLocaleLowerCase('en-US'));
  }

  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    return {
      items: request.entityRefs.map(r =>
        this.byRef.get(r.toLocaleLowerCase('en-US')),
      ),
    };
  }

  async getEntities(request?: { filter?: Filter }) {
    const filter = (request?.filter ?? {}) as Filter;
    let result: Set<Entity> | undefined;
    for (const [key, value] of Object.entries(filter)) {
      const matches = new Set<Entity>();
      for (const v of [value].flat()) {
        const k = `${key.toLocaleLowerCase('en-US')}=${String(
          v,
        ).toLocaleLowerCase('en-US')}`;
        for (const e of this.index.get(k) ?? []) matches.add(e);
      }
      result = result
        ? new Set([...result].filter(e => matches.has(e)))
        : matches;
    }
    return { items: [...(result ?? this.byRef.values())] };
  }
}
