import { CatalogMaturityRow } from '@cnmm/backstage-plugin-maturity-common';
import {
  catalogRowLoader,
  CatalogRowLoader,
  invalidateCatalogMaturity,
} from './loader';

const row = (entityRef: string): CatalogMaturityRow => ({
  entityRef,
  assessed: true,
  level: 2,
  stale: false,
});

function fakeApi() {
  return {
    getCatalogRows: jest.fn(async (refs: string[]) =>
      refs.map(ref => (ref.endsWith('hidden') ? null : row(ref))),
    ),
  };
}

describe('CatalogRowLoader', () => {
  it('answers the refs asked in the same tick with one request', async () => {
    const api = fakeApi();
    const loader = new CatalogRowLoader(api);
    const answers = Promise.all(
      [
        'component:default/a',
        'Component:default/B',
        'component:default/hidden',
      ].map(ref => loader.load(ref)),
    );
    // The same ref twice in a page is asked once.
    const again = loader.load('component:default/a');

    await expect(answers).resolves.toEqual([
      row('component:default/a'),
      row('component:default/b'),
      null,
    ]);
    await expect(again).resolves.toEqual(row('component:default/a'));
    expect(api.getCatalogRows).toHaveBeenCalledTimes(1);
    expect(api.getCatalogRows).toHaveBeenCalledWith([
      'component:default/a',
      'component:default/b',
      'component:default/hidden',
    ]);
  });

  it('keeps rows for the session, bounded, and forgets on request', async () => {
    const api = fakeApi();
    const loader = new CatalogRowLoader(api, 2);
    await Promise.all(
      ['a', 'b'].map(n => loader.load(`component:default/${n}`)),
    );
    await loader.load('component:default/a');
    expect(api.getCatalogRows).toHaveBeenCalledTimes(1);

    // A third row evicts the least recently shown one, b.
    await loader.load('component:default/c');
    await loader.load('component:default/a');
    expect(api.getCatalogRows).toHaveBeenCalledTimes(2);
    await loader.load('component:default/b');
    expect(api.getCatalogRows).toHaveBeenCalledTimes(3);

    loader.forget('Component:default/B');
    await loader.load('component:default/b');
    expect(api.getCatalogRows).toHaveBeenLastCalledWith([
      'component:default/b',
    ]);
  });

  it('rejects a failed batch and asks again next time', async () => {
    const api = fakeApi();
    api.getCatalogRows.mockRejectedValueOnce(new Error('backend down'));
    const loader = new CatalogRowLoader(api);
    await expect(loader.load('component:default/a')).rejects.toThrow(
      'backend down',
    );
    await expect(loader.load('component:default/a')).resolves.toEqual(
      row('component:default/a'),
    );
    expect(api.getCatalogRows).toHaveBeenCalledTimes(2);
  });
});

describe('invalidateCatalogMaturity', () => {
  it("drops an entity's row from the loader of that API only", async () => {
    const api = fakeApi();
    const other = fakeApi();
    await Promise.all(
      ['a', 'b'].map(n => catalogRowLoader(api).load(`component:default/${n}`)),
    );
    await catalogRowLoader(other).load('component:default/a');

    invalidateCatalogMaturity(api, 'Component:default/A');

    await catalogRowLoader(api).load('component:default/b');
    expect(api.getCatalogRows).toHaveBeenCalledTimes(1);
    await catalogRowLoader(api).load('component:default/a');
    expect(api.getCatalogRows).toHaveBeenCalledTimes(2);
    expect(api.getCatalogRows).toHaveBeenLastCalledWith([
      'component:default/a',
    ]);
    await catalogRowLoader(other).load('component:default/a');
    expect(other.getCatalogRows).toHaveBeenCalledTimes(1);
  });

  it('does nothing for an API whose column has loaded nothing', () => {
    const api = fakeApi();
    expect(() =>
      invalidateCatalogMaturity(api, 'component:default/a'),
    ).not.toThrow();
    expect(api.getCatalogRows).not.toHaveBeenCalled();
  });
});
