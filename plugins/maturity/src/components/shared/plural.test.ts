import { plural } from './plural';

describe('plural', () => {
  it('reads one in the singular and any other count in the plural', () => {
    expect(plural(1, 'topic')).toBe('1 topic');
    expect(plural(0, 'topic')).toBe('0 topics');
    expect(plural(22, 'topic')).toBe('22 topics');
    expect(plural(1, 'level')).toBe('1 level');
  });

  it('takes an irregular plural', () => {
    expect(plural(2, 'entity', 'entities')).toBe('2 entities');
    expect(plural(1, 'entity', 'entities')).toBe('1 entity');
  });
});
