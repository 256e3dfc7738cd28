/**
 * Kruskal-Wallis test across groups of one ordered answer (METHODOLOGY section 3), computed from a
 * group x value contingency table so it never needs raw answers.
 */
import { assertTable, CountTable, columnTotals, rowTotals } from './counts';
import { chiSquareUpperTail } from './distributions';
import { midRanksOfCounts } from './ranks';

export interface KruskalWallisResult {
  /** Tie-corrected H; NaN when fewer than two groups have answers or every answer is the same value. */
  h: number;
  /** Number of groups with n > 0, minus 1. */
  df: number;
  /** Upper tail of chi-square(df) at H. */
  p: number;
  /** Effect size epsilon^2 = H / (n - 1) (Tomczak & Tomczak 2014). */
  epsilonSquared: number;
  /** Total respondents over all groups. */
  n: number;
}

/**
 * `table[g][c]` is the count of group g at the c-th value, columns in ascending order and shared by all
 * groups. Groups with no answers are ignored (they carry no ranks and must not add a degree of freedom).
 */
export function kruskalWallis(table: CountTable): KruskalWallisResult {
  assertTable(table, 'kruskalWallis');
  const groups = table.filter((row) => row.some((count) => count > 0));
  const pooled = columnTotals(groups);
  const sizes = rowTotals(groups);
  const n = sizes.reduce((total, size) => total + size, 0);
  const df = Math.max(0, groups.length - 1);
  const h = groups.length < 2 ? Number.NaN : tieCorrectedH(groups, sizes, pooled, n);
  return { h, df, p: chiSquareUpperTail(h, df), epsilonSquared: h / (n - 1), n };
}

/**
 * H / (1 - sum(t^3 - t) / (N^3 - N)) written as its equivalent variance ratio
 * (N - 1) * sum n_g (meanRank_g - meanRank)^2 / sum over all observations of (rank - meanRank)^2,
 * which needs no subtraction of two huge numbers (12/(N(N+1)) * sum R^2/n - 3(N+1)) at N = 100,000.
 */
function tieCorrectedH(groups: CountTable, sizes: readonly number[], pooled: readonly number[], n: number): number {
  const ranks = midRanksOfCounts(pooled);
  const meanRank = (n + 1) / 2;
  let between = 0;
  groups.forEach((row, g) => {
    const rankSum = row.reduce((total, count, column) => total + count * (ranks[column] ?? 0), 0);
    const size = sizes[g] ?? 0;
    between += size * (rankSum / size - meanRank) ** 2;
  });
  const total = pooled.reduce((sum, count, column) => sum + count * ((ranks[column] ?? 0) - meanRank) ** 2, 0);
  return total === 0 ? Number.NaN : ((n - 1) * between) / total;
}
