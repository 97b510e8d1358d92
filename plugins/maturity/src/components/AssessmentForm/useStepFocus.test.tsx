import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useStepFocus } from './useStepFocus';

function Step(props: { step: number; levels: number }) {
  const { stepRef, actionRef, onStepKeyDown } = useStepFocus(props.step);
  return (
    <>
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div ref={stepRef} onKeyDown={onStepKeyDown}>
        {Array.from({ length: props.levels }, (_, i) => (
          <select key={i} aria-label={`Set level ${i}`} data-set-level={i}>
            <option>0</option>
          </select>
        ))}
        <input aria-label="Notes" />
      </div>
      <button ref={actionRef}>Next</button>
    </>
  );
}

describe('useStepFocus', () => {
  it('starts a step at its first "Set level", and Enter moves on to the action', async () => {
    const { rerender } = render(<Step step={0} levels={2} />);
    const [first, second] = [0, 1].map(i =>
      screen.getByRole('combobox', { name: `Set level ${i}` }),
    );
    await waitFor(() => expect(first).toHaveFocus());

    fireEvent.keyDown(first, { key: 'Enter' });
    expect(second).toHaveFocus();
    fireEvent.keyDown(second, { key: 'Enter' });
    expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus();

    // Enter elsewhere in the step is left alone.
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    notes.focus();
    fireEvent.keyDown(notes, { key: 'Enter' });
    expect(notes).toHaveFocus();

    // A new step moves the focus again.
    rerender(<Step step={1} levels={2} />);
    await waitFor(() => expect(first).toHaveFocus());
  });

  it('starts at the action when the step has no "Set level"', async () => {
    render(<Step step={0} levels={0} />);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus(),
    );
  });
});
