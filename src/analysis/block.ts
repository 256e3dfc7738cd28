/**
 * A block of responses stored column by column: byte `f` of the layout for response `r` is `data[f * count + r]`.
 * The accumulator runs one tight loop per column instead of one function call per response; a single response's
 * row-major codes are a valid block of count 1.
 */
export interface Block {
  data: Uint8Array;
  count: number;
  collectors: readonly (string | null)[];
  langs: readonly string[];
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

export const singleRowBlock = (codes: Uint8Array, collector: string | null, lang: string): Block => ({ data: codes, count: 1, collectors: [collector], langs: [lang] });
