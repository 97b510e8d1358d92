import {
  darken,
  decomposeColor,
  getContrastRatio,
  lighten,
  recomposeColor,
  Theme,
} from '@material-ui/core';

/** WCAG 2.1 AA: the least contrast of normal-size text with its background. */
export const TEXT_CONTRAST = 4.5;

type Color = ReturnType<typeof decomposeColor>;

/** A colour's opacity, 1 when it has none. */
function opacity(color: Color): number {
  return color.type.endsWith('a') ? color.values[3] ?? 1 : 1;
}

/** A colour drawn over an opaque background, as the eye sees it. */
function over(color: string, background: string): string {
  const drawn = decomposeColor(color);
  const { values } = drawn;
  const alpha = opacity(drawn);
  const base = decomposeColor(background).values;
  return recomposeColor({
    type: 'rgb',
    values: [0, 1, 2].map(i =>
      Math.round(values[i] * alpha + base[i] * (1 - alpha)),
    ) as [number, number, number],
  });
}

/** The WCAG contrast ratio of a (possibly translucent) text colour on a background. */
export function contrastOn(color: string, background: string): number {
  return getContrastRatio(over(color, background), background);
}

/**
 * Black or white, whichever reads better on the background: one of them
 * always reaches 4.5:1, unlike MUI's getContrastText, which settles for 3:1.
 */
export function readableTextOn(background: string): string {
  return getContrastRatio('#000', background) >=
    getContrastRatio('#fff', background)
    ? '#000'
    : '#fff';
}

/**
 * The surfaces secondary text may stand on: the theme's page and paper, and
 * a shade darker (lighter in a dark theme) for the app frames that draw
 * their own background (Backstage UI's is #f5f5f5 where the theme says
 * #f8f8f8).
 */
function surfaces(theme: Theme): string[] {
  const { background, type } = theme.palette;
  const shade = type === 'dark' ? lighten : darken;
  return [
    background.default,
    background.paper,
    shade(background.default, 0.05),
  ];
}

/**
 * A text colour of the theme, moved towards its primary text colour until it
 * reads at 4.5:1 on every surface; unchanged when it already does.
 */
export function readableOnSurfaces(theme: Theme, color: string): string {
  const from = decomposeColor(color);
  const to = decomposeColor(theme.palette.text.primary);
  for (let step = 0; step <= 10; step++) {
    const t = step / 10;
    const mix = (a: number, b: number) => a + (b - a) * t;
    const mixed = recomposeColor({
      type: 'rgba',
      values: [
        Math.round(mix(from.values[0], to.values[0])),
        Math.round(mix(from.values[1], to.values[1])),
        Math.round(mix(from.values[2], to.values[2])),
        Number(mix(opacity(from), opacity(to)).toFixed(3)),
      ],
    });
    if (surfaces(theme).every(s => contrastOn(mixed, s) >= TEXT_CONTRAST)) {
      return mixed;
    }
  }
  return theme.palette.text.primary;
}
