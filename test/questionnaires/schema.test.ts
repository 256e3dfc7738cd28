import { parseQuestionnaire, QuestionnaireSchema } from '../../src/questionnaires/schema';
import { buildQuestionnaire, defaultQuestionnaireText } from '../helpers/factories';
import { LANGUAGES } from '../../src/i18n/languages';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { buildTestDb } from '../helpers/app';
import { seedResponses } from '../helpers/seed';

const asText = (value: unknown) => JSON.stringify(value);

describe('questionnaire schema', () => {
  test('when the shipped default questionnaire is parsed, then it is valid and complete in every declared language', () => {
    const result = parseQuestionnaire(defaultQuestionnaireText(), 'youth-worker-tna.json');
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
    const q = result.questionnaire;
    expect(q.id).toBe('youth-worker-tna');
    expect(q.areas.map((a) => a.id)).toHaveLength(10);
    const competence = q.pages.flatMap((p) => p.questions).filter((x) => x.type === 'competence');
    expect(competence.length).toBeGreaterThanOrEqual(30);
    expect(competence.length).toBeLessThanOrEqual(45);
    for (const area of q.areas) {
      const items = competence.filter((c) => c.type === 'competence' && c.area === area.id);
      expect(items.length).toBeGreaterThanOrEqual(3);
      expect(items.length).toBeLessThanOrEqual(5);
    }
    expect(q.languages).toEqual(expect.arrayContaining(['en', 'bg']));
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${path}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const keys = Object.keys(node);
      if (keys.includes('en') && keys.every((k) => k.length === 2)) {
        for (const lang of ['en', 'bg']) if (!(lang in node)) missing.push(`${path}.${lang}`);
        return;
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    };
    walk(q, '');
    expect(missing).toEqual([]);
  });

  test('when the default questionnaire is read, then its background questions are the banded ones of the methodology', () => {
    const result = parseQuestionnaire(defaultQuestionnaireText(), 'f');
    if (!result.ok) throw new Error('invalid');
    const ids = result.questionnaire.pages.flatMap((p) => p.questions).map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['country', 'org_type', 'role', 'experience', 'target_groups', 'settings', 'training_recent', 'formats', 'barriers', 'training_language', 'top_topics']));
    // offered in every shipped language (README, Languages)
    expect([...result.questionnaire.languages].sort()).toEqual([...LANGUAGES].sort());
  });

  test.each([
    ['not JSON', '{', '(file)', /not valid JSON/],
    ['a duplicate question id', asText({ ...buildQuestionnaire(), pages: [buildQuestionnaire().pages[0], { ...buildQuestionnaire().pages[0], id: 'again' }] }), 'pages[1].questions[0].id', /duplicate question id "country"/],
    ['an unknown area', asText({ ...buildQuestionnaire(), areas: [] }), 'pages[1].questions[0].area', /unknown area "facilitating"/],
    ['a showIf on a later question', asText({ ...buildQuestionnaire(), pages: [{ ...buildQuestionnaire().pages[0], questions: [{ ...buildQuestionnaire().pages[0]!.questions[0], showIf: { question: 'role', equals: 'paid' } }, ...buildQuestionnaire().pages[0]!.questions.slice(1)] }, buildQuestionnaire().pages[1]] }), 'pages[0].questions[0].showIf.question', /earlier question/],
    ['an empty text', asText({ ...buildQuestionnaire(), title: { en: '' } }), 'title.en', /must not be empty/],
    ['a bad country code', asText({ ...buildQuestionnaire(), pages: [{ ...buildQuestionnaire().pages[0], questions: [{ ...buildQuestionnaire().pages[0]!.questions[0], countries: ['Bulgaria'] }] }] }), 'pages[0].questions[0].countries[0]', /ISO 3166/],
  ])('when a file has %s, then the problem is located by file and path', (_name, text, path, message) => {
    const result = parseQuestionnaire(text, 'mine.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path);
    expect(problem).toBeDefined();
    expect(problem!.file).toBe('mine.json');
    expect(problem!.message).toMatch(message);
  });

  test('when a question type is unknown, then the schema refuses it', () => {
    const q = buildQuestionnaire();
    const bad = { ...q, pages: [{ ...q.pages[0], questions: [{ id: 'x', type: 'slider', label: { en: 'X' } }] }] };
    expect(QuestionnaireSchema.safeParse(bad).success).toBe(false);
  });
});

describe('questionnaire versions', () => {
  test('when a changed file is imported for a version with responses, then it becomes a new version and old responses keep theirs', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', [{ answers: validAnswersForVersions() }]);
    const service = createQuestionnaireService(db);
    const changed = { ...buildQuestionnaire(), title: { en: 'Test survey, second edition' } };
    expect(service.importText(JSON.stringify(changed), 'f.json')).toMatchObject({ ok: true, version: 2, outcome: 'new_version' });
    expect(db.prepare('SELECT version FROM responses').pluck().all()).toEqual([1]);
    expect(service.load('test-survey', 1)!.definition.title.en).toBe('Test survey');
    expect(db.prepare('SELECT version FROM surveys').pluck().get()).toBe(2);
  });

  test('when a version without responses is replaced by another process, then the cached definition is refreshed', () => {
    const db = buildTestDb();
    const mine = createQuestionnaireService(db);
    expect(mine.load('test-survey', 1)!.definition.title.en).toBe('Test survey');
    createQuestionnaireService(db).importText(JSON.stringify({ ...buildQuestionnaire(), title: { en: 'Renamed' } }), 'f.json');
    expect(mine.load('test-survey', 1)!.definition.title.en).toBe('Renamed');
  });
});

function validAnswersForVersions() {
  return { country: 'BG', role: 'volunteer', fac_1: 'na' as const, fac_2: 'na' as const };
}
