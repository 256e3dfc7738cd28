import type { TextLanguage } from '../i18n/languages';
import { formatPath, type Condition, type LocalizedText, type Page } from '../questionnaires/schema';
import { toId } from './ids';
import { readRelevant, type Resolve, type Target } from './logic';
import { BUILDERS, type QuestionContext } from './questions';
import type { CellRef, SheetRow } from './schema';
import { cell, cellOf, localized, plainColumn, refOf } from './table';

/** Types that record something about the device or the moment: Needsmap keeps no such data, so they are left out. */
const METADATA = new Set(['start', 'end', 'today', 'deviceid', 'phonenumber', 'username', 'email', 'audit', 'simserial', 'subscriberid', 'start-geopoint', 'background-audio', 'background-geopoint']);
/** Survey columns Needsmap reads; others with values get one notice each ("$" columns are KoboToolbox's own). */
const KNOWN_COLUMNS = new Set(['type', 'name', 'label', 'hint', 'required', 'relevant', 'constraint', 'appearance', 'area', 'parameters']);

interface PageBuild {
  page: Page;
  implicit: boolean;
  /** An implicit page takes the following ungrouped questions until a group starts. */
  open?: boolean;
  intro: LocalizedText[];
}

interface GroupFrame {
  build?: PageBuild;
  condition?: { value: Condition; at: CellRef };
  at: CellRef;
}

/** "begin group" → "begin_group", "select one x" → "select_one x"; the keyword in lower case, the list name as written. */
export function splitType(raw: string): { keyword: string; list?: string; rest: string } {
  const s = raw.trim().replace(/\s+/g, ' ');
  const joined = s.replace(/^(begin|end|select)[ _](group|repeat|one|multiple)\b/i, (_m, a: string, b: string) => `${a}_${b}`);
  const [keyword = '', list, ...rest] = joined.split(' ');
  return { keyword: keyword.toLowerCase(), ...(list ? { list } : {}), rest: rest.join(' ') };
}

function parseRequired(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['', 'no', 'false', 'false()', '0'].includes(v)) return false;
  if (['yes', 'true', 'true()', '1'].includes(v)) return true;
  return undefined;
}

function joinIntro(parts: LocalizedText[]): LocalizedText | undefined {
  if (!parts.length) return undefined;
  const langs = [...new Set(parts.flatMap((p) => Object.keys(p)))] as TextLanguage[];
  return Object.fromEntries(langs.map((l) => [l, parts.flatMap((p) => (p[l] ? [p[l]] : [])).join('\n\n')])) as LocalizedText;
}

/**
 * The survey sheet as pages. Top-level groups are pages; questions outside groups form a page per run, titled with
 * the form title; notes become the intro of their page; a group's `relevant` applies to each question in it.
 */
