import { makeAssessment, model } from '../../__testUtils__/fixtures';
import {
  DraftAction,
  DraftState,
  initialDraftState,
  reduceDraft,
} from './draftReducer';
import { draftFrom } from './formState';

const outcomes = 'business-outcomes.outcomes';
const audit = 'process.audit-and-logs';
const processStep = model.dimensions.findIndex(d => d.id === 'process');
const reviewStep = model.dimensions.length;

function reduce(state: DraftState, ...actions: DraftAction[]): DraftState {
  return actions.reduce((s, action) => reduceDraft(model, s, action), state);
}

const empty = () => initialDraftState(undefined, undefined);

/** A state with errors on every field of both topics and the comment. */
function withErrors(): DraftState {
  return reduce(empty(), {
    type: 'showErrors',
    errors: {
      [`ratings/${outcomes}`]: 'a',
      [`ratings/${outcomes}/2`]: 'b',
      [`targets/${outcomes}`]: 'c',
      [`notes/${outcomes}`]: 'd',
      [`evidence/${outcomes}/0`]: 'e',
      [`ratings/${audit}/1`]: 'f',
      comment: 'g',
    },
  });
}

describe('initialDraftState', () => {
  it('starts from the base, or from a restored draft', () => {
    const base = makeAssessment({ revision: 3 });
    const fresh = initialDraftState(base, undefined);
    expect(fresh).toEqual({
      base,
      initial: draftFrom(base),
      draft: draftFrom(base),
      restored: false,
      step: 0,
      fieldErrors: {},
    });
    const kept = { ...draftFrom(base), comment: 'kept' };
    const restored = initialDraftState(base, kept);
    expect(restored.draft).toBe(kept);
    expect(restored.initial).toEqual(draftFrom(base));
    expect(restored.restored).toBe(true);
  });
});

describe('reduceDraft', () => {
  it('rates a level, and unrates it, clearing only the ratings errors of the topic', () => {
    const rated = reduce(withErrors(), {
      type: 'edit',
      edit: { field: 'rating', topicId: outcomes, level: 2, value: 'largely' },
    });
    expect(rated.draft.ratings[outcomes]).toEqual({ '2': 'largely' });
    expect(Object.keys(rated.fieldErrors)).toEqual([
      `targets/${outcomes}`,
      `notes/${outcomes}`,
      `evidence/${outcomes}/0`,
      `ratings/${audit}/1`,
      'comment',
    ]);

    const unrated = reduce(rated, {
      type: 'edit',
      edit: { field: 'rating', topicId: outcomes, level: 2, value: undefined },
    });
    expect(unrated.draft.ratings[outcomes]).toEqual({});
  });

  it('sets a topic at a level: fully up to it, not yet above', () => {
    const state = reduce(withErrors(), {
      type: 'edit',
      edit: { field: 'level', topicId: outcomes, value: 2 },
    });
    expect(state.draft.ratings[outcomes]).toEqual({
      '1': 'fully',
      '2': 'fully',
      '3': 'not-yet',
      '4': 'not-yet',
      '5': 'not-yet',
    });
    expect(state.fieldErrors[`ratings/${outcomes}`]).toBeUndefined();
    expect(state.fieldErrors[`ratings/${outcomes}/2`]).toBeUndefined();
    expect(state.fieldErrors[`targets/${outcomes}`]).toBe('c');
  });

  it('ignores a level for a topic the model does not have', () => {
    const before = withErrors();
    const after = reduce(before, {
      type: 'edit',
      edit: { field: 'level', topicId: 'no.such-topic', value: 2 },
    });
    expect(after).toBe(before);
  });

  it('sets and removes a target', () => {
    const set = reduce(withErrors(), {
      type: 'edit',
      edit: { field: 'target', topicId: outcomes, value: 3 },
    });
    expect(set.draft.targets).toEqual({ [outcomes]: 3 });
    expect(set.fieldErrors[`targets/${outcomes}`]).toBeUndefined();
    expect(set.fieldErrors[`ratings/${outcomes}`]).toBe('a');

    const removed = reduce(set, {
      type: 'edit',
      edit: { field: 'target', topicId: outcomes, value: undefined },
    });
    expect(removed.draft.targets).toEqual({});
  });

  it('edits notes, evidence and the comment, each clearing its own errors', () => {
    const state = reduce(
      withErrors(),
      { type: 'edit', edit: { field: 'notes', topicId: outcomes, value: 'n' } },
      {
        type: 'edit',
        edit: { field: 'evidence', topicId: outcomes, value: ['https://x'] },
      },
      { type: 'edit', edit: { field: 'comment', value: 'why' } },
    );
    expect(state.draft.notes).toEqual({ [outcomes]: 'n' });
    expect(state.draft.evidence).toEqual({ [outcomes]: ['https://x'] });
    expect(state.draft.comment).toBe('why');
    expect(state.fieldErrors).toEqual({
      [`ratings/${outcomes}`]: 'a',
      [`ratings/${outcomes}/2`]: 'b',
      [`targets/${outcomes}`]: 'c',
      [`ratings/${audit}/1`]: 'f',
    });
  });

  it('keeps the same errors object when an edit clears none', () => {
    const before = reduce(empty(), {
      type: 'showErrors',
      errors: { comment: 'g' },
    });
    const after = reduce(before, {
      type: 'edit',
      edit: { field: 'notes', topicId: outcomes, value: 'n' },
    });
    expect(after.fieldErrors).toBe(before.fieldErrors);
  });

  it('moves between steps', () => {
    expect(reduce(empty(), { type: 'goTo', step: 3 }).step).toBe(3);
  });

  it('shows errors on the step of the first one', () => {
    const onTopic = reduce(empty(), {
      type: 'showErrors',
      errors: { [`evidence/${audit}/0`]: 'bad', comment: 'long' },
    });
    expect(onTopic.step).toBe(processStep);
    expect(onTopic.fieldErrors).toEqual({
      [`evidence/${audit}/0`]: 'bad',
      comment: 'long',
    });

    const onComment = reduce(empty(), {
      type: 'showErrors',
      errors: { comment: 'long' },
    });
    expect(onComment.step).toBe(reviewStep);

    const none = reduce(
      onTopic,
      { type: 'goTo', step: 1 },
      { type: 'showErrors', errors: {} },
    );
    expect(none.step).toBe(1);
    expect(none.fieldErrors).toEqual({});
  });

  it('starts over from the base', () => {
    const base = makeAssessment();
    const state = reduce(
      initialDraftState(base, undefined),
      { type: 'edit', edit: { field: 'comment', value: 'why' } },
      { type: 'edit', edit: { field: 'target', topicId: audit, value: 1 } },
      { type: 'restart' },
    );
    expect(state.draft).toEqual(draftFrom(base));
  });

  it('reloads from a newer snapshot, dropping changes and errors', () => {
    const latest = makeAssessment({
      revision: 9,
      ratings: { [outcomes]: { '1': 'fully' } },
    });
    const state = reduce(
      withErrors(),
      { type: 'edit', edit: { field: 'comment', value: 'why' } },
      { type: 'goTo', step: 2 },
      { type: 'reload', latest },
    );
    expect(state.base).toBe(latest);
    expect(state.initial).toEqual(draftFrom(latest));
    expect(state.draft).toEqual(draftFrom(latest));
    expect(state.fieldErrors).toEqual({});
    expect(state.step).toBe(2);
  });
});
