import type { TextLanguage } from '../i18n/languages';
import { formatPath, type LocalizedText, type Option, type Question } from '../questionnaires/schema';
import { MAX_CHOICES } from '../questionnaires/codebook';
import { checkChoices, findList, type ChoiceList } from './choices';
import { toId } from './ids';
import { readConstraint, type Limits, type Target } from './logic';
import type { CellRef } from './schema';
import { cell, type Report, type Table } from './table';
import type { SheetRow } from './schema';

/** What building one question needs: the sheet, the lists, the areas and where to record cell locations. */
export interface QuestionContext {
  table: Table;
  lists: Map<string, ChoiceList>;
  /** Area names as written and as ids → area id. */
  areas: Map<string, string>;
  defaultLang: TextLanguage;
  report: Report;
  /** JSON paths of the definition → the cell they came from, to locate what the schema check finds. */
  locations: Map<string, CellRef>;
  /** Lists already converted, so a list shared by many questions is checked (and reported) once. */
  converted: Map<string, Option[] | LocalizedText[] | string[] | null>;
}

/** The parts common to every question, already read from the row. */
export interface QuestionBase {
  id: string;
  label: LocalizedText;
  help?: LocalizedText;
  required: boolean;
  path: (string | number)[];
  row: SheetRow;
  typeAt: CellRef;
  list?: string;
  appearance: string[];
}

export type Built = { question: Question; target: Omit<Target, 'name'> } | undefined;
type Builder = (ctx: QuestionContext, base: QuestionBase) => Built;

const common = (b: QuestionBase) => ({ id: b.id, label: b.label, ...(b.help ? { help: b.help } : {}), required: b.required });

function listFor(ctx: QuestionContext, base: QuestionBase): ChoiceList | undefined {
  const list = base.list ? findList(ctx.lists, base.list) : undefined;
  if (!list) ctx.report.problem('listMissing', base.typeAt, { list: base.list ?? '' });
  else ctx.locations.set(formatPath([...base.path, 'options']), list.at);
  return list;
}

function sizeCheck(ctx: QuestionContext, list: ChoiceList, count: number, min: number, max: number): boolean {
  if (count < min) ctx.report.problem('listTooShort', list.at, { list: list.name, count, min });
  else if (count > max) ctx.report.problem('listTooLong', list.at, { list: list.name, count, max });
  else return true;
  return false;
}

/** A list's choices as options with ids (converted once per list). */
function optionsOf(ctx: QuestionContext, list: ChoiceList, max: number): Option[] | undefined {
  const key = `options:${list.name}:${max}`;
  if (!ctx.converted.has(key)) {
    const before = ctx.report.problems.length;
    checkChoices(list, ctx.report, { labels: true });
    const ids = new Map<string, number>();
    const options = list.choices.map((choice) => {
      const id = choice.name ? toId(choice.name, 'o') : undefined;
      if (choice.name && !id) ctx.report.problem('nameInvalid', choice.nameAt, { name: choice.name });
      else if (id && ids.has(id) && choice.name !== list.choices[ids.get(id)!]!.name) ctx.report.problem('choiceDuplicate', choice.nameAt, { name: id, row: list.choices[ids.get(id)!]!.nameAt.row ?? 0 });
      else if (id && id !== choice.name) ctx.report.notice('renamed', choice.nameAt, { from: choice.name, to: id });
      if (id && !ids.has(id)) ids.set(id, list.choices.indexOf(choice));
      return { id: id ?? '', label: choice.label };
    });
    const fits = sizeCheck(ctx, list, options.length, 2, max);
    ctx.converted.set(key, fits && ctx.report.problems.length === before ? options : null);
  }
  return (ctx.converted.get(key) as Option[] | null) ?? undefined;
}

function limitsOf(ctx: QuestionContext, base: QuestionBase, kind: 'integer' | 'decimal' | 'text' | 'multiple'): Limits {
  const constraint = cell(ctx.table, base.row, 'constraint');
  if (!constraint.value) return {};
  ctx.locations.set(formatPath([...base.path, 'min']), constraint.at);
  ctx.locations.set(formatPath([...base.path, 'max']), constraint.at);
  const read = readConstraint(constraint.value, kind, cell(ctx.table, base.row, 'name').value);
  if (read.ok) return read.value;
  ctx.report.problem(read.error.key, constraint.at, read.error.params);
  return {};
}

/** Types without limits: a constraint on them is refused rather than silently dropped. */
function noConstraint(ctx: QuestionContext, base: QuestionBase) {
  const constraint = cell(ctx.table, base.row, 'constraint');
  if (constraint.value) ctx.report.problem('constraintUnsupported', constraint.at, { detail: constraint.value });
}

