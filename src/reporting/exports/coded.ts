import type { CodedField, Layout } from '../../questionnaires/codebook';
import { cellReader } from './cells';
import type { Cell, ExportRecord, ExportSet, Variable } from './schema';
import { NOT_APPLICABLE } from './variables';

/**
 * Export cells read from a response's stored codes (`responses.codes`, codebook.ts) instead of its parsed JSON.
 * The codes say exactly what most cells hold; where they do not, only that answer is looked up in the JSON text:
 * - single, country, likert: code k is the k-th answer, 0 no answer (exact);
 * - multiple: a set bit means the answer is a list (exact); no bit set is either no answer or an empty list: looked up;
 * - competence: a non-zero pair gives both ratings (exact); 0 is "not applicable" or no answer: looked up;
 * - number: rounded in the codes, so an answered number is read from the JSON (0 = no answer);
 * - text: the flag says whether there is one; the text comes from the JSON.
 * A look-up relies on the form every response is stored in (`JSON.stringify` of validated answers: question ids of
 * [a-z0-9_], no white space, keys unique). Anything else (an unexpected character, a value of another type, a row of
 * another questionnaire version than the variables', missing codes) gets the cell the JSON reader gives (cells.ts),
 * parsing that row's JSON once, so the output is the same byte for byte whichever way a cell was read.
 */

/** Value of each hexadecimal digit's character code (`hex()` in SQLite writes upper case). */
const HEX = new Uint8Array(128);
for (let d = 0; d < 16; d++) HEX['0123456789ABCDEF'.charCodeAt(d)] = HEX['0123456789abcdef'.charCodeAt(d)] = d;

/** A stored response being written: its codes, its JSON text, and the answers looked up in that text so far. */
export class RowView {
  record!: ExportRecord;
  readonly codes: Uint8Array;
  json!: string;
  /** Per question slot: the row it was looked up for and the position found (see `find`). */
  private readonly seen: Int32Array;
  private readonly found: Int32Array;
  private row = 0;
  /** Where the last answer found ends: answers are stored in form order, so the next one is usually after it. */
  private cursor = 0;

  constructor(size: number, slots: number) {
    this.codes = new Uint8Array(size);
    this.seen = new Int32Array(slots);
    this.found = new Int32Array(slots);
  }

  /** Takes the next record; false when its codes do not have the layout's size (then the caller reads its JSON). */
  reset(record: ExportRecord, codesHex: string, json: string): boolean {
    const codes = this.codes;
    if (codesHex.length !== 2 * codes.length) return false;
    for (let i = 0; i < codes.length; i++) codes[i] = (HEX[codesHex.charCodeAt(2 * i)]! << 4) | HEX[codesHex.charCodeAt(2 * i + 1)]!;
    this.record = record;
    this.json = json;
    this.row++;
    this.cursor = 0;
    return true;
  }

  /**
   * Where the value of question `key` (`"id"` with its quotes) starts in the JSON: ABSENT when the question has no
   * answer, UNSURE when the text is not in the expected form. Memoised per row and slot (a competence item's two
   * variables look up the same answer).
   */
  find(slot: number, key: string): number {
    if (this.seen[slot] === this.row) return this.found[slot]!;
    let at = locate(this.json, key, this.cursor);
    if (at === ABSENT && this.cursor > 0) at = locate(this.json, key, 0);
    if (at >= 0) this.cursor = at;
    this.seen[slot] = this.row;
    this.found[slot] = at;
    return at;
  }
}

export const ABSENT = -1;
export const UNSURE = -2;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Finds `"id":` as a key of the top-level object. Inside a JSON string every quote is escaped, so `"id"` followed by
 * a colon and preceded by `{` or `,` can only be a key; as a string value (an option id in a list, the end of a text)
 * it is followed by `,`, `]` or `}` and skipped. Competence answers nest the keys importance and proficiency only,
 * which the caller never looks up.
 */
function locate(json: string, key: string, from: number): number {
  for (;;) {
    const i = json.indexOf(key, from);
    if (i < 0) return ABSENT;
    const after = json.charCodeAt(i + key.length);
    if (after === COLON) {
      const before = json.charCodeAt(i - 1);
      return before === OPEN_BRACE || before === COMMA ? i + key.length + 1 : UNSURE;
    }
    if (after !== COMMA && after !== CLOSE_BRACKET && after !== CLOSE_BRACE) return UNSURE;
    from = i + 1;
  }
}

