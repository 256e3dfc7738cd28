/** Page geometry (A4, points) and the report's typographic scale and colours. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export const SIZE = { title: 26, h1: 17, h2: 12.5, h3: 10, body: 9.5, table: 7.8, small: 7.2 } as const;

export const COLOUR = {
  ink: '#1f2933',
  muted: '#52606d',
  rule: '#c5ccd3',
  faint: '#eef1f4',
  accent: '#0b4f7c',
  accentLight: '#e3eef6',
  demo: '#fde9c8',
  demoInk: '#8a4b00',
  warn: '#b3261e',
} as const;
