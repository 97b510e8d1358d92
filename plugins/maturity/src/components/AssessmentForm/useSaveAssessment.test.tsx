import { ResponseError } from '@backstage/errors';
import { TestApiProvider } from '@backstage/test-utils';
import { StoredAssessment } from '@cnmm/backstage-plugin-maturity-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import {
  makeAssessment,
  mockMaturityApi,
  MockMaturityApi,
  model,
} from '../../__testUtils__/fixtures';
import { maturityApiRef } from '../../api/MaturityApi';
import { catalogRowLoader } from '../CatalogMaturity/loader';
import { loadDraft, storeDraft } from './draftStorage';
import { Draft, draftFrom } from './formState';
import { useSaveAssessment } from './useSaveAssessment';

const entityRef = 'component:default/payments';
const outcomes = 'business-outcomes.outcomes';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

const rated: Draft = {
  ...draftFrom(undefined),
  ratings: { [outcomes]: { '1': 'fully' } },
  evidence: { [outcomes]: ['', 'https://example.com/kpis'] },
};

function renderSave(api: MockMaturityApi, draft: Draft = rated) {
  const showErrors = jest.fn();
  const onReloaded = jest.fn();
  const onSaved = jest.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[maturityApiRef, api]]}>{children}</TestApiProvider>
  );
  const { result } = renderHook(
    () =>
      useSaveAssessment({
        model,
        entityRef,
        draft,
        baseRevision: 3,
        showErrors,
        onReloaded,
        onSaved,
      }),
    { wrapper },
  );
  return { result, showErrors, onReloaded, onSaved };
}

describe('useSaveAssessment', () => {
  afterEach(() => window.localStorage.clear());

  it('saves, drops the kept draft and the catalog row, and reports the snapshot', async () => {
    const stored = makeAssessment({ revision: 4 });
    const api = mockMaturityApi({
      submitAssessment: jest.fn().mockResolvedValue(stored),
    });
    await catalogRowLoader(api).load(entityRef);
    storeDraft(entityRef, 3, rated);
    const { result, onSaved } = renderSave(api);

    await act(() => result.current.save());

    expect(api.submitAssessment).toHaveBeenCalledWith(entityRef, {
      baseRevision: 3,
      ratings: { [outcomes]: { '1': 'fully' } },
      evidence: { [outcomes]: ['https://example.com/kpis'] },
    });
    expect(onSaved).toHaveBeenCalledWith(stored);
    expect(result.current.problem).toBeUndefined();
    expect(result.current.busy).toBeUndefined();
    expect(loadDraft(entityRef, 3)).toBeUndefined();
    await catalogRowLoader(api).load(entityRef);
    expect(api.getCatalogRows).toHaveBeenCalledTimes(2);
  });

  it('does not send what fails validation, and shows where', async () => {
    const api = mockMaturityApi();
    const draft = { ...rated, evidence: { [outcomes]: ['', 'wiki page'] } };
    const { result, showErrors } = renderSave(api, draft);

    await act(() => result.current.save());

    expect(api.submitAssessment).not.toHaveBeenCalled();
    // The index is the field's place in the form, blanks included.
    expect(showErrors).toHaveBeenCalledWith({
      [`evidence/${outcomes}/1`]: 'must be an http(s) URL',
    });
    expect(result.current.problem).toEqual({
      kind: 'invalid',
      message: 'Some fields need attention before the assessment can be saved.',
      details: [],
    });
  });

  it('reports a conflict, and reloads the latest snapshot', async () => {
    const latest = makeAssessment({ revision: 9 });
    const api = mockMaturityApi({
      submitAssessment: jest
        .fn()
        .mockRejectedValue(await responseError(409, 'Not the latest')),
      getAssessment: jest.fn().mockResolvedValue(latest),
    });
    const { result, onSaved, onReloaded } = renderSave(api);

    await act(() => result.current.save());
    expect(result.current.problem).toEqual({ kind: 'conflict' });
    expect(onSaved).not.toHaveBeenCalled();

    await act(() => result.current.reload());
    expect(onReloaded).toHaveBeenCalledWith(latest);
    expect(result.current.problem).toBeUndefined();
    expect(result.current.busy).toBeUndefined();
  });

  it('reports a failed reload', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    const { result, onReloaded } = renderSave(api);
    await act(() => result.current.reload());
    expect(onReloaded).not.toHaveBeenCalled();
    expect(result.current.problem).toEqual({
      kind: 'error',
      message: 'backend down',
    });
  });

  it("shows the server's validation errors at the fields it names", async () => {
    const message = `Invalid assessment: evidence.${outcomes}.0: must be reachable`;
    const api = mockMaturityApi({
      submitAssessment: jest
        .fn()
        .mockRejectedValue(await responseError(400, message)),
    });
    const { result, showErrors } = renderSave(api);
    await act(() => result.current.save());
    // The server's first link is the second field: the blank one is not sent.
    expect(showErrors).toHaveBeenCalledWith({
      [`evidence/${outcomes}/1`]: 'must be reachable',
    });
    expect(result.current.problem).toEqual({ kind: 'invalid', message });
  });

  it.each<[string, unknown, string]>([
    [
      'a refusal',
      'forbidden',
      'You are not allowed to record an assessment for this entity.',
    ],
    ['any other failure', new Error('backend down'), 'backend down'],
  ])('explains %s', async (_, failure, message) => {
    const error =
      failure === 'forbidden' ? await responseError(403, 'Denied') : failure;
    const api = mockMaturityApi({
      submitAssessment: jest.fn().mockRejectedValue(error),
    });
    const { result, onSaved } = renderSave(api);
    await act(() => result.current.save());
    expect(result.current.problem).toEqual({ kind: 'error', message });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('is busy while saving', async () => {
    let answer: (stored: StoredAssessment) => void = () => {};
    const pending = new Promise<StoredAssessment>(resolve => {
      answer = resolve;
    });
    const api = mockMaturityApi({
      submitAssessment: jest.fn().mockReturnValue(pending),
    });
    const { result } = renderSave(api);
    let saving: Promise<void> = Promise.resolve();
    act(() => {
      saving = result.current.save();
    });
    expect(result.current.busy).toBe('saving');
    await act(async () => {
      answer(makeAssessment());
      await saving;
    });
    expect(result.current.busy).toBeUndefined();
  });
});
