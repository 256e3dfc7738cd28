/**
 * The values an area score can take. A respondent's area score is the mean of the items they rated: sum / n with
 * n = 1..m rated items. The pass counts responses by (n, sum) — the exact sufficient statistic, whatever the scale
 * length K or the number of items m — and the report derives counts by distinct score from them through an axis:
 * the sorted distinct values and, for every (n, sum) cell, the index of its value. Equal fractions (2/4 and 1/2)
 * are the same value because IEEE division is correctly rounded, so they divide to the same double.
 */
export interface ValueAxis {
  /** Distinct values, ascending. */
  values: Float64Array;
  /** Per cell `n * width + column`: the index of its value in `values`, or -1 for an impossible cell. */
  index: Int32Array;
}

/**
 * Cells n = 0..m, column c = sum + shift for sums in [n × lo, n × hi]; the value of a cell is sum / n.
 * `width` is the number of columns per n.
 */
function fractionAxis(m: number, width: number, shift: number, lo: number, hi: number): ValueAxis {
  const index = new Int32Array((m + 1) * width).fill(-1);
  const cellValues = new Float64Array((m + 1) * width);
  const distinct = new Set<number>();
  for (let n = 1; n <= m; n++) {
    for (let sum = n * lo; sum <= n * hi; sum++) {
      const value = sum / n;
      cellValues[n * width + sum + shift] = value;
      distinct.add(value);
    }
  }
  const values = Float64Array.from(distinct).sort();
  const position = new Map<number, number>();
  values.forEach((v, i) => position.set(v, i));
  for (let n = 1; n <= m; n++) {
    for (let sum = n * lo; sum <= n * hi; sum++) index[n * width + sum + shift] = position.get(cellValues[n * width + sum + shift]!)!;
  }
  return { values, index };
}

/** Shape of an area's raw tables for m items on a K-point scale. */
export interface AreaShape {
  items: number;
  /** Columns per n of the importance and proficiency tables: sums 0..m × K. */
  sumBins: number;
  /** Columns per n of the gap table: summed gaps -m(K-1)..m(K-1), shifted by `gapShift`. */
  gapBins: number;
  gapShift: number;
}

export const areaShape = (items: number, points: number): AreaShape => ({
  items,
  sumBins: items * points + 1,
  gapBins: 2 * items * (points - 1) + 1,
  gapShift: items * (points - 1),
});

/** Area scores on the rating scales (1..K) and of the gap (-(K-1)..K-1). */
export function areaAxes(shape: AreaShape, points: number): { rating: ValueAxis; gap: ValueAxis } {
  return {
    rating: fractionAxis(shape.items, shape.sumBins, 0, 1, points),
    gap: fractionAxis(shape.items, shape.gapBins, shape.gapShift, -(points - 1), points - 1),
  };
}

/** Where each area's tables start in the flat area arrays of RawCounts. */
export function areaOffsets(plan: { areas: readonly { shape: AreaShape }[] }): { sums: Int32Array; gaps: Int32Array; sumLength: number; gapLength: number } {
  const sums = new Int32Array(plan.areas.length);
  const gaps = new Int32Array(plan.areas.length);
  let sumLength = 0;
  let gapLength = 0;
  plan.areas.forEach((a, k) => {
    sums[k] = sumLength;
    gaps[k] = gapLength;
    sumLength += (a.shape.items + 1) * a.shape.sumBins;
    gapLength += (a.shape.items + 1) * a.shape.gapBins;
  });
  return { sums, gaps, sumLength, gapLength };
}
