import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTranslationExport } from '../../src/cli/commands/translations';
import { openDb } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createTranslationService } from '../../src/translations/service';
import { readXliff } from '../../src/translations/xliff';

const SHIPPED = 'youth-worker-tna';

function shippedDb() {
  const db = openDb(':memory:');
  const questionnaires = createQuestionnaireService(db);
  questionnaires.importShipped();
  const surveys = createSurveyService(db, questionnaires);
  return { db, questionnaires, surveys, translations: createTranslationService(db, { questionnaires, surveys }) };
}

describe('translations export on the command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-translations-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('when the shipped survey is exported in Finnish, then every text is in the file and none is missing', async () => {
    const { db } = shippedDb();
    const out = path.join(dir, 'sub', 'fi.xlf');
    const result = await runTranslationExport(db, { survey: SHIPPED, lang: 'fi', format: 'xliff', out });
    expect(result).toMatchObject({ file: out, missing: 0, stale: 0 });
    const read = await readXliff(fs.readFileSync(out, 'utf8'));
    expect(read.ok && read.file.units.length).toBe(result.total);
  });

  test.each([
    [{ survey: 'nope', lang: 'fi' }, 'unknown survey "nope"'],
    [{ survey: SHIPPED, lang: 'xx' }, 'unknown language "xx"'],
  ])('when asked for %j, then it says what is wrong', async (o, message) => {
    await expect(runTranslationExport(shippedDb().db, { ...o, format: 'csv', out: path.join(dir, 'x.csv') })).rejects.toThrow(message);
  });

  test('when the server restarts, then a translation imported into a shipped questionnaire survives', async () => {
    const app = shippedDb();
    const survey = () => app.surveys.find(SHIPPED)!;
    const xml = (await app.translations.exportFile(survey(), 'fi', 'xliff')).replace(/(<unit id="title">[\s\S]*?<target>)[^<]*/, '$1Uusi otsikko');
    expect(await app.translations.importText(xml)).toMatchObject({ ok: true, changed: 1 });
    createQuestionnaireService(app.db).importShipped();
    expect(survey().current.definition.title.fi).toBe('Uusi otsikko');
  });
});
