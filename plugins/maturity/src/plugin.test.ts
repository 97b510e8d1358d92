import { maturityPlugin } from './alpha/plugin';

describe('maturity', () => {
  it('should export plugin', () => {
    expect(maturityPlugin).toBeDefined();
  });
});
