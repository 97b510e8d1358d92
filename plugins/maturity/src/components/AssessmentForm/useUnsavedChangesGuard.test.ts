import { act, renderHook } from '@testing-library/react';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

function unload(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('useUnsavedChangesGuard', () => {
  it('leaves at once and lets the page go without changes', () => {
    const leave = jest.fn();
    const { result } = renderHook(() =>
      useUnsavedChangesGuard({ dirty: false, leave }),
    );
    expect(unload()).toBe(false);
    act(() => result.current.requestLeave());
    expect(leave).toHaveBeenCalledTimes(1);
    expect(result.current.confirming).toBe(false);
  });

  it('asks first with changes, and lets the user keep editing', () => {
    const leave = jest.fn();
    const { result } = renderHook(() =>
      useUnsavedChangesGuard({ dirty: true, leave }),
    );
    act(() => result.current.requestLeave());
    expect(leave).not.toHaveBeenCalled();
    expect(result.current.confirming).toBe(true);

    act(() => result.current.keepEditing());
    expect(result.current.confirming).toBe(false);
    act(() => result.current.leave());
    expect(leave).toHaveBeenCalledTimes(1);
  });

  it('holds the page while there are changes, and not after', () => {
    const { rerender, unmount } = renderHook(
      ({ dirty }) => useUnsavedChangesGuard({ dirty, leave: jest.fn() }),
      { initialProps: { dirty: true } },
    );
    expect(unload()).toBe(true);
    rerender({ dirty: false });
    expect(unload()).toBe(false);
    rerender({ dirty: true });
    expect(unload()).toBe(true);
    unmount();
    expect(unload()).toBe(false);
  });
});
