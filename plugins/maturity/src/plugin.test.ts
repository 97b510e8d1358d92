import { maturityApiRef } from './api/MaturityApi';
import { maturityPlugin } from './plugin';

describe('maturityPlugin (legacy)', () => {
  it('registers the maturity API factory', () => {
    expect(maturityPlugin.getId()).toBe('maturity');
    const apis = [...maturityPlugin.getApis()];
    expect(apis.map(factory => factory.api)).toEqual([maturityApiRef]);
  });
});
