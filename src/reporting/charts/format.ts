import type { TFunction } from 'i18next';
import type { LocusQuadrant } from '../../analysis/stats/borich';
import { isSuppressed } from '../../analysis/suppressed';
import type { Count, Distribution, ItemSummary, ReportData } from '../../analysis/schema';

// Intl formatters are costly to create: one per language, style and number of decimals. 'negative': a gap of
// -0.001 prints as 0.00, not -0.00
const formats = new Map<string, Intl.NumberFormat>();
function cachedFormat(lang: string, style: 'decimal' | 'percent', decimals: number) {
  const key = `${lang}|${style}|${decimals}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(lang, { style, minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative' })));
  return format;
}

/** Numbers in the report language: `decimals` fixed digits (a mean of 4 prints as "4.00"). */
export function numberFormat(lang: string, decimals = 2) {
  const format = cachedFormat(lang, 'decimal', decimals);
  return (value: number) => format.format(value);
}

export function percentFormat(lang: string, decimals = 0) {
  const format = cachedFormat(lang, 'percent', decimals);
  return (value: number) => format.format(value);
}

export const integerFormat = (lang: string) => numberFormat(lang, 0);

/** A count as printed: the number, or "<5" when disclosure control withheld it. */
export function countText(lang: string, count: Count): string {
  if (!isSuppressed(count)) return integerFormat(lang)(count);
  return count.below === undefined ? '–' : `<${integerFormat(lang)(count.below)}`;
}

export const quadrantLabel = (t: TFunction, quadrant: LocusQuadrant): string => t(`quadrant.${quadrant}`);

/** An item with every figure of the ranking disclosed. */
export interface RankedItem {
  item: ItemSummary;
  rank: number;
  mwds: number;
  importance: Distribution;
  proficiency: Distribution;
  gap: number;
  quadrant: LocusQuadrant | null;
}

/** The items whose MWDS and rank are disclosed, highest need first (ties by label, for a stable order). */
export function rankedItems(report: ReportData): RankedItem[] {
  const ranked: RankedItem[] = [];
  for (const item of report.items) {
    const { rank, mwds, importance, proficiency, gap, quadrant } = item;
    if (isSuppressed(rank) || isSuppressed(mwds) || isSuppressed(importance) || isSuppressed(proficiency) || isSuppressed(gap)) continue;
    if (!Number.isFinite(mwds)) continue;
    ranked.push({ item, rank, mwds, importance, proficiency, gap: gap.mean, quadrant: isSuppressed(quadrant) ? null : quadrant });
  }
  return ranked.sort((a, b) => a.rank - b.rank || a.item.label.localeCompare(b.item.label));
}

/** Splits a long label into lines of at most `width` characters (chart.js draws an array as several lines). */
export function wrapLabel(text: string, width = 40, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s,;:.]+$/, '')}…`;
  return kept;
}

/** Options every horizontal bar chart shares: static (no animation), sized by its container, numbers in `lang`. */
export const horizontalBarOptions = (lang: string) =>
  ({ indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false, locale: lang }) as const;
