import type { Question } from '../questionnaires/schema';

/** Name of a question's form field(s): `q_<id>`; competence items add `_i`, `_p`, `_na`. */
export const fieldName = (id: string) => `q_${id}`;

type FormBody = Record<string, unknown>;

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function toNumber(text: string | undefined): number | string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const normalised = text.trim().replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : text.trim();
}

const readers: { [T in Question['type']]: (body: FormBody, name: string) => unknown } = {
  single: (b, n) => first(b[n]) || undefined,
  country: (b, n) => first(b[n]) || undefined,
  text: (b, n) => first(b[n]),
  multiple: (b, n) => list(b[n]).filter(Boolean),
  likert: (b, n) => toNumber(first(b[n])),
  number: (b, n) => toNumber(first(b[n])),
  competence: (b, n) => {
    const na = Boolean(first(b[`${n}_na`]));
    const importance = toNumber(first(b[`${n}_i`]));
    const proficiency = toNumber(first(b[`${n}_p`]));
    if (importance === undefined && proficiency === undefined) return na ? 'na' : undefined;
    // both "not applicable" and ratings: kept as entered, for the page to show with its error (never a silent choice)
    return { ...(importance !== undefined && { importance }), ...(proficiency !== undefined && { proficiency }), ...(na && { na: true }) };
  },
};

/** Reads a page's answers from a posted form into the API's answer shape; validation comes after. */
export function readPageAnswers(questions: readonly Question[], body: FormBody): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) answers[q.id] = readers[q.type](body, fieldName(q.id));
  return answers;
}
