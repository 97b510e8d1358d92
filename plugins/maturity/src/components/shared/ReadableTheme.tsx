import { Theme, ThemeProvider } from '@material-ui/core';
import { ReactNode } from 'react';
import { readableOnSurfaces } from './contrast';

// One readable theme per outer theme, shared by every provider (the catalog
// column has one per row), so that it is computed once, not once per cell.
const readableThemes = new WeakMap<Theme, Theme>();

function withReadableText(outer: Theme): Theme {
  const known = readableThemes.get(outer);
  if (known) return known;
  const { palette } = outer;
  const theme = {
    ...outer,
    palette: {
      ...palette,
      text: {
        ...palette.text,
        secondary: readableOnSurfaces(outer, palette.text.secondary),
      },
      error: {
        ...palette.error,
        main: readableOnSurfaces(outer, palette.error.main),
      },
    },
  };
  readableThemes.set(outer, theme);
  return theme;
}

/**
 * The app's theme with secondary and error text colours that reach 4.5:1 on
 * the page: captions, field labels and helper texts of the plugin's screens
 * are drawn in them, and MUI's default grey and red fall short on
 * Backstage's page.
 */
export function ReadableTheme(props: { children: ReactNode }) {
  return (
    <ThemeProvider theme={withReadableText}>{props.children}</ThemeProvider>
  );
}
