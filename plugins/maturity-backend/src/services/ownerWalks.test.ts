import { ownerWalks } from './ownerWalks';

describe('ownerWalks', () => {
  const byOwner = { kind: 'component', lifecycle: 'production' };

  it('packs whole owners into walks of about one batch, an owner larger than a batch alone', () => {
    const walks = ownerWalks(
      byOwner,
      [
        { ownerRef: 'group:default/a', count: 400 },
        { ownerRef: 'group:default/b', count: 500 },
        { ownerRef: 'group:default/c', count: 200 },
        { ownerRef: null, count: 50 },
        { ownerRef: 'group:default/big', count: 5000 },
        { ownerRef: 'group:default/d', count: 1 },
      ],
      undefined,
      1000,
    );
    expect(walks).toEqual([
      { ...byOwner, owners: ['group:default/a', 'group:default/b'] },
      { ...byOwner, owners: ['group:default/c'] },
      { ...byOwner, owners: ['group:default/big'] },
      { ...byOwner, owners: ['group:default/d'] },
    ]);
  });

  it('keeps a walk to 500 owners however few their rows, and walks the co-owned last', () => {
    const counts = Array.from({ length: 1200 }, (_, i) => ({
      ownerRef: `group:default/t${i}`,
      count: 0,
    }));
    const walks = ownerWalks(byOwner, counts, ['component:default/x'], 1000);
    expect(walks.map(w => w.owners?.length)).toEqual([
      500,
      500,
      200,
      undefined,
    ]);
    expect(walks.flatMap(w => w.owners ?? [])).toEqual(
      counts.map(c => c.ownerRef),
    );
    expect(walks[3]).toEqual({ ...byOwner, coOwned: ['component:default/x'] });
  });

  it('has no walk for a scope without owners', () => {
    expect(ownerWalks(byOwner, [], [], 1000)).toEqual([]);
  });
});
