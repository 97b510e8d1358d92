import { model } from '../../__testUtils__/fixtures';
import { levelChange } from './levelChange';

describe('levelChange', () => {
  it('marks a higher or lower level with an arrow and the earlier level', () => {
    expect(levelChange(model, 3, 2, '1 Jun 2026')).toEqual({
      arrow: '▲',
      text: 'up from 2 · Operate on 1 Jun 2026',
    });
    expect(levelChange(model, 0, 1, '1 Jun 2026')).toEqual({
      arrow: '▼',
      text: 'down from 1 · Build on 1 Jun 2026',
    });
  });

  it('marks no arrow for a level unchanged, first rated or no longer rated', () => {
    expect(levelChange(model, 2, 2, '1 Jun 2026')).toEqual({
      arrow: '',
      text: 'unchanged since 1 Jun 2026',
    });
    expect(levelChange(model, 2, null, '1 Jun 2026')).toEqual({
      arrow: '',
      text: 'was Not assessed on 1 Jun 2026',
    });
    expect(levelChange(model, null, 4, '1 Jun 2026')).toEqual({
      arrow: '',
      text: 'was 4 · Improve on 1 Jun 2026',
    });
  });
});