const choiceTarget = (options: Option[], list: ChoiceList) =>
  new Map([...list.choices.map((c, i) => [c.name, options[i]!.id] as const), ...options.map((o) => [o.id, o.id] as const)]);

const single: Builder = (ctx, base) => {
  noConstraint(ctx, base);
  const list = listFor(ctx, base);
  if (!list) return undefined;
  if (base.appearance.includes('likert')) return likert(ctx, base, list);
  const options = optionsOf(ctx, list, MAX_CHOICES);
  if (!options) return undefined;
  return { question: { ...common(base), type: 'single', options }, target: { id: base.id, type: 'single', options: choiceTarget(options, list) } };
};

function likert(ctx: QuestionContext, base: QuestionBase, list: ChoiceList): Built {
  const key = `points:${list.name}`;
  if (!ctx.converted.has(key)) {
    const before = ctx.report.problems.length;
    checkChoices(list, ctx.report, { labels: true });
    const fits = sizeCheck(ctx, list, list.choices.length, 2, 11);
    ctx.converted.set(key, fits && ctx.report.problems.length === before ? list.choices.map((c) => c.label) : null);
  }
  const points = ctx.converted.get(key) as LocalizedText[] | null;
  if (!points) return undefined;
  const names = new Map(list.choices.map((c, i) => [c.name, i + 1]));
  return { question: { ...common(base), type: 'likert', points }, target: { id: base.id, type: 'likert', points: names, pointCount: points.length } };
}

const multiple: Builder = (ctx, base) => {
  const list = listFor(ctx, base);
  const limits = limitsOf(ctx, base, 'multiple');
  const options = list && optionsOf(ctx, list, Infinity);
  if (!list || !options) return undefined;
  const question: Question = { ...common(base), type: 'multiple', options, ...(limits.maxChoices !== undefined ? { maxChoices: limits.maxChoices } : {}) };
  return { question, target: { id: base.id, type: 'multiple', options: choiceTarget(options, list) } };
};

const number =
  (integer: boolean): Builder =>
  (ctx, base) => {
    const { min, max } = limitsOf(ctx, base, integer ? 'integer' : 'decimal');
    const question: Question = { ...common(base), type: 'number', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), integer };
    return { question, target: { id: base.id, type: 'number' } };
  };

const text: Builder = (ctx, base) => {
  const { maxLength } = limitsOf(ctx, base, 'text');
  const question: Question = { ...common(base), type: 'text', maxLength: maxLength ?? 1000, multiline: base.appearance.includes('multiline') };
  return { question, target: { id: base.id, type: 'text' } };
};

/** Needsmap extension: `competence` rows name their area in the `area` column. */
const competence: Builder = (ctx, base) => {
  noConstraint(ctx, base);
  const area = cell(ctx.table, base.row, 'area');
  const at = area.at.column ? area.at : base.typeAt;
  ctx.locations.set(formatPath([...base.path, 'area']), at);
  const id = area.value ? (ctx.areas.get(area.value) ?? ctx.areas.get(toId(area.value, 'a') ?? '')) : undefined;
  if (!area.value) ctx.report.problem('areaMissing', at);
  else if (!id) ctx.report.problem('areaUnknown', at, { area: area.value });
  if (!id) return undefined;
  return { question: { ...common(base), type: 'competence', area: id }, target: { id: base.id, type: 'competence' } };
};

/** Needsmap extension: `country <list>`, the list's names ISO codes ("BG"), and "other" to offer another country. */
const country: Builder = (ctx, base) => {
  noConstraint(ctx, base);
  const list = listFor(ctx, base);
  if (!list) return undefined;
  const countries: string[] = [];
  let allowOther = false;
  for (const choice of list.choices) {
    if (choice.name.toLowerCase() === 'other') allowOther = true;
    else if (/^[a-z]{2}$/i.test(choice.name)) countries.push(choice.name.toUpperCase());
    else ctx.report.problem('countryCode', choice.nameAt, { name: choice.name });
  }
  if (!sizeCheck(ctx, list, countries.length + (allowOther ? 1 : 0), allowOther ? 2 : 1, MAX_CHOICES)) return undefined;
  return { question: { ...common(base), type: 'country', countries, allowOther }, target: { id: base.id, type: 'country' } };
};

/** One builder per question type keyword of the type column. */
export const BUILDERS: Record<string, Builder> = {
  select_one: single,
  select_multiple: multiple,
  integer: number(true),
  decimal: number(false),
  text,
  competence,
  country,
};
