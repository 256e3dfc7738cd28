import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runFormImport } from '../../src/cli/commands/import';
import { runFormExport } from '../../src/cli/commands/export-form';
import { openDb } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { allQuestions, QuestionnaireSchema } from '../../src/questionnaires/schema';
import { localize } from '../../src/i18n';
import { FIXTURES } from './make-fixtures';

function shippedDb() {
  const db = openDb(':memory:');
  for (const result of createQuestionnaireService(db).importShipped()) if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return db;
}
const surveys = (db: ReturnType<typeof openDb>) => (db.prepare('SELECT id, version FROM surveys ORDER BY id').all() as { id: string; version: number }[]).map((r) => `${r.id}@${r.version}`);

describe('needsmap import form.xlsx and export-form', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-forms-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('when a KoboToolbox form is imported, then the survey is created, audited and the notices are printed', async () => {
    const db = shippedDb();
    const outcome = await runFormImport(db, path.join(FIXTURES, 'kobo-youth-centre.xlsx'));
    expect(outcome.ok).toBe(true);
    expect(outcome.lines[0]).toBe('kobo-youth-centre, version 1: created');
    expect(outcome.lines).toContain('kobo-youth-centre.xlsx: survey!A2 (type) "start": Rows of type “start” are left out: Needsmap records no time, device or account data.');
    expect(surveys(db)).toContain('kobo-youth-centre@1');
    expect(db.prepare("SELECT actor, target FROM audit_log WHERE action = 'questionnaire.import'").get()).toEqual({ actor: 'cli', target: 'kobo-youth-centre' });
  });

  test('when a broken form is imported, then each problem is printed with its place in the chosen language and nothing is imported', async () => {
    const db = shippedDb();
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, 'survey\n,type,name,label::Español (es)\n,integer,edad,Edad\n,text,edad,Otra vez\n');
    const before = surveys(db);
    const outcome = await runFormImport(db, file, 'es');
    expect(outcome).toEqual({ ok: false, lines: ['broken.csv: survey!C4 (name) "edad": El nombre «edad» ya se usa en la fila 3.', 'El archivo tiene 1 problema; no se ha importado nada.'] });
    expect(surveys(db)).toEqual(before);
  });

  test.each(['xlsx', 'csv'] as const)('when the default survey is exported as %s and imported again, then nothing changes', async (format) => {
    const db = shippedDb();
    const { file } = await runFormExport(db, { survey: 'youth-worker-tna', format, out: path.join(dir, `default.${format}`) });
    expect(fs.existsSync(file)).toBe(true);
    const outcome = await runFormImport(db, file);
    expect(outcome).toEqual({ ok: true, lines: ['youth-worker-tna, version 1: unchanged'] });
  });

  test('when the export names an unknown survey, then it says so', async () => {
    await expect(runFormExport(shippedDb(), { survey: 'nope', format: 'xlsx' })).rejects.toThrow('unknown survey "nope"');
  });
});

describe('the second shipped questionnaire, authored as a spreadsheet', () => {
  const db = shippedDb();
  const row = db.prepare("SELECT definition FROM questionnaire_versions WHERE questionnaire_id = 'short-tna-7'").get() as { definition: string } | undefined;
  const q = QuestionnaireSchema.parse(JSON.parse(row?.definition ?? 'null'));

  test('when Needsmap starts, then short-tna-7 is its own open survey next to the default one', () => {
    expect(surveys(db)).toEqual(['short-tna-7@1', 'youth-worker-tna@1']);
  });

  test('when it is loaded, then it has 20 competence items in 5 areas of 4 on 7-point scales, and a 7-point Likert question', () => {
    const items = allQuestions(q).filter((x) => x.type === 'competence');
    expect(items).toHaveLength(20);
    expect(q.areas.map((a) => [a.id, items.filter((i) => i.type === 'competence' && i.area === a.id).length])).toEqual([['participation', 4], ['wellbeing', 4], ['digital', 4], ['inclusion', 4], ['projects', 4]]);
    expect(q.competenceScales?.importance.points).toHaveLength(7);
    expect(q.competenceScales?.proficiency.points).toHaveLength(7);
    expect(allQuestions(q).find((x) => x.id === 'training_rating')).toMatchObject({ type: 'likert', points: expect.any(Array) });
    expect(allQuestions(q).find((x) => x.id === 'training_missing')!.showIf).toEqual({ question: 'training_rating', in: [1, 2, 3] });
  });

  test('when its texts are read in English, Bulgarian and Spanish, then every one exists in each language', () => {
    expect(q.languages).toEqual(['en', 'bg', 'es']);
    const texts: Record<string, string>[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const keys = Object.keys(v);
        if (keys.length && keys.every((k) => ['en', 'bg', 'es'].includes(k))) texts.push(v as Record<string, string>);
        else Object.values(v).forEach(walk);
      }
    };
    walk(q);
    expect(texts.length).toBeGreaterThan(80);
    for (const text of texts) expect(Object.keys(text).sort()).toEqual(['bg', 'en', 'es']);
    expect(localize(q.title, 'bg', 'en').text).toBe('Нужди от обучение: кратка проверка (7-степенни скали)');
  });
});
