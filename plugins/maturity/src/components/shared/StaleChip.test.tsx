import { createTheme, ThemeProvider } from '@material-ui/core';
import { getContrastRatio } from '@material-ui/core/styles';
import { render, screen } from '@testing-library/react';
import { StaleChip } from './StaleChip';

describe('StaleChip', () => {
  it.each([
    ['light', '#f50057'],
    ['dark', '#f48fb1'],
  ] as const)(
    'reads at 4.5:1 or more on the %s theme’s secondary colour',
    (type, secondary) => {
      render(
        <ThemeProvider
          theme={createTheme({
            palette: { type, secondary: { main: secondary } },
          })}
        >
          <StaleChip />
        </ThemeProvider>,
      );
      const chip = screen.getByText('Stale').parentElement!;
      const { color, backgroundColor } = getComputedStyle(chip);
      expect(getContrastRatio(color, backgroundColor)).toBeGreaterThanOrEqual(
        4.5,
      );
    },
  );
});
