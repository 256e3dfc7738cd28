/**
 * A block of responses stored column by column: byte `f` of the layout for response `r` is `data[f * count + r]`.
 * The accumulator runs one tight loop per column instead of one function call per response; a single response's
 * row-major codes are a valid block of count 1. Collectors and languages are small dictionaries plus an index per
 * response, so reading a block creates no string per response.
 */
export interface Block {
  data: Uint8Array;
  count: number;
  collector: Uint16Array;
  collectorDict: readonly (string | null)[];
  lang: Uint16Array;
  langDict: readonly string[];
  /** Record keys of the responses (disclosure/keys.ts); absent for blocks that are never published (a single row). */
  keys?: Uint32Array;
}

/** Column-major copy of `rows` row-major code arrays of `size` bytes each. */
export function transpose(rows: readonly Uint8Array[], size: number): Uint8Array {
  const count = rows.length;
  const data = new Uint8Array(size * count);
  for (let r = 0; r < count; r++) {
    const row = rows[r]!;
    for (let f = 0; f < size; f++) data[f * count + r] = row[f]!;
  }
  return data;
}

/** One response of a block as row-major codes (for translating an older version's layout). */
export function rowOf(block: Block, r: number, size: number): Uint8Array {
  const row = new Uint8Array(size);
  for (let f = 0; f < size; f++) row[f] = block.data[f * block.count + r]!;
  return row;
}

/** Dictionary-encodes a list of values: the distinct values, and each value's index among them. */
export function encode<T>(values: readonly T[]): { dict: T[]; refs: Uint16Array } {
  const index = new Map<T, number>();
  const dict: T[] = [];
  const refs = new Uint16Array(values.length);
  values.forEach((v, r) => {
    let i = index.get(v);
    if (i === undefined) index.set(v, (i = dict.push(v) - 1));
    refs[r] = i;
  });
  return { dict, refs };
}

export function buildBlock(data: Uint8Array, count: number, collectors: readonly (string | null)[], langs: readonly string[]): Block {
  const c = encode(collectors);
  const l = encode(langs);
  return { data, count, collector: c.refs, collectorDict: c.dict, lang: l.refs, langDict: l.dict };
}

export const singleRowBlock = (codes: Uint8Array, collector: string | null, lang: string): Block => buildBlock(codes, 1, [collector], [lang]);

export const collectorAt = (b: Block, r: number) => b.collectorDict[b.collector[r]!] ?? null;
export const langAt = (b: Block, r: number) => b.langDict[b.lang[r]!]!;
