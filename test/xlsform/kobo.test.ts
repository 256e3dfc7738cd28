import fs from 'node:fs';
import path from 'node:path';
import { readForm } from '../../src/xlsform/service';
import type { Questionnaire } from '../../src/questionnaires/schema';
import { allQuestions } from '../../src/questionnaires/schema';
import { FIXTURES } from './make-fixtures';

async function imported(file: string) {
  const result = await readForm(fs.readFileSync(path.join(FIXTURES, file)), file);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result;
}
const question = (q: Questionnaire, id: string) => allQuestions(q).find((x) => x.id === id);

describe('forms written by other tools (standard XLSForm types only)', () => {
  test('when a one-language KoboToolbox export is read, then it imports unchanged with names as ids and metadata left out', async () => {
    const { questionnaire: q, notices } = await imported('kobo-youth-centre.xlsx');
    expect(q).toMatchObject({ id: 'kobo-youth-centre', title: { en: 'Youth centre feedback' }, defaultLanguage: 'en', languages: ['en'] });
    expect(q.pages.map((p) => p.id)).toEqual(['about_you', 'the_centre']);
    expect(q.pages[0]!.intro).toEqual({ en: 'Thank you for helping us improve the youth centre. It takes five minutes.' });
    expect(allQuestions(q).map((x) => `${x.id}:${x.type}`)).toEqual(['age:number', 'visited_before:single', 'visits_per_month:number', 'activities:multiple', 'satisfaction:likert', 'improve:text']);
    expect(question(q, 'age')).toMatchObject({ required: true, min: 10, max: 30, integer: true });
    expect(question(q, 'visits_per_month')).toMatchObject({ required: false, min: 1, showIf: { question: 'visited_before', equals: 'yes' } });
    expect(question(q, 'activities')).toMatchObject({ help: { en: 'Choose all that apply.' }, options: [{ id: 'sports' }, { id: 'music' }, { id: 'homework' }, { id: 'digital' }] });
    expect(question(q, 'satisfaction')).toMatchObject({ type: 'likert', points: [{ en: 'Very dissatisfied' }, { en: 'Dissatisfied' }, { en: 'Neutral' }, { en: 'Satisfied' }, { en: 'Very satisfied' }] });
    // Likert choice names '1' and '2' are the points 1 and 2 of the scale.
    expect(question(q, 'improve')).toMatchObject({ showIf: { question: 'satisfaction', in: [1, 2] }, multiline: false });
    expect(notices.filter((n) => n.key === 'ignoredType').map((n) => [n.params?.type, n.row, n.column])).toEqual([['start', 2, 'A'], ['end', 3, 'A'], ['today', 4, 'A'], ['deviceid', 5, 'A']]);
    expect(notices).toContainEqual(expect.objectContaining({ key: 'renamed', sheet: 'survey', row: 8, column: 'C', params: { from: 'Age', to: 'age' } }));
    expect(notices).toContainEqual(expect.objectContaining({ key: 'ignoredColumn', column: 'J', params: { column: 'constraint_message' } }));
    expect(notices).toContainEqual(expect.objectContaining({ key: 'languageAssumed' }));
    expect(notices).toContainEqual(expect.objectContaining({ key: 'purposeMissing' }));
  });

  test('when a KoboToolbox export in English and Spanish is read, then texts, hints and the group condition carry over', async () => {
    const { questionnaire: q } = await imported('kobo-multilingual.xlsx');
    expect(q).toMatchObject({ id: 'ahf7kbtqx2vyzr3plmn9', defaultLanguage: 'en', languages: ['en', 'es'] });
    expect(q.pages.map((p) => p.id)).toEqual(['page_1', 'youth_work', 'page_3']);
    expect(q.pages[0]!.title).toEqual({ en: 'Youth work in the region' });
    expect(question(q, 'works_with_youth')).toMatchObject({ label: { en: 'Do you work with young people?', es: '¿Trabajas con jóvenes?' }, required: true });
    // The group's relevant applies to each question in it.
    for (const id of ['work_settings', 'hours_week']) expect(question(q, id)!.showIf).toEqual({ question: 'works_with_youth', equals: 'yes' });
    expect(question(q, 'hours_week')).toMatchObject({ integer: false, min: 0, max: 80, help: { en: 'For example 12.5', es: 'Por ejemplo 12,5' } });
    expect(question(q, 'other_setting')!.showIf).toEqual({ question: 'work_settings', equals: 'other' });
    expect(question(q, 'training_wish')!.showIf).toEqual({ question: 'works_with_youth', answered: true });
    expect(q.purpose).toEqual({ en: expect.stringContaining('Youth work in the region'), es: expect.stringContaining('Esta encuesta') });
  });

  test('when a form written with pyxform habits is read, then spaced types, one-colon languages and nested groups are understood', async () => {
    const { questionnaire: q, notices } = await imported('odk-training.xlsx');
    expect(q).toMatchObject({ id: 'training-feedback-2024', languages: ['en', 'fr'] });
    expect(q.pages.map((p) => [p.id, p.questions.map((x) => x.id)])).toEqual([['trainee', ['home', 'years']], ['course', ['best_topics', 'suggestion']]]);
    expect(question(q, 'home')).toMatchObject({ type: 'single', required: true, label: { fr: 'Où habitez-vous ?' } });
    expect(question(q, 'years')).toMatchObject({ min: 0, help: { en: 'Whole years' } });
    expect(question(q, 'best_topics')).toMatchObject({ type: 'multiple', maxChoices: 2 });
    expect(question(q, 'suggestion')).toMatchObject({ type: 'text', maxLength: 200, multiline: true });
    expect(notices).toContainEqual(expect.objectContaining({ key: 'renamed', sheet: 'settings', column: 'B', params: { from: 'training_feedback_2024', to: 'training-feedback-2024' } }));
  });
});
