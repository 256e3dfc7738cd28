import type { Sheet, Workbook } from '../../src/xlsform/schema';

/** A sheet from rows of cells, as an .xlsx gives them: row 1 is the header, column A is cells[0]. */
export const sheetOf = (name: string, rows: string[][]): Sheet => ({ name, rows: rows.map((cells, i) => ({ number: i + 1, cells })), firstColumn: 1 });

/** A workbook from named sheets: `workbookOf({ survey: [[...header], [...row]], choices: [...] })`. */
export const workbookOf = (sheets: Record<string, string[][]>): Workbook => ({ format: 'xlsx', sheets: Object.entries(sheets).map(([name, rows]) => sheetOf(name, rows)) });

/**
 * A small valid form in English and Bulgarian: a group with a select_one, an integer, a text shown on a condition;
 * tests change one cell to provoke one problem. Row numbers: survey row 2 is begin_group, row 3 `role`, …
 */
export function baseForm(): Record<string, string[][]> {
  return {
    survey: [
      ['type', 'name', 'label::English (en)', 'label::Bulgarian (bg)', 'required', 'relevant', 'constraint', 'appearance', 'area'],
      ['begin_group', 'background', 'Background', 'Профил', '', '', '', '', ''],
      ['select_one roles', 'role', 'Your role', 'Вашата роля', 'yes', '', '', '', ''],
      ['integer', 'hours', 'Hours a week', 'Часове седмично', '', "${role} = 'paid'", '. >= 0 and . <= 80', '', ''],
      ['text', 'comment', 'Anything else?', 'Нещо друго?', '', '', '', 'multiline', ''],
      ['end_group', '', '', '', '', '', '', '', ''],
    ],
    choices: [
      ['list_name', 'name', 'label::English (en)', 'label::Bulgarian (bg)'],
      ['roles', 'paid', 'Paid', 'Платен'],
      ['roles', 'volunteer', 'Volunteer', 'Доброволец'],
    ],
    settings: [
      ['form_id', 'form_title', 'default_language', 'purpose::English (en)', 'purpose::Bulgarian (bg)'],
      ['test-form', 'Test form', 'English (en)', 'To test.', 'За тест.'],
    ],
  };
}

/** The competence parts of a form: an areas sheet, a scales sheet and 5-point lists, plus one competence row. */
export function withCompetences(form: Record<string, string[][]>, points = 5): Record<string, string[][]> {
  const survey = form.survey!.map((r) => [...r]);
  survey.splice(survey.length - 1, 0, ['competence', 'fac_1', 'Safe spaces', 'Безопасна среда', 'yes', '', '', '', 'facilitating']);
  const list = (name: string) => Array.from({ length: points }, (_, i) => [name, String(i + 1), `${name} ${i + 1}`, `${name} ${i + 1} bg`]);
  return {
    ...form,
    survey,
    choices: [...form.choices!, ...list('importance'), ...list('proficiency')],
    areas: [['name', 'label::English (en)', 'label::Bulgarian (bg)'], ['facilitating', 'Facilitating learning', 'Улесняване']],
    scales: [
      ['name', 'label::English (en)', 'label::Bulgarian (bg)'],
      ['importance', 'How important?', 'Колко важно?'],
      ['proficiency', 'How well?', 'Колко добре?'],
      ['not_applicable', 'Not applicable', 'Не се отнася'],
    ],
  };
}