export function readSurvey(ctx: QuestionContext, formTitle: LocalizedText): { pages: Page[]; firstCompetence?: CellRef } {
  const { table, report } = ctx;
  const typeColumn = plainColumn(table, 'type');
  const nameColumn = plainColumn(table, 'name') ?? plainColumn(table, '$autoname');
  const builds: PageBuild[] = [];
  const stack: GroupFrame[] = [];
  const known = new Map<string, Target>();
  const questionRows = new Map<string, number>();
  const pageIds = new Map<string, number>();
  const allNames = new Set(table.rows.map((r) => cellOf(r, nameColumn)).filter(Boolean));
  const ignoredTypes = new Set<string>();
  let pending: LocalizedText[] = [];
  let firstCompetence: CellRef | undefined;

  for (const column of table.columns) {
    if (KNOWN_COLUMNS.has(column.base) || column.base.startsWith('$')) continue;
    if (table.rows.some((r) => cellOf(r, column))) report.notice('ignoredColumn', { sheet: table.sheet.name, row: table.rows[0] ? table.rows[0].number - 1 : 1, column: column.letter, header: column.header, value: column.header }, { column: column.header });
  }

  const resolve: Resolve = (name) => {
    const found = known.get(name) ?? known.get(toId(name, 'q') ?? '');
    if (found) return found;
    return allNames.has(name) ? 'later' : undefined;
  };

  const startPage = (id: string, title: LocalizedText, implicit: boolean, at: CellRef): PageBuild => {
    const build: PageBuild = { page: { id, title, questions: [] }, implicit, intro: pending };
    pending = [];
    ctx.locations.set(formatPath(['pages', builds.length]), at);
    builds.push(build);
    return build;
  };

  const currentPage = (at: CellRef): PageBuild => {
    if (stack.length) return stack[0]!.build!;
    const last = builds[builds.length - 1];
    if (last?.implicit && last.open) return last;
    let n = builds.length + 1;
    while (allNames.has(`page_${n}`) || pageIds.has(`page_${n}`)) n++;
    pageIds.set(`page_${n}`, at.row ?? 0);
    const build = startPage(`page_${n}`, formTitle, true, at);
    build.open = true;
    return build;
  };

  const readCondition = (row: SheetRow): { value: Condition; at: CellRef } | undefined => {
    const relevant = cell(table, row, 'relevant');
    if (!relevant.value) return undefined;
    const read = readRelevant(relevant.value, resolve);
    if (read.ok) return { value: read.value, at: relevant.at };
    report.problem(read.error.key, relevant.at, read.error.params);
    return undefined;
  };

  for (const row of table.rows) {
    const typeAt = refOf(table, row, typeColumn);
    const name = cellOf(row, nameColumn);
    const nameAt = { ...refOf(table, row, nameColumn), value: name };
    const { keyword, list } = splitType(typeAt.value ?? '');
    const closeImplicit = () => {
      const last = builds[builds.length - 1];
      if (last) last.open = false;
    };
    if (!keyword) {
      if (name) report.problem('typeMissing', typeAt, { name });
      continue;
    }
    if (keyword === 'begin_group') {
      closeImplicit();
      const condition = readCondition(row);
      if (condition && stack.some((f) => f.condition)) report.problem('conditionTwice', condition.at);
      const frame: GroupFrame = { at: typeAt, ...(condition ? { condition } : {}) };
      if (!stack.length) {
        const id = name ? toId(name, 'p') : undefined;
        if (!name) report.problem('nameMissing', nameAt);
        else if (!id) report.problem('nameInvalid', nameAt, { name });
        else if (pageIds.has(id)) report.problem('nameDuplicate', nameAt, { name, row: pageIds.get(id)! });
        else if (id !== name) report.notice('renamed', nameAt, { from: name, to: id });
        if (id) pageIds.set(id, row.number);
        const label = localized(table, row, 'label', ctx.defaultLang);
        if (!label.present && id) report.notice('titleFromName', label.at, { name });
        const title = label.present ? label.text : ({ [ctx.defaultLang]: name || '-' } as LocalizedText);
        frame.build = startPage(id ?? '', title, false, typeAt);
        ctx.locations.set(formatPath(['pages', builds.length - 1, 'title']), label.at);
      }
      stack.push(frame);
      continue;
    }
    if (keyword === 'end_group') {
      const frame = stack.pop();
      if (!frame) report.problem('groupNotOpen', typeAt);
      else if (frame.build && !frame.build.page.questions.length) {
        // A group of notes only (a welcome screen): its notes open the next page instead.
        builds.splice(builds.indexOf(frame.build), 1);
        pending = [...frame.build.intro, ...pending];
      }
      continue;
    }
    if (keyword === 'note') {
      const label = localized(table, row, 'label', ctx.defaultLang);
      if (!label.present) continue;
      const last = builds[builds.length - 1];
      const page = stack.length ? stack[0]!.build! : last?.open ? last : undefined;
      if (!page) pending.push(label.text);
      else {
        if (page.page.questions.length) report.notice('noteMoved', typeAt, { name: name || '-' });
        page.intro.push(label.text);
      }
      continue;
    }
    if (METADATA.has(keyword)) {
      if (!ignoredTypes.has(keyword)) report.notice('ignoredType', typeAt, { type: keyword });
      ignoredTypes.add(keyword);
      continue;
    }
    const builder = BUILDERS[keyword];
    if (!builder) {
      report.problem('typeUnsupported', typeAt, { type: typeAt.value ?? keyword });
      continue;
    }
    if (keyword === 'competence') firstCompetence ??= typeAt;
    const page = currentPage(typeAt);
    const p = builds.indexOf(page);
    const path = ['pages', p, 'questions', page.page.questions.length];
    const id = name ? toId(name, 'q') : undefined;
    if (!name) report.problem('nameMissing', nameAt);
    else if (!id) report.problem('nameInvalid', nameAt, { name });
    else if (questionRows.has(id)) report.problem('nameDuplicate', nameAt, { name, row: questionRows.get(id)! });
    else if (id !== name) report.notice('renamed', nameAt, { from: name, to: id });
    const label = localized(table, row, 'label', ctx.defaultLang);
    if (!label.present) report.problem('labelMissing', label.at.column ? label.at : typeAt);
    const hint = localized(table, row, 'hint', ctx.defaultLang);
    const requiredCell = cell(table, row, 'required');
    const required = parseRequired(requiredCell.value);
    if (required === undefined) report.problem('requiredValue', requiredCell.at, { value: requiredCell.value });
    const own = readCondition(row);
    const inherited = stack.find((f) => f.condition)?.condition;
    if (own && inherited) report.problem('conditionTwice', own.at);
    const condition = own ?? inherited;
    ctx.locations.set(formatPath(path), typeAt);
    ctx.locations.set(formatPath([...path, 'id']), nameAt);
    ctx.locations.set(formatPath([...path, 'label']), label.at);
    ctx.locations.set(formatPath([...path, 'help']), hint.at);
    if (condition) ctx.locations.set(formatPath([...path, 'showIf']), condition.at);
    const appearance = cell(table, row, 'appearance').value.toLowerCase().split(/\s+/).filter(Boolean);
    const built = id ? builder(ctx, { id, label: label.text, ...(hint.present ? { help: hint.text } : {}), required: required ?? false, path, row, typeAt, ...(list ? { list } : {}), appearance }) : undefined;
    if (!id || !built) continue;
    questionRows.set(id, row.number);
    page.page.questions.push(condition ? { ...built.question, showIf: condition.value } : built.question);
    const target = { ...built.target, name };
    known.set(name, target);
    known.set(id, target);
  }
  for (const frame of stack) report.problem('groupUnclosed', frame.at);
  if (pending.length && builds.length) builds[builds.length - 1]!.intro.push(...pending);
  const pages = builds.map((b) => {
    const intro = joinIntro(b.intro);
    return intro ? { ...b.page, intro } : b.page;
  });
  return { pages, ...(firstCompetence ? { firstCompetence } : {}) };
}
