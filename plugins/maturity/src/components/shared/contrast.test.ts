import { themes } from '@backstage/theme';
import { createTheme, Theme } from '@material-ui/core';
import {
  contrastOn,
  readableOnSurfaces,
  readableTextOn,
  TEXT_CONTRAST,
} from './contrast';
import { levelColor } from './levels';

const backstage: Array<[string, Theme, string]> = [
  // Backstage UI draws the page of the new frontend system in its own grey.
  ['light', themes.light.getTheme('v4') as Theme, '#f5f5f5'],
  ['dark', themes.dark.getTheme('v4') as Theme, '#333333'],
];

describe('contrast', () => {
  it('computes WCAG ratios, translucent text drawn over its background', () => {
    expect(contrastOn('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastOn('#767676', '#fff')).toBeCloseTo(4.54, 1);
    // MUI's secondary grey: enough on white, not on Backstage's grey page.
    expect(contrastOn('rgba(0, 0, 0, 0.54)', '#fff')).toBeGreaterThan(4.5);
    expect(contrastOn('rgba(0, 0, 0, 0.54)', '#f5f5f5')).toBeLessThan(4.5);
  });

  it.each(backstage)(
    'keeps the text of every level readable on its colour, %s theme',
    (_name, theme) => {
      const ratios = [0, 1, 2, 3, 4, 5].map(level => {
        const background = levelColor(theme, level);
        return contrastOn(readableTextOn(background), background);
      });
      expect(Math.min(...ratios)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    },
  );

  it('reads black or white on any colour at 4.5:1 or more', () => {
    for (let grey = 0; grey <= 255; grey += 5) {
      const hex = grey.toString(16).padStart(2, '0');
      const background = `#${hex}${hex}${hex}`;
      expect(
        contrastOn(readableTextOn(background), background),
      ).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
  });

  it.each(backstage)(
    'gives secondary and error text 4.5:1 on every surface, %s theme',
    (_name, theme, appSurface) => {
      const { text, error, background } = theme.palette;
      for (const color of [text.secondary, error.main]) {
        const readable = readableOnSurfaces(theme, color);
        for (const surface of [
          background.default,
          background.paper,
          appSurface,
        ]) {
          expect(contrastOn(readable, surface)).toBeGreaterThanOrEqual(
            TEXT_CONTRAST,
          );
        }
      }
    },
  );

  it('leaves a text colour that already reads well as it is', () => {
    const theme = createTheme({
      palette: { text: { primary: '#000', secondary: '#555' } },
    });
    expect(readableOnSurfaces(theme, '#555')).toBe('rgba(85, 85, 85, 1)');
  });
});
