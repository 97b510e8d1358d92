import type { IndexedRecord } from '../database/MaturityIndex';

/** A catalog entity as the index keeps it, in the default namespace. */
export function indexRecord(
  kind: string,
  name: string,
  fields: Partial<IndexedRecord> = {},
): IndexedRecord {
  return {
    entityRef: `${kind}:default/${name}`,
    kind,
    namespace: 'default',
    name,
    title: null,
    ownerRef: null,
    systemRef: null,
    domainRef: null,
    lifecycle: null,
    parentRef: null,
    etag: null,
    ...fields,
  };
}
