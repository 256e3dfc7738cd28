import type { ChartConfiguration, ChartType } from 'chart.js';

/** The width of `text` in points, in the chart font at `size` (bold or not). */
export type MeasureText = (text: string, size: number, bold?: boolean) => number;

export interface Wrapped {
  lines: string[];
  /** Words were left out (the last line ends with "…"): the full text must be readable elsewhere. */
  shortened: boolean;
}

const ELLIPSIS = '…';

/** Cuts `text` to the longest start that fits in `width` with an ellipsis after it. */
function cutToWidth(text: string, width: number, measure: (s: string) => number): string {
  const chars = [...text];
  while (chars.length && measure(`${chars.join('').trimEnd()}${ELLIPSIS}`) > width) chars.pop();
  return `${chars.join('').trimEnd().replace(/[\s,;:.–-]+$/, '')}${ELLIPSIS}`;
}

/**
 * Wraps `text` into lines no wider than `width` as measured (not by counting characters: "Ш" and "i" differ
 * threefold), breaking a word only when it alone is wider than a line. More than `maxLines` lines: the last one kept
 * ends with "…".
 */
export function wrapMeasured(text: string, width: number, maxLines: number, measure: (s: string) => number): Wrapped {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // a word wider than a line (a long compound, a URL) is split where it must be
    let rest = word;
    while (measure(rest) > width && [...rest].length > 1) {
      const chars = [...rest];
      let take = chars.length - 1;
      while (take > 1 && measure(chars.slice(0, take).join('')) > width) take--;
      lines.push(chars.slice(0, take).join(''));
      rest = chars.slice(take).join('');
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, shortened: false };
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = cutToWidth(`${kept[kept.length - 1]} ${lines[kept.length]}`, width, measure);
  return { lines: kept, shortened: true };
}

const text = (value: unknown): string => (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '');

interface Fitted<T extends ChartType> {
  config: ChartConfiguration<T>;
  /** Category labels that had to be shortened (their full text is in the table next to the chart). */
  shortened: string[];
}

/** Line height chart.js gives a tick or title line at `size` points. */
export const lineHeight = (size: number) => size * 1.2;

/**
 * The config with every text chart.js would otherwise draw past the canvas fitted to it by measuring: the title and
 * axis titles wrapped onto lines, and the category labels of a horizontal bar chart wrapped to at most 45% of the
 * width and to the lines their bar's slot holds, shortened with "…" beyond. Chart.js gives the y axis at most about
 * half the width and then draws longer labels off the canvas: that is what cut "Адаптиране" to "аптиране".
 */
export function fitChartText<T extends ChartType>(config: ChartConfiguration<T>, width: number, height: number, measure: MeasureText, fontSize: number): Fitted<T> {
  const options = structuredClone((config.options ?? {}) as Record<string, never>) as Record<string, unknown> & {
    indexAxis?: string;
    plugins?: { title?: { display?: boolean; text?: unknown; font?: { size?: number } } };
    scales?: Record<string, { title?: { display?: boolean; text?: unknown; font?: { size?: number } }; ticks?: { font?: { size?: number } } }>;
  };
  const wrapAll = (value: unknown, room: number, size: number, bold: boolean) => wrapMeasured(text(value), room, 3, (s) => measure(s, size, bold)).lines;
  const title = options.plugins?.title;
  if (title?.display && text(title.text)) title.text = wrapAll(title.text, width - 8, title.font?.size ?? fontSize, true);
  for (const [id, scale] of Object.entries(options.scales ?? {})) {
    if (!scale.title?.display || !text(scale.title.text)) continue;
    // a y axis title is written upwards along the height
    scale.title.text = wrapAll(scale.title.text, (id.startsWith('y') ? height : width) - 8, scale.title.font?.size ?? fontSize, false);
  }
  const shortened: string[] = [];
  const data = { ...config.data };
  if (config.type === 'bar' && options.indexAxis === 'y' && Array.isArray(config.data.labels)) {
    const size = options.scales?.y?.ticks?.font?.size ?? fontSize;
    const labels = config.data.labels as unknown[];
    // the plot's height shared by the bars, less the title and the x axis with its title (measured generously)
    const plot = height - 3 * lineHeight(fontSize) - 2 * lineHeight(fontSize) - 24;
    const maxLines = Math.max(1, Math.floor((plot / Math.max(1, labels.length)) / lineHeight(size)));
    data.labels = labels.map((label) => {
      const wrapped = wrapMeasured(text(label), width * 0.45 - 10, maxLines, (s) => measure(s, size));
      if (wrapped.shortened) shortened.push(text(label));
      return wrapped.lines;
    }) as typeof data.labels;
  }
  return { config: { ...config, data, options } as ChartConfiguration<T>, shortened };
}
