import {
  MaturityModel,
  Rating,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { Draft, draftFrom, FieldErrors, topicOfKey } from './formState';
import { ratingsForLevel } from './quickFill';

/**
 * One change to one field of the draft. Every field editor sends this shape:
 * the field, the topic it belongs to (not for the comment) and the new value.
 */
export type DraftEdit =
  | {
      field: 'rating';
      topicId: string;
      level: number;
      /** Undefined: the level is not rated. */
      value: Rating | undefined;
    }
  /** Rates levels 1..value fully and the ones above not yet. */
  | { field: 'level'; topicId: string; value: number }
  /** Undefined: the configured default target applies. */
  | { field: 'target'; topicId: string; value: number | undefined }
  | { field: 'notes'; topicId: string; value: string }
  | { field: 'evidence'; topicId: string; value: string[] }
  | { field: 'comment'; value: string }
  /** Confirms the unchanged ratings of topics, or takes that back. */
  | { field: 'confirmed'; topicIds: string[]; value: boolean }
  /** The reason of a topic rated entirely not applicable. */
  | { field: 'exemption'; topicId: string; value: string };

/** The form's state: the draft, where it started from, the step shown and its errors. */
export interface DraftState {
  /** The snapshot the draft starts from; none for a first assessment. */
  base?: StoredAssessment;
  /** The draft of the base, to tell what changed. */
  initial: Draft;
  draft: Draft;
  /** Whether the draft was restored from the browser when the form opened. */
  restored: boolean;
  /** The dimension shown, or the review step after the last one. */
  step: number;
  fieldErrors: FieldErrors;
}

export type DraftAction =
  | { type: 'edit'; edit: DraftEdit }
  | { type: 'goTo'; step: number }
  /** Shows errors, on the step of the first one. */
  | { type: 'showErrors'; errors: FieldErrors }
  /** Drops the changes: back to the draft of the base. */
  | { type: 'restart' }
  /** Starts again from a newer snapshot, e.g. after a conflict. */
  | { type: 'reload'; latest: StoredAssessment | undefined };

/** The state of a form opening on a base, or on a draft kept for it. */
export function initialDraftState(
  base: StoredAssessment | undefined,
  restoredDraft: Draft | undefined,
): DraftState {
  const initial = draftFrom(base);
  return {
    base,
    initial,
    draft: restoredDraft ?? initial,
    restored: !!restoredDraft,
    step: 0,
    fieldErrors: {},
  };
}

/** The errors without the ones of a field (and of its parts). */
function without(errors: FieldErrors, prefix: string): FieldErrors {
  const keys = Object.keys(errors).filter(
    k => k === prefix || k.startsWith(`${prefix}/`),
  );
  if (!keys.length) return errors;
  const next = { ...errors };
  keys.forEach(k => delete next[k]);
  return next;
}

/**
 * A draft whose topic is rated anew: a confirmation of its ratings no longer
 * applies (changed ratings attest the topic anyway).
 */
function rerated(
  d: Draft,
  topicId: string,
  ratings: Record<string, Rating>,
): Draft {
  return {
    ...d,
    ratings: { ...d.ratings, [topicId]: ratings },
    confirmed: d.confirmed?.filter(id => id !== topicId),
  };
}

/** The draft with topics confirmed (or no longer), each once. */
export function withConfirmed(
  d: Draft,
  topicIds: string[],
  value: boolean,
): Draft {
  const others = (d.confirmed ?? []).filter(id => !topicIds.includes(id));
  return { ...d, confirmed: value ? [...others, ...topicIds] : others };
}

/** The draft after an edit, and the keys of the errors the edit clears. */
function applyEdit(
  model: MaturityModel,
  d: Draft,
  edit: DraftEdit,
): { draft: Draft; clears: string[] } | undefined {
  switch (edit.field) {
    case 'rating': {
      const levels = { ...d.ratings[edit.topicId] };
      if (edit.value) levels[String(edit.level)] = edit.value;
      else delete levels[String(edit.level)];
      return {
        draft: rerated(d, edit.topicId, levels),
        // Whether the topic needs a reason may change with its ratings.
        clears: [`ratings/${edit.topicId}`, `exemptions/${edit.topicId}`],
      };
    }
    case 'level': {
      const topic = model.dimensions
        .flatMap(dimension => dimension.topics)
        .find(t => t.id === edit.topicId);
      if (!topic) return undefined;
      return {
        draft: rerated(d, edit.topicId, ratingsForLevel(topic, edit.value)),
        clears: [`ratings/${edit.topicId}`, `exemptions/${edit.topicId}`],
      };
    }
    case 'target': {
      const targets = { ...d.targets };
      if (edit.value === undefined) delete targets[edit.topicId];
      else targets[edit.topicId] = edit.value;
      return { draft: { ...d, targets }, clears: [`targets/${edit.topicId}`] };
    }
    case 'notes':
      return {
        draft: { ...d, notes: { ...d.notes, [edit.topicId]: edit.value } },
        clears: [`notes/${edit.topicId}`],
      };
    case 'evidence':
      return {
        draft: {
          ...d,
          evidence: { ...d.evidence, [edit.topicId]: edit.value },
        },
        clears: [`evidence/${edit.topicId}`],
      };
    case 'comment':
      return { draft: { ...d, comment: edit.value }, clears: ['comment'] };
    case 'confirmed':
      return {
        draft: withConfirmed(d, edit.topicIds, edit.value),
        clears: [],
      };
    case 'exemption':
      return {
        draft: {
          ...d,
          exemptions: { ...d.exemptions, [edit.topicId]: edit.value },
        },
        clears: [`exemptions/${edit.topicId}`],
      };
    default:
      return undefined;
  }
}

/** The step that shows a field: its topic's dimension, else the review step. */
export function stepOfKey(model: MaturityModel, key: string): number {
  const topic = topicOfKey(key);
  const step = topic
    ? model.dimensions.findIndex(d => d.topics.some(t => t.id === topic))
    : -1;
  return step < 0 ? model.dimensions.length : step;
}

/** The form's reducer: the model tells topics' levels and steps apart. */
export function reduceDraft(
  model: MaturityModel,
  state: DraftState,
  action: DraftAction,
): DraftState {
  switch (action.type) {
    case 'edit': {
      const edited = applyEdit(model, state.draft, action.edit);
      if (!edited) return state;
      return {
        ...state,
        draft: edited.draft,
        fieldErrors: edited.clears.reduce(without, state.fieldErrors),
      };
    }
    case 'goTo':
      return { ...state, step: action.step };
    case 'showErrors': {
      const first = Object.keys(action.errors)[0];
      return {
        ...state,
        fieldErrors: action.errors,
        step: first === undefined ? state.step : stepOfKey(model, first),
      };
    }
    case 'restart':
      return { ...state, draft: state.initial };
    case 'reload': {
      const next = draftFrom(action.latest);
      return {
        ...state,
        base: action.latest,
        initial: next,
        draft: next,
        fieldErrors: {},
      };
    }
    default:
      return state;
  }
}
