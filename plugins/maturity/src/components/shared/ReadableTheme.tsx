import { Theme, ThemeProvider } from '@material-ui/core';
import { ReactNode } from 'react';
import { readableOnSurfaces } from './contrast';

// Defined once, so that the provider's merged theme is computed once per
// outer theme rather than on every render.
function withReadableText(outer: Theme): Theme {
  const { palette } = outer;
  return {
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
