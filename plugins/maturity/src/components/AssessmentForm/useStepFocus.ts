import { KeyboardEvent, useEffect, useRef } from 'react';

/**
 * Keyboard use of a step: it starts at its first "Set level", Enter there
 * moves on to the next one and, after the last, to the step's main action.
 */
export function useStepFocus(step: number) {
  const stepRef = useRef<HTMLDivElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // After the step's buttons are mounted: a Material UI button focused
    // while mounting has no ripple yet and throws.
    const timer = setTimeout(() => {
      const first =
        stepRef.current?.querySelector<HTMLElement>('[data-set-level]');
      (first ?? actionRef.current)?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [step]);

  const onStepKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || !target.dataset.setLevel) return;
    event.preventDefault();
    const all = Array.from(
      stepRef.current?.querySelectorAll<HTMLElement>('[data-set-level]') ?? [],
    );
    (all[all.indexOf(target) + 1] ?? actionRef.current)?.focus();
  };

  return {
    /** For the element holding the step's fields. */
    stepRef,
    /** For the step's main action: Next, Review changes or Save. */
    actionRef,
    onStepKeyDown,
  };
}
