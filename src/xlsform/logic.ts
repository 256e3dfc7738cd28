import type { Condition, Question, QuestionType } from '../questionnaires/schema';
import { describe, ExpressionError, parseExpression, quote, writeLiteral, type Expr, type Literal } from './expressions';
import type { MessageParams, ProblemKey } from './schema';

/** An earlier question a `relevant` expression may name, with how its answers are written in the sheet. */
export interface Target {
  id: string;
  /** The name as written in the sheet, for messages. */
  name: string;
  type: QuestionType;
  /** Choice names as written (and as ids) → option ids. */
  options?: Map<string, string>;
  /** Likert choice names → point 1..n. */
  points?: Map<string, number>;
  pointCount?: number;
}

/** `later`: the name belongs to a question further down, which a condition may not depend on. */
export type Resolve = (name: string) => Target | 'later' | undefined;

export interface LogicError {
  key: ProblemKey;
  params: MessageParams;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: LogicError };
const fail = (key: ProblemKey, params: MessageParams): { ok: false; error: LogicError } => ({ ok: false, error: { key, params } });

function parse(text: string): Result<Expr> {
  try {
    return { ok: true, value: parseExpression(text) };
  } catch (err) {
    if (err instanceof ExpressionError) return fail(err.key, { detail: err.detail });
    throw err;
  }
}

/** An answer value as the target question stores it, from a literal of the sheet. */
function answerValue(target: Target, literal: Literal): Literal | undefined {
  const key = String(literal);
  switch (target.type) {
    case 'single':
    case 'multiple':
      return typeof literal === 'boolean' ? undefined : target.options?.get(key);
    case 'likert': {
      const n = target.points?.get(key) ?? (typeof literal === 'boolean' ? NaN : Number(literal));
      return Number.isInteger(n) && n >= 1 && n <= (target.pointCount ?? 0) ? n : undefined;
    }
    case 'number':
      return typeof literal === 'number' ? literal : typeof literal === 'string' && key.trim() !== '' && Number.isFinite(Number(key)) ? Number(key) : undefined;
    case 'country':
      return typeof literal !== 'string' ? undefined : /^[a-z]{2}$/i.test(literal) ? literal.toUpperCase() : literal.toLowerCase() === 'other' ? 'other' : undefined;
    default:
      return literal;
  }
}

type Term = { target: Target; equals: Literal } | { target: Target; answered: boolean };

function termOf(expr: Expr, resolve: Resolve): Result<Term> {
  const unsupported = () => fail('expressionUnsupported', { detail: describe(expr) });
  let ref: Expr | undefined;
  let literal: Literal | undefined;
  let answeredIfEqual: boolean | undefined;
  if (expr.kind === 'compare' && (expr.op === '=' || expr.op === '!=')) {
    const [a, b] = expr.left.kind === 'literal' ? [expr.right, expr.left] : [expr.left, expr.right];
    if (b.kind !== 'literal') return unsupported();
    if (a.kind === 'ref') {
      if (b.value === '') answeredIfEqual = expr.op === '!=';
      else if (expr.op === '=') literal = b.value;
      else return unsupported();
      ref = a;
    } else if (a.kind === 'call' && a.name === 'string-length' && a.args[0]?.kind === 'ref' && b.value === 0) {
      ref = a.args[0];
      answeredIfEqual = expr.op === '!=';
    } else return unsupported();
  } else if (expr.kind === 'compare' && expr.op === '>' && expr.left.kind === 'call' && expr.left.name === 'string-length' && expr.left.args[0]?.kind === 'ref' && expr.right.kind === 'literal' && expr.right.value === 0) {
    ref = expr.left.args[0];
    answeredIfEqual = true;
  } else if (expr.kind === 'call' && expr.name === 'selected' && expr.args.length === 2) {
    const [a, b] = expr.args as [Expr, Expr];
    if (a.kind !== 'ref' || b.kind !== 'literal') return unsupported();
    ref = a;
    literal = b.value;
  } else return unsupported();
  const name = (ref as { name: string }).name;
  const target = resolve(name);
  if (target === undefined) return fail('referenceUnknown', { name });
  if (target === 'later') return fail('referenceLater', { name });
  if (answeredIfEqual !== undefined) return { ok: true, value: { target, answered: answeredIfEqual } };
  const value = answerValue(target, literal!);
  if (value === undefined) return fail('referenceNotOption', { name: target.name, value: writeLiteral(literal!) });
  return { ok: true, value: { target, equals: value } };
}

/**
 * A `relevant` expression as a Needsmap condition: `${q} = 'a'`, `selected(${q}, 'a')`, several of these on one
 * question joined by `or`, `${q} != ''` and `${q} = ''` (answered or not), `string-length(${q}) > 0`.
 */