/** The string literal starting at `at` (its opening quote), unescaped, or undefined when it is not one. */
function stringAt(json: string, at: number): string | undefined {
  if (json.charCodeAt(at) !== QUOTE) return undefined;
  let end = at + 1;
  for (;;) {
    end = json.indexOf('"', end);
    if (end < 0) return undefined;
    let slashes = 0;
    while (json.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) break;
    end++;
  }
  const raw = json.slice(at + 1, end);
  return raw.includes('\\') ? (JSON.parse(json.slice(at, end + 1)) as string) : raw;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The number literal starting at `at`, or undefined when there is none. */
function numberAt(json: string, at: number): number | undefined {
  let end = at;
  for (let c = json.charCodeAt(end); c !== COMMA && c !== CLOSE_BRACE && end < json.length; c = json.charCodeAt(++end));
  const literal = json.slice(at, end);
  return JSON_NUMBER.test(literal) ? Number(literal) : undefined;
}

/** A cell as the writer renders it (CSV: the field text; XLSX: the cell itself). */
export type Field<T> = (row: RowView) => T;

/**
 * Compiles each variable into a function from a row to its rendered cell, reading the codes where they are exact.
 * `render` turns a cell into the writer's form; values known in advance (every code of a closed question) are
 * rendered once here. A variable the layout does not describe as expected is read from the parsed answers.
 */
export function compileCoded<T>(
  variables: readonly Variable[],
  layout: Layout,
  options: { labels: boolean },
  render: (cell: Cell) => T,
): { fields: Field<T>[]; slots: number } {
  const slotOf = new Map<string, number>();
  const slot = (question: string) => slotOf.get(question) ?? (slotOf.set(question, slotOf.size), slotOf.size - 1);
  const fields = variables.map((v): Field<T> => {
    const read = cellReader(v, options);
    const slow: Field<T> = (row) => render(read(row.record));
    const s = v.source;
    if (s.kind === 'meta' || s.question === 'importance' || s.question === 'proficiency') return slow;
    const field = layout.byId.get(s.question);
    if (!field) return slow;
    // The cell each value would give, rendered once: labelled when asked, as the JSON reader does.
    const labels = new Map<string | number, string>(options.labels ? v.values.map((x) => [x.value, x.label]) : []);
    const shown = (code: Cell): T => render(code === null || !options.labels ? code : (labels.get(code) ?? code));
    const empty = render(null);
    const key = `"${s.question}"`;
    const at = slot(s.question);
    return codedField(v, field, layout, { slow, shown, empty, key, at, render }) ?? slow;
  });
  return { fields, slots: slotOf.size };
}

interface Parts<T> {
  slow: Field<T>;
  shown: (code: Cell) => T;
  empty: T;
  key: string;
  at: number;
  render: (cell: Cell) => T;
}

function codedField<T>(v: Variable, field: CodedField, layout: Layout, p: Parts<T>): Field<T> | undefined {
  const { slow, shown, empty, key, at, render } = p;
  const s = v.source;
  const offset = field.offset;
  if (s.kind === 'choice' && field.kind === 'choice') {
    // Same questionnaire version: the layout's values are the variable's answers, in the same order.
    if (field.values.length !== s.answers.length || field.values.some((x, i) => x !== s.answers[i])) return undefined;
    const byCode = [empty, ...v.values.map((x) => shown(x.value))];
    return (row) => {
      const code = row.codes[offset]!;
      return code < byCode.length ? byCode[code]! : slow(row);
    };
  }
  if (s.kind === 'option' && field.kind === 'multi') {
    const k = field.values.indexOf(s.option);
    if (k < 0) return undefined;
    const [chosen, notChosen] = [shown(1), shown(0)];
    const bytes = field.bytes;
    const byte = offset + (k >> 3);
    const bit = 1 << (k & 7);
    return (row) => {
      const codes = row.codes;
      if (codes[byte]! & bit) return chosen;
      for (let b = offset; b < offset + bytes; b++) if (codes[b] !== 0) return notChosen;
      const i = row.find(at, key);
      if (i === ABSENT) return empty;
      return i >= 0 && row.json.charCodeAt(i) === 0x5b ? notChosen : slow(row);
    };
  }
  if (s.kind === 'rating' && field.kind === 'pair') {
    const points = layout.points;
    const base = points + 1;
    const notApplicable = shown(v.missing[0] ?? NOT_APPLICABLE);
    // Codes 1..143 that are a pair of ratings 1..K; any other non-zero byte takes the JSON.
    const byCode: T[] = [];
    const valid: boolean[] = [];
    for (let code = 0; code < base * base; code++) {
      const [importance, proficiency] = [Math.floor(code / base), code % base];
      valid.push(importance >= 1 && importance <= points && proficiency >= 1);
      byCode.push(shown(s.scale === 'importance' ? importance : proficiency));
    }
    return (row) => {
      const code = row.codes[offset]!;
      if (code !== 0) return valid[code] === true ? byCode[code]! : slow(row);
      const i = row.find(at, key);
      if (i === ABSENT) return empty;
      return i >= 0 && row.json.startsWith('"na"', i) ? notApplicable : slow(row);
    };
  }
  if (s.kind === 'number' && field.kind === 'number') {
    return (row) => {
      if (row.codes[offset] === 0 && row.codes[offset + 1] === 0) return empty;
      const i = row.find(at, key);
      const n = i >= 0 ? numberAt(row.json, i) : undefined;
      return n === undefined ? slow(row) : render(n);
    };
  }
  if (s.kind === 'text' && field.kind === 'flag') {
    return (row) => {
      if (row.codes[offset] === 0) return empty;
      const i = row.find(at, key);
      const text = i >= 0 ? stringAt(row.json, i) : undefined;
      return text === undefined ? slow(row) : render(text);
    };
  }
  return undefined;
}

/**
 * For a writer: a function that fills `out` with a record's rendered cells read from its codes and returns true, or
 * returns false for a record to be read from its parsed JSON (another version than the variables', no stored text,
 * codes of another size). Undefined when the set has no layout.
 */
export function codedReader<T>(
  set: ExportSet,
  options: { labels: boolean },
  render: (cell: Cell) => T,
): ((record: ExportRecord, out: T[]) => boolean) | undefined {
  const layout = set.layout;
  if (!layout) return undefined;
  const { fields, slots } = compileCoded(set.variables, layout, options, render);
  const row = new RowView(layout.size, slots);
  return (record, out) => {
    const { codesHex, json } = record;
    if (record.version !== set.version || codesHex === undefined || json === undefined || !row.reset(record, codesHex, json)) return false;
    for (let i = 0; i < fields.length; i++) out[i] = fields[i]!(row);
    return true;
  };
}
