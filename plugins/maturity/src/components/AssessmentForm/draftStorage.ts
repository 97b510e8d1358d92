import { Draft } from './formState';

// One draft per entity, kept in the browser until it is saved or discarded.
const storageKey = (entityRef: string) =>
  `cnmm-maturity:draft:${entityRef.toLocaleLowerCase('en-US')}`;

interface StoredDraft {
  baseRevision: number;
  draft: Draft;
}

/**
 * The draft kept for an entity, when it was started from the same revision:
 * one started from an older revision would silently undo what was saved
 * since, so it is not offered.
 */
export function loadDraft(
  entityRef: string,
  baseRevision: number,
): Draft | undefined {
  try {
    const text = window.localStorage.getItem(storageKey(entityRef));
    if (!text) return undefined;
    const stored = JSON.parse(text) as StoredDraft;
    return stored.baseRevision === baseRevision ? stored.draft : undefined;
  } catch {
    // Storage disabled or an unreadable entry: start from the revision.
    return undefined;
  }
}

export function storeDraft(
  entityRef: string,
  baseRevision: number,
  draft: Draft,
) {
  try {
    const stored: StoredDraft = { baseRevision, draft };
    window.localStorage.setItem(storageKey(entityRef), JSON.stringify(stored));
  } catch {
    // Storage full or disabled: the form still works, without a draft.
  }
}

export function discardDraft(entityRef: string) {
  try {
    window.localStorage.removeItem(storageKey(entityRef));
  } catch {
    // Nothing kept, nothing to discard.
  }
}
