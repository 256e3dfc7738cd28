import type { LocusQuadrant } from '../../analysis/stats/borich';

/** Okabe-Ito: eight colours distinguishable with the common forms of colour blindness. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

export const INK = '#1f2933';
export const MUTED = '#52606d';
export const GRID = '#d9dee3';

/** First priority stands out (vermillion); the maintain quadrant is blue; the rest recede. */
export const QUADRANT_COLOURS: Readonly<Record<LocusQuadrant, string>> = {
  first_priority: OKABE_ITO.vermillion,
  high_gap_low_importance: OKABE_ITO.orange,
  high_importance_low_gap: OKABE_ITO.blue,
  lowest_priority: '#8c96a0',
};

/** Scale points 1..5, ColorBrewer PuOr (diverging, colour-blind safe); the middle is a light grey, not white. */
export const LIKERT_COLOURS = ['#b35806', '#f1a340', '#d8d8d8', '#998ec3', '#542788'] as const;

/** ColorBrewer PuOr for 2 to 11 points (its 3- to 11-class schemes; 2 takes the ends of 3), the middle light grey. */
const PU_OR: Readonly<Record<number, readonly string[]>> = {
  2: ['#f1a340', '#998ec3'],
  3: ['#f1a340', '#d8d8d8', '#998ec3'],
  4: ['#e66101', '#fdb863', '#b2abd2', '#5e3c99'],
  5: LIKERT_COLOURS,
  6: ['#b35806', '#f1a340', '#fee0b6', '#d8daeb', '#998ec3', '#542788'],
  7: ['#b35806', '#f1a340', '#fee0b6', '#d8d8d8', '#d8daeb', '#998ec3', '#542788'],
  8: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
  9: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8d8d8', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
  10: ['#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8daeb', '#b2abd2', '#8073ac', '#542788', '#2d004b'],
  11: ['#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8d8d8', '#d8daeb', '#b2abd2', '#8073ac', '#542788', '#2d004b'],
};

/** Colours of the points of a 2- to 11-point scale, lowest first. */
export const likertColours = (points: number): readonly string[] => PU_OR[points] ?? LIKERT_COLOURS;

/** ColorBrewer YlGnBu, 9 classes: sequential and colour-blind safe. */
const SEQUENTIAL = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const hex = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** The colour of `t` in 0..1 on the sequential ramp (interpolated between the ramp's stops). */
export function sequentialColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  const a = rgb(SEQUENTIAL[i]!);
  const b = rgb(SEQUENTIAL[i + 1]!);
  return hex(a.map((v, k) => v + (b[k]! - v) * (x - i)));
}

/** Black or white text, whichever contrasts more with `background` (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const [r, g, b] = rgb(background).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}
