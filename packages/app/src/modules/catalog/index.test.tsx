import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('the catalog module of the README', () => {
  it('is this file, as the README shows it for adopters to copy', () => {
    const readme = readFileSync(
      join(__dirname, '../../../../../README.md'),
      'utf8',
    );
    const shown = readme.match(
      /<!-- test:install file packages\/app\/src\/modules\/catalog\/index\.tsx -->\n\n```tsx\n([\s\S]*?)\n```/,
    );
    expect(shown?.[1]).toBe(
      readFileSync(join(__dirname, 'index.tsx'), 'utf8').trimEnd(),
    );
  });
});
