import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  indexRecordOf,
  lifecycleOf,
  normalizeRef,
  ownerOf,
  ownersOf,
  parseFilterRef,
  relationTarget,
  systemOf,
} from './entityRefs';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'Payments-API',
    namespace: 'Finance',
    title: 'Payments API',
    etag: 'etag-1',
  },
  spec: { lifecycle: 'Production', owner: 'payments' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:finance/Payments' },
    { type: 'partOf', targetRef: 'domain:default/Commerce' },
    { type: 'ownedBy', targetRef: 'user:default/Pat' },
    { type: 'partOf', targetRef: 'system:default/Shop' },
    { type: 'childOf', targetRef: 'group:default/parent' },
  ],
};

describe('normalizeRef', () => {
  it('lower-cases a string ref', () => {
    expect(normalizeRef('Component:Default/Web')).toBe('component:default/web');
  });

  it('stringifies and lower-cases an entity', () => {
    expect(normalizeRef(entity)).toBe('component:finance/payments-api');
  });
});

describe('parseFilterRef', () => {
  it('completes a bare name with the default kind and namespace', () => {
    expect(parseFilterRef('Payments', 'group')).toBe('group:default/payments');
  });

  it('keeps a kind and namespace that are given', () => {
    expect(parseFilterRef('user:ops/Sam', 'group')).toBe('user:ops/sam');
  });

  it('answers InputError naming the value and where it was found', () => {
    expect(() => parseFilterRef('group:', 'group', ' in owner')).toThrow(
      new InputError('Invalid entity ref "group:" in owner'),
    );
  });
});

describe('relationTarget', () => {
  it('finds the first relation of a type, lower-cased', () => {
    expect(relationTarget(entity, 'ownedBy')).toBe('group:finance/payments');
  });

  it('keeps to relations whose target is of the kind asked', () => {
    expect(relationTarget(entity, 'partOf', 'system')).toBe(
      'system:default/shop',
    );
  });

  it('answers null without such a relation', () => {
    expect(relationTarget({ ...entity, relations: undefined }, 'ownedBy')).toBe(
      null,
    );
  });
});

describe('lifecycleOf, ownerOf and systemOf', () => {
  it('reads the lifecycle as written', () => {
    expect(lifecycleOf(entity)).toBe('Production');
  });

  it('answers a null lifecycle when it is not a string', () => {
    expect(lifecycleOf({ ...entity, spec: { lifecycle: 3 } })).toBeNull();
  });

  it('reads the owner from the ownedBy relation, not spec.owner', () => {
    expect(ownerOf(entity)).toBe('group:finance/payments');
  });

  it('reads every owner, the first one first, each once', () => {
    const twice = {
      ...entity,
      relations: [
        ...entity.relations!,
        { type: 'ownedBy', targetRef: 'group:finance/payments' },
      ],
    };
    expect(ownersOf(twice)).toEqual([
      'group:finance/payments',
      'user:default/pat',
    ]);
    expect(ownersOf({ ...entity, relations: undefined })).toEqual([]);
  });

  it('reads the system from a partOf relation to a system, not a domain', () => {
    expect(systemOf(entity)).toBe('system:default/shop');
  });
});

describe('indexRecordOf', () => {
  it('keeps what the index needs of an entity', () => {
    expect(indexRecordOf(entity)).toEqual({
      entityRef: 'component:finance/payments-api',
      kind: 'component',
      namespace: 'Finance',
      name: 'Payments-API',
      title: 'Payments API',
      ownerRef: 'group:finance/payments',
      ownerRefs: ['group:finance/payments', 'user:default/pat'],
      systemRef: 'system:default/shop',
      domainRef: 'domain:default/commerce',
      lifecycle: 'Production',
      parentRef: 'group:default/parent',
      etag: 'etag-1',
    });
  });

  it('fills what a bare entity lacks with the default namespace and nulls', () => {
    const bare: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'ops' },
    };
    expect(indexRecordOf(bare)).toEqual({
      entityRef: 'group:default/ops',
      kind: 'group',
      namespace: 'default',
      name: 'ops',
      title: null,
      ownerRef: null,
      ownerRefs: [],
      systemRef: null,
      domainRef: null,
      lifecycle: null,
      parentRef: null,
      etag: null,
    });
  });
});
