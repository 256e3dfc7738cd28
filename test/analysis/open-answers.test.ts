import fc from 'fast-check';
import { buildTestDb } from '../helpers/app';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { createAnalysisService, type ReportRequest } from '../../src/analysis/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import type { Db } from '../../src/shared/db';

/**
 * The open answers of a report are read through the "answered" byte of the codes (src/analysis/repo.ts, TextFlag),
 * which sits elsewhere in every questionnaire version. Whatever the versions, the answers shown must be those a
 * reader of the stored JSON finds: newest version first, then newest response, only the viewer's collectors.
 */
const service = (db: Db) => {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { segmentSize: 4 });
};

/**
 * Version 1 has a second text question right after the comment; version 2 also one right before it. So the comment's
 * byte moves by one between the versions, and each version's byte read for the other version's rows is another
 * question's "answered" flag, 0 for some rows: reading the wrong byte for a version would hide answers.
 */
function questionnaire(version: 1 | 2) {
  const q = buildQuestionnaire();
  const page = q.pages[1]!;
  const text = (id: string) => ({ id, type: 'text' as const, label: { en: id }, maxLength: 50, multiline: false, required: false });
  const at = page.questions.findIndex((x) => x.id === 'comment');
  page.questions.splice(at + 1, 0, text('note'));
  if (version === 2) page.questions.splice(at, 0, text('lead'));
  return q;
}

/** What the report should show, read from the JSON of every stored response. */
function reference(db: Db, collectors: 'all' | string[]): string[] {
  const rows = db.prepare('SELECT version, id, collector_id, answers FROM responses ORDER BY version DESC, id DESC').all() as { collector_id: string | null; answers: string }[];
  return rows
    .filter((r) => collectors === 'all' || collectors.includes(r.collector_id ?? ''))
    .map((r) => (JSON.parse(r.answers) as { comment?: string }).comment)
    .filter((c): c is string => c !== undefined)
    .slice(0, 300);
}

const text = fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined });
const row = fc.record({ comment: text, note: text, lead: text, collector: fc.constantFrom('sofia', 'rome') });

describe('open answers across questionnaire versions', () => {
  test('when some respondents of two versions wrote a comment, then the answers shown are those the stored JSON holds, for every viewer', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 30, maxLength: 60 }), fc.array(row, { minLength: 30, maxLength: 60 }), (first, second) => {
        const db = buildTestDb(questionnaire(1));
        const seed = (rows: typeof first, version: 1 | 2) =>
          seedResponses(db, 'test-survey', rows.map((r) => ({ collector: r.collector, answers: validAnswers({ comment: r.comment, note: r.note, ...(version === 2 ? { lead: r.lead } : {}) }) })));
        seed(first, 1);
        const imported = createQuestionnaireService(db).importText(JSON.stringify(questionnaire(2)), 'test.json');
        expect(imported).toMatchObject({ ok: true, version: 2, outcome: 'new_version' });
        seed(second, 2);
        const kept = service(db);
        for (const freeText of ['all', ['sofia']] as const) {
          const req: ReportRequest = { surveyId: 'test-survey', lang: 'en', filters: [], viewer: { freeText: freeText === 'all' ? 'all' : [...freeText] } };
          const shown = kept.build(req).openAnswers.find((o) => o.questionId === 'comment')!;
          expect(shown.shown).toBe(true);
          expect(shown.answers).toEqual(reference(db, freeText === 'all' ? 'all' : [...freeText]));
        }
        db.close();
      }),
      { numRuns: 15 },
    );
  });
});