export function readRelevant(text: string, resolve: Resolve): Result<Condition> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const expr = parsed.value;
  const items = expr.kind === 'or' ? expr.items : [expr];
  const terms: Term[] = [];
  for (const item of items) {
    const term = termOf(item, resolve);
    if (!term.ok) return term;
    terms.push(term.value);
  }
  const first = terms[0]!;
  if (terms.length === 1) return { ok: true, value: 'answered' in first ? { question: first.target.id, answered: first.answered } : { question: first.target.id, equals: first.equals } };
  const values: (string | number)[] = [];
  for (const term of terms) {
    if ('answered' in term || term.target.id !== first.target.id || typeof term.equals === 'boolean') return fail('expressionUnsupported', { detail: describe(expr) });
    values.push(term.equals);
  }
  return { ok: true, value: { question: first.target.id, in: values } };
}

export interface Limits {
  min?: number;
  max?: number;
  maxLength?: number;
  maxChoices?: number;
}

type LimitKind = 'integer' | 'decimal' | 'text' | 'multiple';
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

/**
 * A `constraint` as limits: for numbers `. >= a`, `. <= b`, `. > a`, `. < b` (strict ones on integers only) and
 * `. = a`, joined by `and`; `string-length(.) <= n` for text; `count-selected(.) <= n` for select_multiple.
 */
export function readConstraint(text: string, kind: LimitKind, selfName: string): Result<Limits> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const items = parsed.value.kind === 'and' ? parsed.value.items : [parsed.value];
  const limits: Limits = {};
  const isSelf = (e: Expr) => e.kind === 'self' || (e.kind === 'ref' && e.name === selfName);
  const measured = (e: Expr) => (kind === 'text' ? 'string-length' : kind === 'multiple' ? 'count-selected' : undefined) === (e.kind === 'call' && e.args.length === 1 && isSelf(e.args[0]!) ? e.name : '');
  for (const item of items) {
    const unsupported = fail('constraintUnsupported', { detail: describe(item) });
    if (item.kind !== 'compare') return unsupported;
    const [subject, bound, op] = item.right.kind === 'literal' ? [item.left, item.right, item.op] : [item.right, item.left, FLIP[item.op] ?? '!='];
    if (bound.kind !== 'literal' || typeof bound.value !== 'number' || op === '!=') return unsupported;
    const n = bound.value;
    if (kind === 'integer' || kind === 'decimal') {
      if (!isSelf(subject)) return unsupported;
      if ((op === '<' || op === '>') && kind === 'decimal') return fail('constraintStrict', { detail: describe(item) });
      const low = op === '>=' || op === '=' ? n : op === '>' ? Math.floor(n) + 1 : undefined;
      const high = op === '<=' || op === '=' ? n : op === '<' ? Math.ceil(n) - 1 : undefined;
      if (low !== undefined) limits.min = Math.max(limits.min ?? -Infinity, low);
      if (high !== undefined) limits.max = Math.min(limits.max ?? Infinity, high);
    } else {
      if (!measured(subject) || (op !== '<=' && op !== '<') || !Number.isInteger(n)) return unsupported;
      const most = op === '<' ? n - 1 : n;
      const key = kind === 'text' ? 'maxLength' : 'maxChoices';
      limits[key] = Math.min(limits[key] ?? Infinity, most);
    }
  }
  if (limits.min !== undefined && limits.max !== undefined && limits.min > limits.max) return fail('constraintRange', { detail: text.trim() });
  if (limits.maxLength !== undefined && (limits.maxLength < 1 || limits.maxLength > 10_000)) return fail('constraintRange', { detail: text.trim() });
  if (limits.maxChoices !== undefined && limits.maxChoices < 1) return fail('constraintRange', { detail: text.trim() });
  return { ok: true, value: limits };
}

const ref = (id: string) => `\${${id}}`;

/** A condition as a `relevant` expression; `target` is the question it depends on. */
export function writeRelevant(condition: Condition, target: Pick<Question, 'id' | 'type'> | undefined): string {
  const id = condition.question;
  if ('answered' in condition) return `${ref(id)} ${condition.answered ? '!=' : '='} ''`;
  const one = (value: Literal) => (target?.type === 'multiple' && typeof value !== 'boolean' ? `selected(${ref(id)}, ${quote(String(value))})` : `${ref(id)} = ${writeLiteral(value)}`);
  return 'equals' in condition ? one(condition.equals) : condition.in.map(one).join(' or ');
}

/** A question's limits as a `constraint` expression ('' when it has none to write). */
export function writeConstraint(question: Question): string {
  if (question.type === 'number') return [question.min !== undefined ? `. >= ${question.min}` : '', question.max !== undefined ? `. <= ${question.max}` : ''].filter(Boolean).join(' and ');
  if (question.type === 'text' && question.maxLength !== 1000) return `string-length(.) <= ${question.maxLength}`;
  if (question.type === 'multiple' && question.maxChoices !== undefined) return `count-selected(.) <= ${question.maxChoices}`;
  return '';
}
