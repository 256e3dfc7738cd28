import { readCsvWorkbook } from '../../src/xlsform/read-csv';
import { toQuestionnaire } from '../../src/xlsform/to-questionnaire';
import { allQuestions } from '../../src/questionnaires/schema';

/** Small forms in the shapes pyxform's own test forms take (case, spacing, blank rows, language names), written here. */
function read(csv: string, file = 'form.csv') {
  const workbook = readCsvWorkbook(csv);
  if (!workbook.ok) throw new Error(JSON.stringify(workbook.problems));
  return toQuestionnaire(workbook.workbook, file);
}

describe('pyxform habits', () => {
  test('when sheet names, headers and types are in capitals, then they are read as usual', () => {
    const result = read(['SURVEY,,,', ',TYPE,NAME,LABEL::EN', ',Select_One c1,q1,Are you good?', 'CHOICES,,,', ',LIST_NAME,NAME,LABEL::EN', ',c1,yes,Yes', ',c1,no,No', 'SETTINGS,,,', ',FORM_TITLE,FORM_ID,DEFAULT_LANGUAGE', ',Yes or no,YesNo,EN'].join('\n'));
    expect(result).toMatchObject({ ok: true, questionnaire: { id: 'yesno', title: { en: 'Yes or no' }, languages: ['en'] } });
    if (result.ok) expect(allQuestions(result.questionnaire)[0]).toMatchObject({ id: 'q1', type: 'single', label: { en: 'Are you good?' } });
  });

  test('when languages are given by name only and the sheet name shares its row with the header, then they are understood', () => {
    const result = read(['survey,type,name,label:english,label:español', ',text,your_name,What is your name?,¿Cómo te llamas?', ',integer,your_age,How old are you?,¿Cuántos años tienes?'].join('\n'), 'text_and_integer.csv');
    expect(result).toMatchObject({ ok: true, questionnaire: { id: 'text-and-integer', languages: ['en', 'es'], defaultLanguage: 'en' } });
    if (result.ok) expect(allQuestions(result.questionnaire).map((q) => [q.id, q.type, q.label])).toEqual([['your_name', 'text', { en: 'What is your name?', es: '¿Cómo te llamas?' }], ['your_age', 'number', { en: 'How old are you?', es: '¿Cuántos años tienes?' }]]);
  });

  test('when a form has blank rows, spaced group types and questions before and after its group, then each run of questions is a page', () => {
    const csv = ['"survey",,,', ',"type","name","label:English (en)"', ',"text","family_name","What\'s your family name?"', ',,,', ',"begin group","father","Father"', ',"text","phone_number","What\'s your father\'s phone number?"', ',"integer","age","How old is your father?"', ',"end group",,', ',"note","postgrp","Post group note"', ',"text","after","And after?"'].join('\n');
    const result = read(csv, 'group.csv');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.questionnaire.pages.map((p) => [p.id, p.questions.map((q) => q.id), p.intro?.en])).toEqual([
        ['page_1', ['family_name'], undefined],
        ['father', ['phone_number', 'age'], undefined],
        ['page_3', ['after'], 'Post group note'],
      ]);
    }
  });

  test('when a column holds an unknown language name, then its header cell is the problem, in CSV coordinates', () => {
    const result = read(['survey,,', ',type,name,label::Klingon', ',text,q1,nuqneH'].join('\n'));
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ key: 'languageUnclear', sheet: 'survey', row: 2, column: 'D', value: 'label::Klingon' })] });
  });
});
