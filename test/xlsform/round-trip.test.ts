import fc from 'fast-check';
import { QuestionnaireSchema } from '../../src/questionnaires/schema';
import { fromQuestionnaire } from '../../src/xlsform/from-questionnaire';
import { readWorkbook } from '../../src/xlsform/read';
import { toQuestionnaire } from '../../src/xlsform/to-questionnaire';
import { writeCsv, writeXlsx } from '../../src/xlsform/write';
import { defaultQuestionnaireText, questionnaireArbitrary } from '../helpers/factories';

async function throughFile(q: ReturnType<typeof QuestionnaireSchema.parse>, format: 'xlsx' | 'csv') {
  const workbook = fromQuestionnaire(q, { controllerName: 'Partnership', controllerContact: 'privacy@example.org' });
  const data = format === 'xlsx' ? await writeXlsx(workbook) : Buffer.from(writeCsv(workbook), 'utf8');
  const read = await readWorkbook(data, `form.${format}`);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return toQuestionnaire(read.workbook, `form.${format}`);
}

describe('export to a spreadsheet and import again', () => {
  test.each(['xlsx', 'csv'] as const)('when the default questionnaire goes through %s, then the same definition comes back with its consent settings', async (format) => {
    const q = QuestionnaireSchema.parse(JSON.parse(defaultQuestionnaireText()));
    const back = await throughFile(q, format);
    expect(back).toEqual({ ok: true, questionnaire: q, notices: [], controller: { controllerName: 'Partnership', controllerContact: 'privacy@example.org' } });
  });

  test('when any valid questionnaire is written as sheets and read back, then the definition is the same', () => {
    fc.assert(
      fc.property(questionnaireArbitrary(), (q) => {
        const back = toQuestionnaire(fromQuestionnaire(q), 'form.xlsx');
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(back.questionnaire).toEqual(q);
        expect(back.notices).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test.each(['xlsx', 'csv'] as const)('when any valid questionnaire goes through a %s file, then the definition is the same', async (format) => {
    await fc.assert(
      fc.asyncProperty(questionnaireArbitrary(), async (q) => {
        const back = await throughFile(q, format);
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(back.questionnaire).toEqual(q);
      }),
      { numRuns: format === 'xlsx' ? 40 : 100 },
    );
  });
});
