import { fixedT } from '../../src/i18n';
import { showMessage } from '../../src/xlsform/errors';
import { readCsvWorkbook } from '../../src/xlsform/read-csv';
import { readWorkbook, unpackedSize } from '../../src/xlsform/read';
import type { FormProblem } from '../../src/xlsform/schema';
import { toQuestionnaire } from '../../src/xlsform/to-questionnaire';
import { baseForm, withCompetences, workbookOf } from './build';

type Form = Record<string, string[][]>;
/** Sets one cell of a sheet (row and column as the spreadsheet numbers them). */
function set(form: Form, sheet: string, row: number, column: string, value: string): Form {
  const copy: Form = JSON.parse(JSON.stringify(form));
  const rows = (copy[sheet] ??= []);
  while (rows.length < row) rows.push([]);
  rows[row - 1]![column.charCodeAt(0) - 65] = value;
  return copy;
}
const addRow = (form: Form, sheet: string, at: number, cells: string[]): Form => {
  const copy: Form = JSON.parse(JSON.stringify(form));
  copy[sheet]!.splice(at - 1, 0, cells);
  return copy;
};
const problemsOf = (form: Form): FormProblem[] => {
  const result = toQuestionnaire(workbookOf(form), 'form.xlsx');
  return result.ok ? [] : result.problems;
};

