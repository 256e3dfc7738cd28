import { flattenLines, neutralise, writeCsv } from '../../../src/reporting/exports/csv';
import { PAGE_SIZE } from '../../../src/reporting/exports/service';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { createResponseService } from '../../../src/responses/service';
import { createSurveyService } from '../../../src/surveys/service';
import { buildQuestionnaire, validAnswers } from '../../helpers/factories';
import { buildTestDb } from '../../helpers/app';
import { csvRecords, exportSet, FULL, seededDb, sink, submitAll } from './helpers';

async function csv(...args: Parameters<typeof exportSet>) {
  const out = sink();
  const rows = await writeCsv(exportSet(...args), out.stream, { labels: false });
  return { rows, text: out.text(), bytes: out.buffer() };
}

async function csvLabels(...args: Parameters<typeof exportSet>) {
  const out = sink();
  await writeCsv(exportSet(...args), out.stream, { labels: true });
  return csvRecords(out.text());
}

describe('neutralise', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['plain text', 'plain text'],
    ['a=b', 'a=b'],
    [-5, -5],
    [null, null],
  ])('when a cell is %j, then it becomes %j', (cell, expected) => {
    expect(neutralise(cell)).toEqual(expected);
  });
});

describe('flattenLines', () => {
  test.each([
    ['one\ntwo', 'one / two'],
    ['one\r\n\r\ntwo  \n three\n', 'one / two / three'],
    ['no breaks ', 'no breaks '],
  ])('when a text is %j, then it is written as %j', (cell, expected) => {
    expect(flattenLines(cell)).toBe(expected);
  });
});

describe('writeCsv', () => {
  test('when responses are stored, then the file is UTF-8 with a BOM, CRLF rows and a header of variable names', async () => {
    const { rows, text, bytes } = await csv(seededDb());
    expect(rows).toBe(3);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'response_id,collector,language,submitted_on,questionnaire_version,is_demo,wave,country,role,hours,settings_centre,settings_street,settings_online,fac_1_imp,fac_1_prof,fac_2_imp,fac_2_prof,interest,v_comment',
    );
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  test('when values are codes, then each answer field holds its code and missing answers are empty', async () => {
    const [first, second, third] = csvRecords((await csv(seededDb())).text);
    expect(first).toMatchObject({ collector: 'sofia', language: 'bg', is_demo: '0', country: 'BG', role: '1', hours: '20' });
    expect(first).toMatchObject({ settings_centre: '1', settings_street: '0', settings_online: '1' });
    expect(first).toMatchObject({ fac_1_imp: '5', fac_1_prof: '2', fac_2_imp: '9', fac_2_prof: '9', interest: '3' });
    expect(first!.v_comment).toBe('More training on street work');
    expect(first!.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first!.questionnaire_version).toBe('1');
    expect(second).toMatchObject({ collector: 'ljubljana', is_demo: '1', country: 'XX', role: '2', hours: '', settings_centre: '0', settings_online: '0' });
    expect(third).toMatchObject({ collector: '', settings_centre: '', settings_street: '', interest: '', v_comment: '' });
  });

  test('when a free-text answer starts like a formula, then the cell is neutralised with a single quote', async () => {
    const records = csvRecords((await csv(seededDb())).text);
    expect(records[1]!.v_comment).toBe(`'=HYPERLINK("http://x")`);
  });

  test('when labels are asked, then codes become value labels in the requested language', async () => {
    const [first, second] = await csvLabels(seededDb(), FULL, 'bg');
    expect(first).toMatchObject({ collector: 'Sofia youth centre', language: 'български', country: 'България', role: 'Платен', hours: '20' });
    expect(first).toMatchObject({ fac_1_imp: 'I5', fac_2_imp: 'Not applicable', is_demo: 'не' });
    expect(second).toMatchObject({ collector: 'Ljubljana "Mladi"', country: 'Друга държава', role: 'Доброволец', is_demo: 'да' });
  });

  test('when the scope is a coordinator\'s collectors, then only their rows are exported', async () => {
    const records = csvRecords((await csv(seededDb(), { collectors: ['sofia'], includeFreeText: true })).text);
    expect(records.map((r) => r.collector)).toEqual(['sofia']);
  });

  test('when the scope allows no collectors, then only the header is written', async () => {
    const { rows, text } = await csv(seededDb(), { collectors: [], includeFreeText: true });
    expect(rows).toBe(0);
    expect(csvRecords(text)).toEqual([]);
  });

  test('when free text is not allowed, then the text column is absent from header and rows', async () => {
    const { text } = await csv(seededDb(), { collectors: 'all', includeFreeText: false });
    expect(text).not.toContain('v_comment');
    expect(text).not.toContain('HYPERLINK');
    expect(text).not.toContain('street work');
  });

  test('when there are more responses than one page, then every row is written once, in order', async () => {
    const db = buildTestDb();
    submitAll(db, Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => ({ answers: validAnswers({ hours: i % 80 }) })));
    const records = csvRecords((await csv(db)).text);
    expect(records).toHaveLength(PAGE_SIZE * 2 + 3);
    expect(records.map((r) => Number(r.response_id))).toEqual(Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => i + 1));
  });

  test('when a response answered an earlier version, then it is coded with the current one by question and option id', async () => {
    const db = seededDb();
    const q = buildQuestionnaire();
    const role = q.pages[0]!.questions[1]!;
    if (role.type !== 'single') throw new Error('role should be single choice');
    role.options.reverse();
    expect(createQuestionnaireService(db).importText(JSON.stringify(q), 'test.json')).toMatchObject({ ok: true, version: 2 });
    const records = csvRecords((await csv(db)).text);
    expect(records.map((r) => [r.questionnaire_version, r.role])).toEqual([['1', '2'], ['1', '1'], ['1', '2']]);
  });

  test('when a respondent submits while a slow reader holds the export, then the submission is stored', async () => {
    const db = buildTestDb();
    submitAll(db, Array.from({ length: PAGE_SIZE + 1 }, () => ({ answers: validAnswers() })));
    const rows = exportSet(db).rows()[Symbol.iterator]();
    rows.next();
    const survey = createSurveyService(db).find('test-survey')!;
    const submit = () =>
      createResponseService(db).submit({ survey, version: survey.current, collectorId: null, lang: 'en', answers: validAnswers(), countStart: true });
    expect(submit()).toMatchObject({ ok: true });
    rows.return?.(undefined);
  });
});
