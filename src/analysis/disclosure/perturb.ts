import { fmix, mix, nameHash, type Secret } from './keys';

/**
 * Cell-key perturbation of published counts (after the Australian Bureau of Statistics' TableBuilder).
 * Every count the report publishes is `true count + noise`, where the noise is a fixed function of the cell key:
 * the secret, the table, the cell and the sum of the record keys of the population the table counts (a group, or
 * the filtered sample). So:
 * - the same request, and any request that counts the same respondents, gives the same figures (nothing to average
 *   away by repeating it);
 * - two populations that differ by even one respondent (a filter more, a complement, one response more since the
 *   last request) get independent noise in every cell, so their difference is not that respondent's answers, and
 *   no cell reveals by staying equal that the respondent is not in it;
 * - a count of 0 stays 0 (no respondent, nothing to protect) and a count above 0 is never published as 0;
 * - the noise is small (zero a third of the time, within ±2 nine times in ten) and unbounded by anything an
 *   attacker can rely on in practice (up to ±6, with probability 1 in 1,000 each), so bound propagation over
 *   totals, complements and linked tables leaves every small cell with several possible values.
 * Statistics (means, medians, tests, ranks, alphas) are computed from the perturbed tables only.
 */
export const NOISE: readonly { value: number; weight: number }[] = [
  { value: 0, weight: 320 },
  { value: 1, weight: 200 },
  { value: -1, weight: 200 },
  { value: 2, weight: 90 },
  { value: -2, weight: 90 },
  { value: 3, weight: 35 },
  { value: -3, weight: 35 },
  { value: 4, weight: 10 },
  { value: -4, weight: 10 },
  { value: 5, weight: 4 },
  { value: -5, weight: 4 },
  { value: 6, weight: 1 },
  { value: -6, weight: 1 },
];
export const NOISE_BOUND = 6;
const TOTAL_WEIGHT = NOISE.reduce((a, n) => a + n.weight, 0); // 1000

/** Noise by cell key: a lookup of 1,000 entries following NOISE's weights. */
const LOOKUP = Int8Array.from(NOISE.flatMap((n) => Array.from({ length: n.weight }, () => n.value)));

/** The noise of one cell, from its cell key. */
export function noiseOf(cellKey: number): number {
  return LOOKUP[cellKey % TOTAL_WEIGHT]!;
}

/** The published value of a true count under a noise: 0 stays 0, anything else is at least 1. */
export function perturbedCount(count: number, noise: number): number {
  return count === 0 ? 0 : Math.max(1, count + noise);
}

/** Perturbs a table of counts in place: cell c of table `name` over the population whose record keys sum to `populationKey`. */
export function perturbTable(secret: Secret, table: Uint32Array, name: string, populationKey: number): void {
  const tableHash = mix(mix(nameHash(secret, name), populationKey), secret.words[3]!);
  for (let cell = 0; cell < table.length; cell++) {
    const count = table[cell]!;
    if (count === 0) continue;
    table[cell] = perturbedCount(count, noiseOf(fmix(mix(mix(tableHash, cell), count))));
  }
}

/** One count perturbed as the single cell of a table (a group size, a funnel figure). */
export function perturbOne(secret: Secret, count: number, name: string, populationKey: number): number {
  const cell = Uint32Array.of(count);
  perturbTable(secret, cell, name, populationKey);
  return cell[0]!;
}

export function createPerturb(secret: Secret) {
  return (table: Uint32Array, name: string, groupKey: number) => perturbTable(secret, table, name, groupKey);
}
