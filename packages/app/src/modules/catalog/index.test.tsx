import { catalogColumns } from './index';

const titles = (kind: string) =>
  catalogColumns({
    filters: { kind: { value: kind } },
    entities: [],
  } as any).map(column => column.title);

describe('the demo catalog columns', () => {
  it('add Maturity to the catalog columns of components only', () => {
    expect(titles('Component')).toContain('Maturity');
    expect(titles('component').at(-1)).toBe('Maturity');
    expect(titles('api')).not.toContain('Maturity');
    expect(titles('group')).not.toContain('Maturity');
  });
});
