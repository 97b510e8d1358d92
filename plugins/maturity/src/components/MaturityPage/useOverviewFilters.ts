import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  EntityFilter,
  INDEXED_KINDS,
} from '@cnmm/backstage-plugin-maturity-common';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ENTITY_TITLE_FIELDS } from './EntityRefPicker';

/** The overview's filters as the page's query string holds them. */
export interface OverviewFilters {
  kind: string;
  owner: string;
  system: string;
  domain: string;
  lifecycle: string;
  minLevel: string;
}

const DEFAULT_KIND = 'component';
const FILTER_KEYS: Array<keyof OverviewFilters> = [
  'kind',
  'owner',
  'system',
  'domain',
  'lifecycle',
  'minLevel',
];

/** The filters that name a catalog entity, and the kinds each may name. */
export const REF_FILTERS = {
  owner: { kinds: ['Group', 'User'], noun: 'group or user' },
  system: { kinds: ['System'], noun: 'system' },
  domain: { kinds: ['Domain'], noun: 'domain' },
} as const;
export type RefFilter = keyof typeof REF_FILTERS;
const REF_FILTER_KEYS = Object.keys(REF_FILTERS) as RefFilter[];

/**
 * A ref filter's value as a full ref ("payments" → "group:default/payments",
 * as the server reads it), or the reason it names nothing the filter takes.
 */
export function resolveFilterRef(
  key: RefFilter,
  value: string,
): { ref: string } | { problem: string } {
  const { kinds, noun } = REF_FILTERS[key];
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: kinds[0].toLocaleLowerCase('en-US'),
      defaultNamespace: 'default',
    });
  } catch {
    return { problem: `Not an entity reference: ${value}` };
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!kinds.some(k => k.toLocaleLowerCase('en-US') === kind)) {
    return { problem: `Not a ${noun}: ${value}` };
  }
  return { ref: stringifyEntityRef(ref) };
}

/**
 * The overview's filters, kept in the query string so that a filtered view
 * can be shared as a link; changes replace the history entry rather than
 * adding one per keystroke.
 */
export function useOverviewFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () =>
      Object.fromEntries(
        FILTER_KEYS.map(key => {
          const value = params.get(key)?.trim() ?? '';
          // Kinds are compared in lower case, as the server does.
          if (key === 'kind') {
            return [key, value.toLocaleLowerCase('en-US') || DEFAULT_KIND];
          }
          return [key, value];
        }),
      ) as unknown as OverviewFilters,
    [params],
  );
  const setFilters = useCallback(
    (changes: Partial<OverviewFilters>) =>
      setParams(
        current => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            const text = value.trim();
            if (!text || (key === 'kind' && text === DEFAULT_KIND)) {
              next.delete(key);
            } else {
              next.set(key, text);
            }
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, setFilters };
}

export interface ResolvedFilters {
  /** The filters for the server, refs in full; undefined until resolved. */
  entityFilter?: EntityFilter;
  /** Each ref filter's entity: undefined while looked up, null if unknown. */
  entities: Partial<Record<RefFilter, Entity | null>>;
  /** Why a filter names nothing the overview lists, per filter. */
  problems: Partial<Record<RefFilter | 'kind', string>>;
  /** Keeps an entity chosen from suggestions, so it needs no look-up. */
  remember: (entity: Entity) => void;
}

/**
 * The filters with their refs looked up in the catalog, in one request for
 * all of them, so that a ref nobody has (a typo in a shared link) is said to
 * be unknown instead of showing an empty table.
 */
export function useResolvedFilters(filters: OverviewFilters): ResolvedFilters {
  const catalogApi = useApi(catalogApiRef);
  const [known, setKnown] = useState<Record<string, Entity>>({});
  const remember = useCallback(
    (entity: Entity) =>
      setKnown(k => ({ ...k, [stringifyEntityRef(entity)]: entity })),
    [],
  );

  const refs: Partial<Record<RefFilter, string>> = {};
  const problems: ResolvedFilters['problems'] = {};
  if (!(INDEXED_KINDS as readonly string[]).includes(filters.kind)) {
    problems.kind = `Not a kind the overview lists: ${filters.kind}`;
  }
  for (const key of REF_FILTER_KEYS) {
    if (!filters[key]) continue;
    const resolved = resolveFilterRef(key, filters[key]);
    if ('ref' in resolved) refs[key] = resolved.ref;
    else problems[key] = resolved.problem;
  }
  const missing = Object.values(refs)
    .filter(ref => !known[ref])
    .sort()
    .join(' ');
  // The answer names the refs it is for: while a new look-up is on its
  // way, the last answer must not call the new refs unknown.
  const lookUp = useAsync(async () => {
    if (!missing) return { missing, found: {} };
    const entityRefs = missing.split(' ');
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs,
      fields: ENTITY_TITLE_FIELDS,
    });
    const found: Record<string, Entity | null> = Object.fromEntries(
      entityRefs.map((ref, i) => [ref, items[i] ?? null]),
    );
    return { missing, found };
  }, [catalogApi, missing]);
  const found =
    lookUp.value?.missing === missing ? lookUp.value.found : undefined;
  // Without the catalog's answer the refs are used as they are.
  const ready = !missing || found !== undefined || Boolean(lookUp.error);

  const entities: ResolvedFilters['entities'] = {};
  for (const key of REF_FILTER_KEYS) {
    const ref = refs[key];
    if (!ref) continue;
    entities[key] = known[ref] ?? found?.[ref];
    if (entities[key] === null) {
      problems[key] = `Unknown ${parseEntityRef(ref).kind}: ${ref}`;
    }
  }
  const text = (value: string) => value.trim() || undefined;
  return {
    entityFilter: ready
      ? {
          kind: text(filters.kind),
          owner: refs.owner,
          system: refs.system,
          domain: refs.domain,
          lifecycle: text(filters.lifecycle),
          minLevel:
            filters.minLevel === '' ? undefined : Number(filters.minLevel),
        }
      : undefined,
    entities,
    problems,
    remember,
  };
}
