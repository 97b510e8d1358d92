import { model } from '../../__testUtils__/fixtures';
import { draftFrom } from './formState';
import { changesBetween, ratingsForLevel } from './quickFill';
import { discardDraft, loadDraft, storeDraft } from './draftStorage';

const audit = model.dimensions
  .flatMap(d => d.topics)
  .find(t => t.id === 'process.audit-and-logs')!;

describe('ratingsForLevel', () => {
  it('rates every level up to the chosen one fully and the rest not yet', () => {
    expect(ratingsForLevel(audit, 3)).toEqual({
      '1': 'fully',
      '2': 'fully',
      '3': 'fully',
      '4': 'not-yet',
      '5': 'not-yet',
    });
    expect(Object.values(ratingsForLevel(audit, 0))).toEqual(
      Array(audit.levels.length).fill('not-yet'),
    );
  });
});

describe('changesBetween', () => {
  it('lists the topics whose level, ratings or target change', () => {
    const before = draftFrom();
    before.ratings[audit.id] = { '1': 'fully', '2': 'fully', '3': 'not-yet' };
    const after = {
      ...before,
      ratings: { ...before.ratings, [audit.id]: ratingsForLevel(audit, 3) },
      targets: { 'process.security': 4 },
    };
    expect(changesBetween(model, before, after)).toEqual([
      expect.objectContaining({
        topicId: audit.id,
        title: 'Audit and Logs',
        oldLevel: 2,
        newLevel: 3,
        // level 3 from not-yet to fully, levels 4 and 5 newly rated
        ratingsChanged: 3,
        oldTarget: null,
        newTarget: null,
      }),
      expect.objectContaining({
        topicId: 'process.security',
        oldLevel: null,
        newLevel: null,
        ratingsChanged: 0,
        oldTarget: null,
        newTarget: 4,
      }),
    ]);
    expect(changesBetween(model, before, before)).toEqual([]);
  });
});

describe('draft storage', () => {
  const ref = 'component:default/payments';
  afterEach(() => window.localStorage.clear());

  it('gives back the draft of the same entity and base revision only', () => {
    const draft = { ...draftFrom(), comment: 'half done' };
    storeDraft(ref, 2, draft);
    expect(loadDraft('Component:default/Payments', 2)).toEqual(draft);
    expect(loadDraft(ref, 3)).toBeUndefined();
    expect(loadDraft('component:default/other', 2)).toBeUndefined();
    discardDraft(ref);
    expect(loadDraft(ref, 2)).toBeUndefined();
  });

  it('ignores an unreadable entry', () => {
    window.localStorage.setItem(`cnmm-maturity:draft:${ref}`, '{not json');
    expect(loadDraft(ref, 0)).toBeUndefined();
  });
});
