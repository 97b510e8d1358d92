import { act, renderHook } from '@testing-library/react';
import { makeAssessment, model } from '../../__testUtils__/fixtures';
import { loadDraft, storeDraft } from './draftStorage';
import { draftFrom } from './formState';
import { useAssessmentDraft } from './useAssessmentDraft';

const entityRef = 'component:default/payments';
const outcomes = 'business-outcomes.outcomes';

describe('useAssessmentDraft', () => {
  afterEach(() => window.localStorage.clear());

  it('keeps a changed draft in the browser, and drops it once unchanged again', () => {
    const base = makeAssessment({ revision: 4 });
    const { result } = renderHook(() =>
      useAssessmentDraft({ model, entityRef, base }),
    );
    expect(result.current.dirty).toBe(false);
    expect(result.current.baseRevision).toBe(4);
    expect(result.current.reviewStep).toBe(model.dimensions.length);

    act(() =>
      result.current.edit({ field: 'target', topicId: outcomes, value: 3 }),
    );
    expect(result.current.dirty).toBe(true);
    expect(result.current.changes).toEqual([
      expect.objectContaining({
        topicId: outcomes,
        oldTarget: null,
        newTarget: 3,
      }),
    ]);
    expect(loadDraft(entityRef, 4)?.targets).toEqual({
      ...base.targets,
      [outcomes]: 3,
    });

    act(() => result.current.restart());
    expect(result.current.dirty).toBe(false);
    expect(loadDraft(entityRef, 4)).toBeUndefined();
  });

  it('does not count what would not be sent as a change', () => {
    const { result } = renderHook(() =>
      useAssessmentDraft({ model, entityRef }),
    );
    act(() =>
      result.current.edit({ field: 'notes', topicId: outcomes, value: '  ' }),
    );
    expect(result.current.dirty).toBe(false);
  });

  it('restores the draft kept for the same revision only', () => {
    const kept = { ...draftFrom(undefined), comment: 'half done' };
    storeDraft(entityRef, 2, kept);

    const older = renderHook(() =>
      useAssessmentDraft({
        model,
        entityRef,
        base: makeAssessment({ revision: 3 }),
      }),
    );
    expect(older.result.current.restored).toBe(false);
    expect(older.result.current.draft.comment).toBe('');
    older.unmount();

    storeDraft(entityRef, 2, kept);
    const same = renderHook(() =>
      useAssessmentDraft({
        model,
        entityRef,
        base: makeAssessment({ revision: 2 }),
      }),
    );
    expect(same.result.current.restored).toBe(true);
    expect(same.result.current.draft).toEqual(kept);
    expect(same.result.current.dirty).toBe(true);
  });

  it('tells the steps with errors, and keeps its actions stable', () => {
    const { result } = renderHook(() =>
      useAssessmentDraft({ model, entityRef }),
    );
    const { edit } = result.current;
    act(() =>
      result.current.showErrors({
        'ratings/process.audit-and-logs/1': 'x',
        comment: 'y',
      }),
    );
    const processStep = model.dimensions.findIndex(d =>
      d.topics.some(t => t.id === 'process.audit-and-logs'),
    );
    expect([...result.current.stepsWithErrors]).toEqual([
      processStep,
      model.dimensions.length,
    ]);
    expect(result.current.step).toBe(processStep);
    expect(result.current.edit).toBe(edit);
  });
});
