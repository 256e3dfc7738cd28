import type { Answers } from './answers-schema';
import { numberCode } from './number-code';
import type { Question, Questionnaire } from './schema';

/**
 * The fixed byte layout in which a response's closed answers are stored next to its JSON (`responses.codes`).
 * Aggregation reads these few bytes per response instead of parsing JSON or joining an answers table:
 * - single, country, likert: 1 byte, 0 = no answer, k = the k-th option / scale point;
 * - multiple: one bit per option (ceil(options/8) bytes);
 * - competence: 1 byte, importance × (K + 1) + proficiency (both 1..K, K the points of the competence scales,
 *   3..11, so at most 143), 0 = not applicable or no answer — the index of the item's joint importance ×
 *   proficiency count, so aggregation reads one byte per item. With the default K = 5 this is importance × 6 +
 *   proficiency, the layout responses were stored in before scales could have other lengths;
 * - number: 2 bytes, low byte first: the value rounded to three significant digits (number-code.ts), 0 = no answer;
 * - text: 1 byte, 1 when answered (the text itself lives in the JSON only);
 * then, per competence area, 3 derived values: items rated (both scales), sum of importance, sum of proficiency,
 * so an area score costs one read per area instead of one per item when 100,000 responses are aggregated. Each
 * value takes `width` bytes, low byte first: 1 when items × K ≤ 255 (every area of the default questionnaire, and
 * every area stored before), else 2.
 */
export type CodedField =
  | { kind: 'choice'; question: Question; offset: number; values: (string | number)[] }
  | { kind: 'multi'; question: Question; offset: number; bytes: number; values: string[] }
  | { kind: 'pair'; question: Question; offset: number; area: string }
  | { kind: 'flag'; question: Question; offset: number }
  | { kind: 'number'; question: Question; offset: number };

export interface AreaBytes {
  id: string;
  /** Offset of items rated; importance sum at offset + width, proficiency sum at offset + 2 × width. */
  offset: number;
  /** Bytes per derived value (1 or 2, low byte first). */
  width: 1 | 2;
  /** Offsets of the area's competence items. */
  items: number[];
}

export interface Layout {
  size: number;
  /** Points K of the competence scales (5 when the questionnaire has none): pair codes are importance × (K + 1) + proficiency. */
  points: number;
  fields: CodedField[];
  byId: Map<string, CodedField>;
  areas: AreaBytes[];
}

/** Limits of the layout, checked when a questionnaire is imported (schema.ts) so that every stored version loads. */
export const MAX_CHOICES = 255;
/** An area's items × scale points must fit the two bytes of its derived sums (5,957 items at 11 points). */
export const MAX_AREA_SUM = 0xffff;

function choiceValues(q: Question): (string | number)[] | null {
  if (q.type === 'single') return q.options.map((o) => o.id);
  if (q.type === 'country') return q.allowOther ? [...q.countries, 'other'] : [...q.countries];
  if (q.type === 'likert') return q.points.map((_, i) => i + 1);
  return null;
}

export function buildLayout(questionnaire: Questionnaire): Layout {
  const points = questionnaire.competenceScales?.importance.points.length ?? 5;
  const fields: CodedField[] = [];
  let offset = 0;
  for (const question of questionnaire.pages.flatMap((p) => p.questions)) {
    const values = choiceValues(question);
    if (values) {
      if (values.length > MAX_CHOICES) throw new Error(`question ${question.id} has more than ${MAX_CHOICES} choices`);
      fields.push({ kind: 'choice', question, offset, values });
      offset += 1;
    } else if (question.type === 'multiple') {
      const bytes = Math.ceil(question.options.length / 8);
      fields.push({ kind: 'multi', question, offset, bytes, values: question.options.map((o) => o.id) });
      offset += bytes;
    } else if (question.type === 'competence') {
      fields.push({ kind: 'pair', question, offset, area: question.area });
      offset += 1;
    } else if (question.type === 'text') {
      fields.push({ kind: 'flag', question, offset });
      offset += 1;
    } else if (question.type === 'number') {
      fields.push({ kind: 'number', question, offset });
      offset += 2;
    }
  }
  const areas: AreaBytes[] = [];
  for (const field of fields) {
    if (field.kind !== 'pair') continue;
    let area = areas.find((a) => a.id === field.area);
    if (!area) areas.push((area = { id: field.area, offset: 0, width: 1, items: [] }));
    area.items.push(field.offset);
  }
  for (const area of areas) {
    const largest = area.items.length * points;
    if (largest > MAX_AREA_SUM) throw new Error(`area ${area.id} has more items than its sums can hold`);
    area.width = largest > 0xff ? 2 : 1;
    area.offset = offset;
    offset += 3 * area.width;
  }
  return { size: offset, points, fields, byId: new Map(fields.map((f) => [f.question.id, f])), areas };
}

/** Encodes validated answers into the layout's bytes. */
export function encodeAnswers(layout: Layout, answers: Answers): Uint8Array {
  const codes = new Uint8Array(layout.size);
  for (const field of layout.fields) {
    const value = answers[field.question.id];
    if (value === undefined) continue;
    if (field.kind === 'choice') {
      codes[field.offset] = field.values.indexOf(value as string | number) + 1;
    } else if (field.kind === 'multi') {
      for (const id of value as string[]) {
        const k = field.values.indexOf(id);
        if (k >= 0) codes[field.offset + (k >> 3)]! |= 1 << (k & 7);
      }
    } else if (field.kind === 'flag') {
      codes[field.offset] = 1;
    } else if (field.kind === 'number') {
      const code = numberCode(value as number);
      codes[field.offset] = code & 0xff;
      codes[field.offset + 1] = code >> 8;
    } else if (value !== 'na' && typeof value === 'object' && !Array.isArray(value)) {
      codes[field.offset] = pairCode(layout.points, value.importance, value.proficiency);
    }
  }
  return fillAreaBytes(layout, codes);
}

/** Writes the derived per-area values (items rated, importance sum, proficiency sum) from the item pairs. */
export function fillAreaBytes(layout: Layout, codes: Uint8Array): Uint8Array {
  const base = layout.points + 1;
  for (const area of layout.areas) {
    let rated = 0;
    let importance = 0;
    let proficiency = 0;
    for (const item of area.items) {
      const pair = codes[item]!;
      if (pair === 0) continue;
      rated++;
      importance += Math.floor(pair / base);
      proficiency += pair % base;
    }
    [rated, importance, proficiency].forEach((value, k) => {
      const at = area.offset + k * area.width;
      codes[at] = value & 0xff;
      if (area.width === 2) codes[at + 1] = value >> 8;
    });
  }
  return codes;
}

/** The one-byte code of a rated competence item on a scale of `points` points. */
export const pairCode = (points: number, importance: number, proficiency: number) => importance * (points + 1) + proficiency;

/** Reads a derived area value of `width` bytes at `offset` of row-major codes. */
export const areaValue = (codes: Uint8Array, offset: number, width: 1 | 2) => (width === 1 ? codes[offset]! : codes[offset]! | (codes[offset + 1]! << 8));

/** Whether option k (0-based) of a multiple-choice field is set in `codes`. */
export function hasChoice(codes: Uint8Array, field: Extract<CodedField, { kind: 'multi' }>, k: number): boolean {
  return ((codes[field.offset + (k >> 3)] ?? 0) & (1 << (k & 7))) !== 0;
}
