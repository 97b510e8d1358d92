import { useEffect, useState } from 'react';

/**
 * Guards unsaved changes: while there are some, the browser asks before the
 * page is left, and leaving the form asks for a confirmation first.
 */
export function useUnsavedChangesGuard(options: {
  dirty: boolean;
  /** Leaves the form, dropping its changes. */
  leave: () => void;
}) {
  const { dirty, leave } = options;
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers only ask when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return {
    /** Whether the confirmation is asked. */
    confirming,
    /** Leaves at once without changes, else asks first. */
    requestLeave: () => (dirty ? setConfirming(true) : leave()),
    keepEditing: () => setConfirming(false),
    leave,
  };
}