describe('every problem is located', () => {
  test('when the base form is read, then it has no problem', () => {
    expect(problemsOf(baseForm())).toEqual([]);
    expect(problemsOf(withCompetences(baseForm()))).toEqual([]);
  });

  const base = baseForm();
  const competences = withCompetences(base);
  test.each<[string, Form, Partial<FormProblem>]>([
    ['no survey sheet', { choices: base.choices! }, { key: 'sheetMissing', sheet: 'survey' }],
    ['no type column', set(base, 'survey', 1, 'A', 'kind'), { key: 'columnMissing', sheet: 'survey', row: 1, params: { column: 'type' } }],
    ['a language without a code', set(base, 'survey', 1, 'D', 'label::Klingon'), { key: 'languageUnclear', sheet: 'survey', row: 1, column: 'D', value: 'label::Klingon' }],
    ['a language Needsmap has not', set(base, 'survey', 1, 'D', 'label::Japanese (ja)'), { key: 'languageUnsupported', row: 1, column: 'D' }],
    ['a repeated column', set(base, 'survey', 1, 'D', 'label::English (en)'), { key: 'columnDuplicate', row: 1, column: 'D', params: { other: 'C' } }],
    ['a name without a type', set(base, 'survey', 4, 'A', ''), { key: 'typeMissing', row: 4, column: 'A' }],
    ['a type Needsmap has not', set(base, 'survey', 5, 'A', 'geopoint'), { key: 'typeUnsupported', row: 5, column: 'A', value: 'geopoint' }],
    ['a repeat', addRow(base, 'survey', 5, ['begin_repeat', 'kids', 'Children', '', '', '', '', '', '']), { key: 'typeUnsupported', row: 5, column: 'A', value: 'begin_repeat' }],
    ['a question without a name', set(base, 'survey', 5, 'B', ''), { key: 'nameMissing', row: 5, column: 'B' }],
    ['a name with other letters', set(base, 'survey', 5, 'B', 'Größe'), { key: 'nameInvalid', row: 5, column: 'B', value: 'Größe' }],
    ['a name used twice', set(base, 'survey', 5, 'B', 'Hours'), { key: 'nameDuplicate', row: 5, column: 'B', params: { name: 'Hours', row: 4 } }],
    ['a question without a label', set(set(base, 'survey', 5, 'C', ''), 'survey', 5, 'D', ''), { key: 'labelMissing', row: 5, column: 'C' }],
    ['required as a condition', set(base, 'survey', 3, 'E', '${hours} > 2'), { key: 'requiredValue', row: 3, column: 'E', value: '${hours} > 2' }],
    ['a list that does not exist', set(base, 'survey', 3, 'A', 'select_one rolez'), { key: 'listMissing', row: 3, column: 'A', params: { list: 'rolez' } }],
    ['a list of one choice', { ...base, choices: base.choices!.slice(0, 2) }, { key: 'listTooShort', sheet: 'choices', row: 2, params: { list: 'roles', count: 1, min: 2 } }],
    ['a Likert scale of 12 points', { ...set(base, 'survey', 3, 'H', 'likert'), choices: [base.choices![0]!, ...Array.from({ length: 12 }, (_, i) => ['roles', `p${i}`, `P${i}`, ''])] }, { key: 'listTooLong', sheet: 'choices', row: 2, params: { list: 'roles', count: 12, max: 11 } }],
    ['a choice name used twice', set(base, 'choices', 3, 'B', 'paid'), { key: 'choiceDuplicate', sheet: 'choices', row: 3, column: 'B', params: { name: 'paid', row: 2 } }],
    ['a choice without a label', set(set(base, 'choices', 3, 'C', ''), 'choices', 3, 'D', ''), { key: 'labelMissing', sheet: 'choices', row: 3, column: 'C' }],
    ['a country that is not a code', { ...set(base, 'survey', 3, 'A', 'country roles') }, { key: 'countryCode', sheet: 'choices', row: 2, column: 'B', value: 'paid' }],
    ['a relevant that cannot be read', set(base, 'survey', 4, 'F', "${role} = 'paid' and ("), { key: 'expressionSyntax', row: 4, column: 'F' }],
    ['a relevant outside the subset', set(base, 'survey', 4, 'F', '${role} > 2'), { key: 'expressionUnsupported', row: 4, column: 'F', params: { detail: '${role} > 2' } }],
    ['a relevant on two questions', set(base, 'survey', 5, 'F', "${role} = 'paid' or ${hours} = 3"), { key: 'expressionUnsupported', row: 5, column: 'F' }],
    ['a relevant naming no question', set(base, 'survey', 4, 'F', "${rol} = 'paid'"), { key: 'referenceUnknown', row: 4, column: 'F', params: { name: 'rol' } }],
    ['a relevant naming a later question', set(base, 'survey', 4, 'F', '${comment} != \'\''), { key: 'referenceLater', row: 4, column: 'F', params: { name: 'comment' } }],
    ['a relevant comparing with no choice', set(base, 'survey', 4, 'F', "${role} = 'boss'"), { key: 'referenceNotOption', row: 4, column: 'F', params: { name: 'role', value: "'boss'" } }],
    ['a group condition on a question inside the group', set(base, 'survey', 2, 'F', "${role} = 'paid'"), { key: 'referenceLater', row: 2, column: 'F' }],
    ['a constraint outside the subset', set(base, 'survey', 4, 'G', "regex(., '^[0-9]+$')"), { key: 'constraintUnsupported', row: 4, column: 'G' }],
    ['a strict limit on a decimal', set(set(base, 'survey', 4, 'A', 'decimal'), 'survey', 4, 'G', '. > 0'), { key: 'constraintStrict', row: 4, column: 'G' }],
    ['limits that leave nothing', set(base, 'survey', 4, 'G', '. >= 10 and . <= 5'), { key: 'constraintRange', row: 4, column: 'G' }],
    ['a constraint on a choice', set(base, 'survey', 3, 'G', '. >= 1'), { key: 'constraintUnsupported', row: 3, column: 'G' }],
    ['an end_group too many', addRow(base, 'survey', 7, ['end_group', '', '', '', '', '', '', '', '']), { key: 'groupNotOpen', row: 7, column: 'A' }],
    ['a group never closed', { ...base, survey: base.survey!.slice(0, 5) }, { key: 'groupUnclosed', row: 2, column: 'A' }],
    ['a competence without its area', set(competences, 'survey', 6, 'I', ''), { key: 'areaMissing', row: 6, column: 'I' }],
    ['a competence in an unknown area', set(competences, 'survey', 6, 'I', 'dancing'), { key: 'areaUnknown', row: 6, column: 'I', params: { area: 'dancing' } }],
    ['competences without scales', { ...competences, scales: [['name', 'label']] }, { key: 'scaleMissing', row: 6, column: 'A', params: { name: 'importance' } }],
    ['a row of the scales sheet that is no scale', set(competences, 'scales', 3, 'A', 'skill'), { key: 'scaleUnknown', sheet: 'scales', row: 3, column: 'A' }],
    ['a competence scale of two points', withCompetences(base, 2), { key: 'scalePoints', sheet: 'choices', row: 4, params: { list: 'importance', count: 2, min: 3, max: 11 } }],
    ['scales of different lengths', { ...competences, choices: competences.choices!.slice(0, -1) }, { key: 'scalesDiffer', sheet: 'choices', row: 9, params: { importance: 5, proficiency: 4 } }],
    ['a default language without a code', set(base, 'settings', 2, 'C', 'Elvish'), { key: 'languageUnclear', sheet: 'settings', row: 2, column: 'C' }],
    ['a language column not in the languages setting', set(set(base, 'settings', 1, 'F', 'languages'), 'settings', 2, 'F', 'en'), { key: 'languageNotDeclared', sheet: 'survey', row: 1, column: 'D', params: { language: 'bg' } }],
    ['a form id with nothing usable', set(base, 'settings', 2, 'A', '***'), { key: 'formIdInvalid', sheet: 'settings', row: 2, column: 'A' }],
    ['no question at all', { ...base, survey: [base.survey![0]!, ['note', 'hello', 'Hello', '', '', '', '', '', '']] }, { key: 'noQuestions', sheet: 'survey' }],
  ])('when the form has %s, then the problem is located there', (_what, form, expected) => {
    expect(problemsOf(form)).toContainEqual(expect.objectContaining(expected));
  });

  test('when a group has a condition and so does a question in it, then the question row is refused', () => {
    const form = set(set(base, 'survey', 2, 'F', ''), 'survey', 4, 'F', "${role} = 'paid'");
    const withGroup = addRow(addRow(form, 'survey', 4, ['begin_group', 'inner', 'Inner', '', '', "${role} = 'volunteer'", '', '', '']), 'survey', 6, ['end_group', '', '', '', '', '', '', '', '']);
    expect(problemsOf(withGroup)).toEqual([expect.objectContaining({ key: 'conditionTwice', row: 5, column: 'F' })]);
  });

  test('when an area holds more items than its sums can count, then the schema check is located at the area cell', () => {
    const form = withCompetences(base, 11);
    const items = Array.from({ length: 5958 }, (_, i) => ['competence', `item_${i}`, `Item ${i}`, '', '', '', '', '', 'facilitating']);
    form.survey!.splice(6, 0, ...items);
    const problems = problemsOf(form);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'schema', sheet: 'survey', column: 'I', row: 5963, params: { path: 'pages[0].questions[5960].area' } });
  });

  test('when a problem is shown to a Bulgarian admin, then the message is in Bulgarian with its place', () => {
    const [problem] = problemsOf(set(base, 'survey', 4, 'F', "${rol} = 'paid'"));
    expect(showMessage(fixedT('bg', 'admin'), problem!)).toEqual({ sheet: 'survey', row: '4', column: 'F (relevant)', value: "${rol} = 'paid'", message: 'Преди този ред няма въпрос „rol“.' });
  });
});

