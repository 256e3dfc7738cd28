/** Colours, fonts, baselines and transforms of the canvas API as chart.js uses them, in the terms pdfkit draws with. */

/** A 2D affine transform [a, b, c, d, e, f] as the canvas and PDF write it: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
export const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
export const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export function invert(m: Matrix): Matrix | null {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!det) return null;
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

export interface Colour {
  hex: string;
  alpha: number;
}

const NAMED: Record<string, string> = { black: '#000000', white: '#ffffff', red: '#ff0000', green: '#008000', blue: '#0000ff', grey: '#808080', gray: '#808080' };
const hex2 = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');
const colours = new Map<string, Colour | null>();

/** A CSS colour as chart.js writes them (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), a few names); null when invisible. */
export function parseColour(value: unknown): Colour | null {
  const css = String(value ?? '').trim().toLowerCase();
  const known = colours.get(css);
  if (known !== undefined) return known;
  let colour: Colour | null = null;
  const hex = /^#([0-9a-f]{3,8})$/.exec(NAMED[css] ?? css)?.[1];
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(css);
  if (hex && (hex.length === 3 || hex.length === 4)) colour = { hex: `#${[...hex.slice(0, 3)].map((c) => c + c).join('')}`, alpha: hex.length === 4 ? parseInt(hex[3]! + hex[3]!, 16) / 255 : 1 };
  else if (hex && (hex.length === 6 || hex.length === 8)) colour = { hex: `#${hex.slice(0, 6)}`, alpha: hex.length === 8 ? parseInt(hex.slice(6), 16) / 255 : 1 };
  else if (fn) {
    const a = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? Number(fn[4].slice(0, -1)) / 100 : Number(fn[4]);
    colour = { hex: `#${hex2(Number(fn[1]))}${hex2(Number(fn[2]))}${hex2(Number(fn[3]))}`, alpha: a };
  }
  if (colour && colour.alpha <= 0) colour = null;
  colours.set(css, colour);
  return colour;
}

/** Weight and size of a CSS font shorthand as chart.js writes it ("bold 8.5px \"DejaVu Sans\""). */
export function parseFont(font: string): { bold: boolean; size: number } {
  return { bold: /\b(bold|bolder|[6-9]00)\b/.test(font), size: Number(/([\d.]+)px/.exec(font)?.[1] ?? 10) };
}

interface FontMetrics {
  font: { unitsPerEm: number; 'OS/2': { typoAscender: number; typoDescender: number } };
}

/**
 * Where a canvas text baseline puts the alphabetic baseline, in ems below the given y: from the font's typographic
 * ascender and descender (OS/2), as Skia places them, so chart texts sit where they did when Skia drew the charts.
 */
export function baselineShift(doc: PDFKit.PDFDocument, baseline: string): number {
  const { font } = (doc as unknown as { _font: FontMetrics })._font;
  const ascent = font['OS/2'].typoAscender / font.unitsPerEm;
  const descent = font['OS/2'].typoDescender / font.unitsPerEm;
  switch (baseline) {
    case 'top':
      return ascent;
    case 'hanging':
      return 0.8 * ascent;
    case 'middle':
      return (ascent + descent) / 2;
    case 'bottom':
    case 'ideographic':
      return descent;
    default:
      return 0;
  }
}
