import type { Layout } from '../questionnaires/codebook';
import { AppError } from '../shared/errors';
import { collectorAt, langAt, type Block } from './block';

/** Which respondents a report covers: `filter.<questionId>=<value>` (repeat a filter to allow several values). */
export interface Filter {
  questionId: string;
  values: string[];
}

/** Marks in `keep` (1 = keep) the responses of a block that pass; null means the block passes whole. */
export type BlockFilter = (block: Block) => Uint8Array | null;

export function parseFilters(query: Record<string, unknown>): Filter[] {
  return Object.entries(query)
    .filter(([key]) => key.startsWith('filter.'))
    .map(([key, value]) => ({ questionId: key.slice('filter.'.length), values: (Array.isArray(value) ? value : [value]).map(String).filter(Boolean) }))
    .filter((f) => f.values.length > 0); // an empty select ("any") filters nothing
}

type RowTest = (block: Block, r: number) => boolean;

const invalid = (path: string, message: string) => new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path, message }]);

/** Compiles all filters into one block filter; an unknown question or value is a 400, never silently ignored. */
export function filterBlocks(layout: Layout, filters: Filter[]): BlockFilter {
  const tests = filters.map((filter): RowTest => {
    if (filter.questionId === 'collector') return (b, r) => filter.values.includes(collectorAt(b, r) ?? '');
    if (filter.questionId === 'lang') return (b, r) => filter.values.includes(langAt(b, r));
    const field = layout.byId.get(filter.questionId);
    if (!field || field.kind === 'pair' || field.kind === 'flag' || field.kind === 'number') throw invalid(`filter.${filter.questionId}`, 'not a question that can filter');
    const indexes = filter.values.map((v) => field.values.findIndex((x) => String(x) === v));
    if (indexes.some((i) => i < 0)) throw invalid(`filter.${filter.questionId}`, 'unknown value');
    if (field.kind === 'choice') {
      const allowed = new Uint8Array(256);
      for (const i of indexes) allowed[i + 1] = 1;
      return (b, r) => allowed[b.data[field.offset * b.count + r]!] === 1;
    }
    return (b, r) => indexes.some((k) => (b.data[(field.offset + (k >> 3)) * b.count + r]! & (1 << (k & 7))) !== 0);
  });
  if (!tests.length) return () => null;
  return (block) => {
    const keep = new Uint8Array(block.count);
    for (let r = 0; r < block.count; r++) keep[r] = tests.every((t) => t(block, r)) ? 1 : 0;
    return keep;
  };
}

/** Groups for a comparison: a single-choice or country question, "collector" or "lang". */
export interface Grouping {
  id: string;
  keys: { key: string; label: string }[];
  /** The group index of every response of a block. */
  groupsOf: (block: Block) => Int32Array;
}

export function groupingFor(
  layout: Layout,
  groupBy: string,
  labels: { option: (q: string, v: string | number) => string; noAnswer: string; directLink: string; collector: (id: string) => string; language: (lang: string) => string },
  /** Collector or language keys to give the first indexes, in this order (counts kept from an earlier pass). */
  knownKeys: readonly string[] = [],
): Grouping {
  if (groupBy === 'collector' || groupBy === 'lang') {
    const keys: { key: string; label: string }[] = [];
    const index = new Map<string, number>();
    const label = groupBy === 'collector' ? (k: string) => (k ? labels.collector(k) : labels.directLink) : labels.language;
    const indexOf = (key: string) => {
      let i = index.get(key);
      if (i === undefined) {
        i = keys.push({ key, label: label(key) }) - 1;
        index.set(key, i);
      }
      return i;
    };
    knownKeys.forEach(indexOf);
    const groupsOf = (b: Block) => {
      // Map the block's small dictionary once, then each response by its index.
      const dict = groupBy === 'collector' ? b.collectorDict.map((c) => indexOf(c ?? '')) : b.langDict.map(indexOf);
      const refs = groupBy === 'collector' ? b.collector : b.lang;
      return Int32Array.from(refs, (i) => dict[i]!);
    };
    return { id: groupBy, keys, groupsOf };
  }
  const field = layout.byId.get(groupBy);
  if (!field || field.kind !== 'choice') throw invalid('groupBy', 'must be a single-choice question, "collector" or "lang"');
  const keys = [{ key: '', label: labels.noAnswer }, ...field.values.map((v) => ({ key: String(v), label: labels.option(groupBy, v) }))];
  return { id: groupBy, keys, groupsOf: (b) => Int32Array.from(b.data.subarray(field.offset * b.count, (field.offset + 1) * b.count)) };
}
