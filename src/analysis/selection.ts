import type { Layout } from '../questionnaires/codebook';
import { AppError } from '../shared/errors';

/** Which respondents a report covers: `filter.<questionId>=<value>` (repeat a filter to allow several values). */
export interface Filter {
  questionId: string;
  values: string[];
}

/** Tests the response whose codes start at `base` in `codes`. */
export type RowPredicate = (codes: Uint8Array, base: number, collectorId: string | null, lang: string) => boolean;

export function parseFilters(query: Record<string, unknown>): Filter[] {
  return Object.entries(query)
    .filter(([key]) => key.startsWith('filter.'))
    .map(([key, value]) => ({ questionId: key.slice('filter.'.length), values: (Array.isArray(value) ? value : [value]).map(String).filter(Boolean) }))
    .filter((f) => f.values.length > 0); // an empty select ("any") filters nothing
}

/** Builds one predicate from all filters; an unknown question or value is a 400, never silently ignored. */
export function filterPredicate(layout: Layout, filters: Filter[]): RowPredicate {
  const tests = filters.map((filter): RowPredicate => {
    if (filter.questionId === 'collector') return (_c, _b, collector) => filter.values.includes(collector ?? '');
    if (filter.questionId === 'lang') return (_c, _b, _col, lang) => filter.values.includes(lang);
    const field = layout.byId.get(filter.questionId);
    if (!field || field.kind === 'pair' || field.kind === 'flag') throw new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path: `filter.${filter.questionId}`, message: 'not a question that can filter' }]);
    const indexes = filter.values.map((v) => field.values.findIndex((x) => String(x) === v));
    if (indexes.some((i) => i < 0)) throw new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path: `filter.${filter.questionId}`, message: 'unknown value' }]);
    if (field.kind === 'choice') {
      const allowed = new Set(indexes.map((i) => i + 1));
      return (codes, base) => allowed.has(codes[base + field.offset]!);
    }
    return (codes, base) => indexes.some((k) => (codes[base + field.offset + (k >> 3)]! & (1 << (k & 7))) !== 0);
  });
  return tests.length === 0 ? () => true : (codes, base, collector, lang) => tests.every((t) => t(codes, base, collector, lang));
}

/** Maps a row to its group index for a grouping: a single-choice/country question, "collector" or "lang". */
export interface Grouping {
  id: string;
  keys: { key: string; label: string }[];
  groupOf: RowPredicate extends (...args: infer A) => boolean ? (...args: A) => number : never;
}

export function groupingFor(
  layout: Layout,
  groupBy: string,
  labels: { option: (q: string, v: string | number) => string; noAnswer: string; directLink: string; collector: (id: string) => string; language: (lang: string) => string },
): Grouping {
  if (groupBy === 'collector' || groupBy === 'lang') {
    const keys: { key: string; label: string }[] = [];
    const index = new Map<string, number>();
    const label = groupBy === 'collector' ? (k: string) => (k ? labels.collector(k) : labels.directLink) : labels.language;
    const groupOf = (key: string) => {
      let i = index.get(key);
      if (i === undefined) {
        i = keys.push({ key, label: label(key) }) - 1;
        index.set(key, i);
      }
      return i;
    };
    return { id: groupBy, keys, groupOf: groupBy === 'collector' ? (_c, _b, collector) => groupOf(collector ?? '') : (_c, _b, _col, lang) => groupOf(lang) };
  }
  const field = layout.byId.get(groupBy);
  if (!field || field.kind !== 'choice') {
    throw new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path: 'groupBy', message: 'must be a single-choice question, "collector" or "lang"' }]);
  }
  const keys = [{ key: '', label: labels.noAnswer }, ...field.values.map((v) => ({ key: String(v), label: labels.option(groupBy, v) }))];
  return { id: groupBy, keys, groupOf: (codes, base) => codes[base + field.offset]! };
}
