import type { AnswerValue } from '../../questionnaires/answers-schema';
import { NOT_APPLICABLE } from './variables';
import type { Cell, ExportRecord, MetaField, Variable } from './schema';

type Read = (record: ExportRecord) => Cell;

const META: Record<MetaField, Read> = {
  response_id: (r) => r.id,
  collector: (r) => r.collectorId,
  language: (r) => r.lang,
  submitted_on: (r) => r.submittedOn,
  questionnaire_version: (r) => r.version,
  is_demo: (r) => (r.isDemo ? 1 : 0),
  wave: (r) => r.wave,
};

/**
 * The code of one variable in one response. Rows of an older questionnaire version are read by question and option
 * id: an answer the current version no longer offers becomes an empty cell.
 */
function reader(v: Variable): Read {
  const s = v.source;
  const answer = (r: ExportRecord): AnswerValue | undefined => ('question' in s ? r.answers[s.question] : undefined);
  switch (s.kind) {
    case 'meta':
      return META[s.field];
    case 'choice': {
      const codes = new Map<string | number, string | number>(s.answers.map((a, i) => [a, v.values[i]!.value]));
      return (r) => {
        const a = answer(r);
        return typeof a === 'string' || typeof a === 'number' ? (codes.get(a) ?? null) : null;
      };
    }
    case 'option':
      return (r) => {
        const a = answer(r);
        return Array.isArray(a) ? (a.includes(s.option) ? 1 : 0) : null;
      };
    case 'rating':
      return (r) => {
        const a = answer(r);
        if (a === 'na') return v.missing[0] ?? NOT_APPLICABLE;
        return a && typeof a === 'object' && !Array.isArray(a) ? a[s.scale] : null;
      };
    case 'number':
      return (r) => {
        const a = answer(r);
        return typeof a === 'number' ? a : null;
      };
    case 'text':
      return (r) => {
        const a = answer(r);
        return typeof a === 'string' ? a : null;
      };
  }
}

/** Replaces a code by its value label (codes without one, numbers and texts stay as they are). */
function labelled(v: Variable, read: Read): Read {
  if (v.values.length === 0) return read;
  const labels = new Map<string | number, string>(v.values.map((x) => [x.value, x.label]));
  return (r) => {
    const code = read(r);
    return code === null ? null : (labels.get(code) ?? code);
  };
}

/** The cell of one variable as the export writes it: its code, or its value label when `labels` is set. */
export function cellReader(v: Variable, options: { labels: boolean }): Read {
  return options.labels ? labelled(v, reader(v)) : reader(v);
}

/** Compiles the variables once into a function from a stored response to its row of cells. */
export function compileRow(variables: readonly Variable[], options: { labels: boolean }): (record: ExportRecord) => Cell[] {
  const readers = variables.map((v) => cellReader(v, options));
  return (record) => readers.map((read) => read(record));
}
