import type { TextLanguage } from '../i18n/languages';
import type { LocalizedText } from '../questionnaires/schema';
import type { CellRef } from './schema';
import { cell, cellOf, localized, plainColumn, type Report, type Table } from './table';

export interface Choice {
  /** The name as written. */
  name: string;
  label: LocalizedText;
  hasLabel: boolean;
  nameAt: CellRef;
  labelAt: CellRef;
}

export interface ChoiceList {
  name: string;
  choices: Choice[];
  /** The list's first row, where problems about the whole list are shown. */
  at: CellRef;
}

/**
 * The choices sheet as lists, in sheet order. `list_name` (or "list name") groups rows; a row without a name
 * takes KoboToolbox's `$autovalue`. Lists are checked when a question uses them, since an unused list is harmless.
 */
export function readChoiceLists(table: Table | undefined, defaultLang: TextLanguage): Map<string, ChoiceList> {
  const lists = new Map<string, ChoiceList>();
  if (!table) return lists;
  const listColumn = plainColumn(table, 'list_name');
  const autoValue = plainColumn(table, '$autovalue');
  for (const row of table.rows) {
    const listName = cellOf(row, listColumn);
    const named = cell(table, row, 'name');
    const name = named.value || cellOf(row, autoValue);
    if (!listName && !name) continue;
    const label = localized(table, row, 'label', defaultLang);
    const choice: Choice = { name, label: label.text, hasLabel: label.present, nameAt: { ...named.at, value: name }, labelAt: label.at };
    const list = lists.get(listName) ?? { name: listName, choices: [], at: { sheet: table.sheet.name, row: row.number } };
    list.choices.push(choice);
    lists.set(listName, list);
  }
  return lists;
}

/** A list by the name a type cell gives it: exactly, else ignoring case (list names are matched as written first). */
export function findList(lists: Map<string, ChoiceList>, name: string): ChoiceList | undefined {
  return lists.get(name) ?? [...lists.values()].find((l) => l.name.toLowerCase() === name.toLowerCase());
}

/** Problems of a list used as options or points: names missing or repeated, labels missing. */
export function checkChoices(list: ChoiceList, report: Report, opts: { labels: boolean }) {
  const seen = new Map<string, number>();
  for (const choice of list.choices) {
    if (!choice.name) report.problem('nameMissing', choice.nameAt);
    else if (seen.has(choice.name)) report.problem('choiceDuplicate', choice.nameAt, { name: choice.name, row: seen.get(choice.name)! });
    else seen.set(choice.name, choice.nameAt.row ?? 0);
    if (opts.labels && !choice.hasLabel) report.problem('labelMissing', choice.labelAt);
  }
}
