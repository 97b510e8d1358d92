import { catalogColumns } from './index';

const titles = (kind: string, shownKind?: string) =>
  catalogColumns({
    filters: { kind: { value: kind } },
    entities: shownKind
      ? [{ kind: shownKind, metadata: { name: 'x', namespace: 'default' } }]
      : [],
  } as any).map(column => column.title);

describe('the demo catalog columns', () => {
  it('add Maturity to the catalog columns of components only', () => {
    expect(titles('Component')).toContain('Maturity');
    expect(titles('component').at(-1)).toBe('Maturity');
    expect(titles('api')).not.toContain('Maturity');
    expect(titles('group')).not.toContain('Maturity');
    // Rows of the previous kind still shown decide, as for the other columns.
    expect(titles('component', 'System')).not.toContain('Maturity');
    expect(titles('system', 'Component')).toContain('Maturity');
  });
});
