/**
 * Writes the compatibility sample forms in test/fixtures/xlsform/ (run with `npx tsx test/xlsform/make-fixtures.ts`;
 * the .xlsx files are committed). They are written the way other tools write forms, with standard XLSForm types only:
 * - kobo-youth-centre.xlsx: a KoboToolbox export in one language: `$kuid`/`$autoname` columns, mixed-case names,
 *   metadata rows (start, end, today, deviceid), random list names, choice names as numbers, TRUE/FALSE cells,
 *   constraint messages, a likert appearance, notes, no default language;
 * - kobo-multilingual.xlsx: KoboToolbox with `label::English (en)` / `label::Español (es)` and hints, a group with a
 *   condition, selected(), a decimal limit, an `id_string` setting;
 * - odk-training.xlsx: pyxform habits: "begin group" with a space, "list name", `label:English (en)` with one colon,
 *   `yes` in required, a nested group, string-length and count-selected constraints, an underscore form_id.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

type Cell = string | number | boolean | null;
export const FIXTURES = path.resolve(__dirname, '../fixtures/xlsform');

export const KOBO_YOUTH_CENTRE: Record<string, Cell[][]> = {
  survey: [
    ['type', '$kuid', 'name', 'label', 'required', 'relevant', 'hint', 'appearance', 'constraint', 'constraint_message', '$autoname'],
    ['start', 'hK3xq', 'start', null, null, null, null, null, null, null, 'start'],
    ['end', 'pQ9aL', 'end', null, null, null, null, null, null, null, 'end'],
    ['today', 'Zt4mW', 'today', null, null, null, null, null, null, null, 'today'],
    ['deviceid', 'Rr8cD', 'deviceid', null, null, null, null, null, null, null, 'deviceid'],
    ['note', 'Ua1pE', 'Welcome', 'Thank you for helping us improve the youth centre. It takes five minutes.', null, null, null, null, null, null, 'Welcome'],
    ['begin_group', 'Gx2bN', 'About_you', 'About you', null, null, null, 'field-list', null, null, 'About_you'],
    ['integer', 'Ji5sV', 'Age', 'How old are you?', true, null, null, null, '. >= 10 and . <= 30', 'Age must be between 10 and 30', 'Age'],
    ['select_one ly7tq84', 'Wm3kF', 'Visited_before', 'Have you been to the centre before?', true, null, null, null, null, null, 'Visited_before'],
    ['integer', 'Cc6hT', 'Visits_per_month', 'How many times a month do you come?', false, "${Visited_before} = 'yes'", null, null, '. >= 1', null, 'Visits_per_month'],
    ['end_group', 'Ee0rS', null, null, null, null, null, null, null, null, null],
    ['begin_group', 'Bv4yM', 'The_centre', 'The centre', null, null, null, 'field-list', null, null, 'The_centre'],
    ['select_multiple zd5ti93', 'Nq1fO', 'Activities', 'Which activities do you take part in?', false, null, 'Choose all that apply.', null, null, null, 'Activities'],
    ['select_one sg2ov41', 'Ks9dP', 'Satisfaction', 'How satisfied are you with the centre?', true, null, null, 'likert', null, null, 'Satisfaction'],
    ['text', 'Tb7jL', 'Improve', 'What should we improve?', false, "${Satisfaction} = '1' or ${Satisfaction} = '2'", null, null, null, null, 'Improve'],
    ['note', 'Yh3wQ', 'Goodbye', 'Thank you!', null, null, null, null, null, null, 'Goodbye'],
    ['end_group', 'Oo2uI', null, null, null, null, null, null, null, null, null],
  ],
  choices: [
    ['list_name', 'name', 'label', '$kuid', '$autovalue'],
    ['ly7tq84', 'yes', 'Yes', 'a1', 'yes'],
    ['ly7tq84', 'no', 'No', 'a2', 'no'],
    ['zd5ti93', 'sports', 'Sports', 'b1', 'sports'],
    ['zd5ti93', 'music', 'Music', 'b2', 'music'],
    ['zd5ti93', 'homework', 'Homework club', 'b3', 'homework'],
    ['zd5ti93', 'digital', 'Digital workshops', 'b4', 'digital'],
    ['sg2ov41', 1, 'Very dissatisfied', 'c1', 1],
    ['sg2ov41', 2, 'Dissatisfied', 'c2', 2],
    ['sg2ov41', 3, 'Neutral', 'c3', 3],
    ['sg2ov41', 4, 'Satisfied', 'c4', 4],
    ['sg2ov41', 5, 'Very satisfied', 'c5', 5],
  ],
  settings: [
    ['form_title', 'version'],
    ['Youth centre feedback', 'vTg8oAbRtkK3e4uRmWCQEy'],
  ],
};

export const KOBO_MULTILINGUAL: Record<string, Cell[][]> = {
  survey: [
    ['type', '$kuid', 'name', 'label::English (en)', 'label::Español (es)', 'hint::English (en)', 'hint::Español (es)', 'required', 'relevant', 'constraint', '$autoname'],
    ['start', 'k1', 'start', null, null, null, null, null, null, null, 'start'],
    ['end', 'k2', 'end', null, null, null, null, null, null, null, 'end'],
    ['select_one pn3yx70', 'k3', 'works_with_youth', 'Do you work with young people?', '¿Trabajas con jóvenes?', null, null, 'true', null, null, 'works_with_youth'],
    ['begin_group', 'k4', 'youth_work', 'Your youth work', 'Tu trabajo con jóvenes', null, null, null, "${works_with_youth} = 'yes'", null, 'youth_work'],
    ['select_multiple dz8mb12', 'k5', 'work_settings', 'Where do you work with young people?', '¿Dónde trabajas con jóvenes?', 'Choose all that apply.', 'Elige todas las que correspondan.', 'true', null, null, 'work_settings'],
    ['decimal', 'k6', 'hours_week', 'Hours a week with young people', 'Horas semanales con jóvenes', 'For example 12.5', 'Por ejemplo 12,5', 'false', null, '. >= 0 and . <= 80', 'hours_week'],
    ['end_group', 'k7', null, null, null, null, null, null, null, null, null],
    ['text', 'k8', 'other_setting', 'Which other setting?', '¿Qué otro lugar?', null, null, 'false', "selected(${work_settings}, 'other')", null, 'other_setting'],
    ['select_one ra9pq33', 'k9', 'training_wish', 'Would you like more training?', '¿Te gustaría recibir más formación?', null, null, 'false', "${works_with_youth} != ''", null, 'training_wish'],
  ],
  choices: [
    ['list_name', 'name', 'label::English (en)', 'label::Español (es)', '$kuid', '$autovalue'],
    ['pn3yx70', 'yes', 'Yes', 'Sí', 'x1', 'yes'],
    ['pn3yx70', 'no', 'No', 'No', 'x2', 'no'],
    ['dz8mb12', 'centre', 'Youth centre', 'Centro juvenil', 'y1', 'centre'],
    ['dz8mb12', 'street', 'Street work', 'Trabajo de calle', 'y2', 'street'],
    ['dz8mb12', 'school', 'School', 'Escuela', 'y3', 'school'],
    ['dz8mb12', 'other', 'Other', 'Otro', 'y4', 'other'],
    ['ra9pq33', 'yes', 'Yes', 'Sí', 'z1', 'yes'],
    ['ra9pq33', 'maybe', 'Maybe', 'Quizás', 'z2', 'maybe'],
    ['ra9pq33', 'no', 'No', 'No', 'z3', 'no'],
  ],
  settings: [
    ['form_title', 'id_string', 'version', 'default_language'],
    ['Youth work in the region', 'aHf7kbTQx2vyzR3pLmN9', 'vL2mYg8Kp6DQZ7w', 'English (en)'],
  ],
};

export const ODK_TRAINING: Record<string, Cell[][]> = {
  survey: [
    ['type', 'name', 'label:English (en)', 'label:Français (fr)', 'hint:English (en)', 'required', 'constraint', 'appearance'],
    ['begin group', 'trainee', 'The trainee', 'Le participant', null, null, null, 'field-list'],
    ['select one country_list', 'home', 'Where do you live?', 'Où habitez-vous ?', null, 'yes', null, 'minimal'],
    ['begin group', 'experience', 'Experience', 'Expérience', null, null, null, null],
    ['integer', 'years', 'Years in youth work', 'Années dans le travail de jeunesse', 'Whole years', 'no', '. >= 0', null],
    ['end group', null, null, null, null, null, null, null],
    ['end group', null, null, null, null, null, null, null],
    ['begin group', 'course', 'The course', 'La formation', null, null, null, null],
    ['select multiple topics', 'best_topics', 'Which two topics helped most?', 'Quels deux thèmes vous ont le plus aidé ?', null, 'yes', 'count-selected(.) <= 2', null],
    ['text', 'suggestion', 'One suggestion for the trainers', 'Une suggestion pour les formateurs', null, 'no', 'string-length(.) <= 200', 'multiline'],
    ['end group', null, null, null, null, null, null, null],
  ],
  choices: [
    ['list name', 'name', 'label:English (en)', 'label:Français (fr)'],
    ['country_list', 'fr', 'France', 'France'],
    ['country_list', 'be', 'Belgium', 'Belgique'],
    ['country_list', 'lu', 'Luxembourg', 'Luxembourg'],
    ['topics', 'conflict', 'Conflict transformation', 'Transformation des conflits'],
    ['topics', 'inclusion', 'Inclusion', 'Inclusion'],
    ['topics', 'funding', 'Funding', 'Financement'],
  ],
  settings: [
    ['form_title', 'form_id', 'default_language', 'style'],
    ['Training feedback', 'training_feedback_2024', 'English (en)', 'pages'],
  ],
};

export async function writeFixture(file: string, sheets: Record<string, Cell[][]>) {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await book.xlsx.writeFile(file);
}

if (require.main === module) {
  void (async () => {
    await writeFixture(path.join(FIXTURES, 'kobo-youth-centre.xlsx'), KOBO_YOUTH_CENTRE);
    await writeFixture(path.join(FIXTURES, 'kobo-multilingual.xlsx'), KOBO_MULTILINGUAL);
    await writeFixture(path.join(FIXTURES, 'odk-training.xlsx'), ODK_TRAINING);
    console.log(`written to ${FIXTURES}`);
  })();
}
