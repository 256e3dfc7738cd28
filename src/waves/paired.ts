import type { Plan } from '../analysis/accumulate';
import type { Perturb } from '../analysis/derive';
import type { Disclosed } from '../analysis/schema';
import { valuesHistogram, wilcoxonSignedRank, type Histogram } from '../analysis/stats';
import type { PanelRow } from './gather';
import type { PairedTest } from './schema';

/**
 * The paired side of a wave comparison: respondents who gave the same panel code in both waves. For each pair and
 * unit (item or area) the change of their gap, d = gap(b) − gap(a), is counted by value into a table; the table goes
 * through the same disclosure hook as every report table (name `wave-pairs:<unit>`, population key the sum of the
 * pairs' record keys), and the Wilcoxon signed-rank test reads the perturbed table only.
 */

export type Pair = [a: PanelRow, b: PanelRow];

/** Gap of an item in one response, or null when it was not rated (not applicable, or missing). */
function itemGap(codes: Uint8Array, offset: number, points: number): number | null {
  const byte = codes[offset]!;
  const importance = Math.floor(byte / (points + 1));
  const proficiency = byte % (points + 1);
  return importance > 0 && proficiency > 0 ? importance - proficiency : null;
}

/** Mean gap of an area in one response (its derived bytes: items rated, importance sum, proficiency sum), or null. */
function areaGap(codes: Uint8Array, offset: number, width: 1 | 2): number | null {
  const read = (o: number) => (width === 1 ? codes[o]! : codes[o]! | (codes[o + 1]! << 8));
  const rated = read(offset);
  return rated > 0 ? (read(offset + width) - read(offset + 2 * width)) / rated : null;
}

/** A table of changes by distinct value (rounded to 1e-9 so that equal fractions meet), ascending. */
function changeTable(changes: number[]): { values: number[]; counts: Uint32Array } {
  const byValue = new Map<number, number>();
  for (const d of changes) {
    const v = Math.round(d * 1e9) / 1e9;
    byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  const values = [...byValue.keys()].sort((x, y) => x - y);
  return { values, counts: Uint32Array.from(values, (v) => byValue.get(v)!) };
}

export function pairedTests(pairs: readonly Pair[], plan: Plan, unit: { kind: 'item' | 'area'; index: number; id: string }, perturb: Perturb | undefined, minGroup: number): Disclosed<PairedTest> {
  let key = 0;
  const changes: number[] = [];
  for (const [a, b] of pairs) {
    const before = unit.kind === 'item' ? itemGap(a.codes, plan.items[unit.index]!.offset, plan.points) : areaGap(a.codes, plan.areas[unit.index]!.offset, plan.areas[unit.index]!.width);
    const after = unit.kind === 'item' ? itemGap(b.codes, plan.items[unit.index]!.offset, plan.points) : areaGap(b.codes, plan.areas[unit.index]!.offset, plan.areas[unit.index]!.width);
    if (before === null || after === null) continue;
    changes.push(after - before);
    key = (key + a.key + b.key) >>> 0;
  }
  const table = changeTable(changes);
  perturb?.(table.counts, `wave-pairs:${unit.kind}:${unit.id}`, key);
  const histogram: Histogram = valuesHistogram(table.values, table.counts);
  const n = histogram.counts.reduce((s, c) => s + c, 0);
  if (n < minGroup) return { suppressed: true, reason: 'small_group' };
  const test = wilcoxonSignedRank(histogram);
  if (!Number.isFinite(test.z)) return { suppressed: true, reason: 'no_variation' };
  const meanChange = table.values.reduce((s, v, i) => s + v * histogram.counts[i]!, 0) / n;
  return { pairs: n, meanChange, z: test.z, p: test.p, r: test.r };
}

/** Pairs of responses with the same panel code, each hash given exactly once in each wave. */
export function pairUp(a: Map<string, PanelRow | null>, b: Map<string, PanelRow | null>): Pair[] {
  const pairs: Pair[] = [];
  for (const [hash, first] of a) {
    const second = b.get(hash);
    if (first && second) pairs.push([first, second]);
  }
  return pairs;
}
