import { isSuppressed } from '../../analysis/suppressed';
import type { ReportData } from '../../analysis/schema';
import { numberFormat } from './format';
import { sequentialColour, textColourOn } from './palette';

export interface HeatmapCell {
  /** Mean gap, or null when suppressed (print `text`, a dash, and the table's footnote). */
  value: number | null;
  n: number | null;
  colour: string;
  textColour: string;
  text: string;
}

export interface Heatmap {
  columns: { key: string; label: string; n: number }[];
  rows: { id: string; label: string; cells: HeatmapCell[] }[];
  /** The colour scale: `min` maps to the lightest colour, `max` to the darkest. */
  scale: { min: number; max: number; stops: { value: number; colour: string; text: string }[] };
  /** True when some cell was withheld by disclosure control. */
  anySuppressed: boolean;
}

const SUPPRESSED_FILL = '#f1f3f5';

/**
 * Group x area heat map of the mean gap (chart.js has none): plain data the dashboard renders as an HTML table and
 * the PDF as a drawn table. Null without a group comparison.
 */
export function heatmapCells(report: ReportData): Heatmap | null {
  const comparison = report.comparison;
  if (!comparison) return null;
  const values = comparison.areas.flatMap((a) => a.gap.flatMap((c) => (isSuppressed(c) ? [] : [c.mean])));
  const min = Math.min(0, ...values);
  const max = Math.max(min + 0.5, ...values);
  const fmt = numberFormat(report.lang, 2);
  const position = (v: number) => (v - min) / (max - min);
  let anySuppressed = false;
  const rows = comparison.areas.map((area) => ({
    id: area.id,
    label: area.label,
    cells: area.gap.map((cell): HeatmapCell => {
      if (isSuppressed(cell)) {
        anySuppressed = true;
        return { value: null, n: null, colour: SUPPRESSED_FILL, textColour: '#52606d', text: '–' };
      }
      const colour = sequentialColour(position(cell.mean));
      return { value: cell.mean, n: cell.n, colour, textColour: textColourOn(colour), text: fmt(cell.mean) };
    }),
  }));
  const stops = [0, 0.25, 0.5, 0.75, 1].map((p) => {
    const value = min + p * (max - min);
    return { value, colour: sequentialColour(p), text: fmt(value) };
  });
  return { columns: comparison.columns, rows, scale: { min, max, stops }, anySuppressed };
}