describe('files that are not forms', () => {
  test.each<[string, Buffer, string, FormProblem['key']]>([
    ['an OpenDocument spreadsheet', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]), 'form.ods', 'fileOds'],
    ['an old Excel file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'form.xls', 'fileXls'],
    ['a broken zip', Buffer.from('PK\x03\x04 not really a zip', 'latin1'), 'form.xlsx', 'fileUnpacked'],
    ['binary that is not UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81]), 'form.csv', 'fileUnreadable'],
    ['an empty file', Buffer.alloc(0), 'form.xlsx', 'fileMissing'],
  ])('when the file is %s, then it is refused with a reason', async (_what, data, name, key) => {
    const read = await readWorkbook(data, name);
    expect(read).toEqual({ ok: false, problems: [expect.objectContaining({ key })] });
  });

  test('when a CSV does not name its sheets in column A, then the first cell is pointed at', () => {
    expect(readCsvWorkbook('type,name,label\ntext,q1,Question\n')).toEqual({ ok: false, problems: [{ key: 'csvNoSheet', row: 1, column: 'A', value: 'type' }] });
  });

  test('when a zip says it unpacks to more than the limit, then its size is read from the central directory', () => {
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(200 * 1024 * 1024, 24);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(4, 16);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), entry, entry, end]);
    expect(unpackedSize(zip)).toBe(400 * 1024 * 1024);
  });
});
