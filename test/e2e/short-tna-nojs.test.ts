import type { Browser, Page } from 'playwright-core';
import { QuestionnaireSchema, type Question, type Questionnaire } from '../../src/questionnaires/schema';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { isVisible } from '../../src/questionnaires/conditions';
import { fieldName } from '../../src/responses/form';
import { launchBrowser, startServer, type TestServer } from './server';
import { fillQuickly, type Step } from './plan';

jest.setTimeout(180_000);

const SURVEY = 'short-tna-7';
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'es-ES' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Answers for every visible question, the competence ratings spread over all 7 points and one "not applicable". */
function plan(q: Questionnaire): { pages: Step[][]; answers: Answers } {
  const answers: Answers = {};
  let k = 0;
  const steps = (question: Question): Step[] => {
    const name = fieldName(question.id);
    switch (question.type) {
      case 'country':
        answers[question.id] = 'ES';
        return [{ kind: 'select', name, value: 'ES' }];
      case 'single':
        answers[question.id] = question.options[1]!.id;
        return [{ kind: 'radio', name, index: 1, values: question.options.map((o) => o.id) }];
      case 'multiple':
        answers[question.id] = [question.options[0]!.id, question.options[3]!.id];
        return [{ kind: 'tick', name, value: question.options[0]!.id }, { kind: 'tick', name, value: question.options[3]!.id }];
      case 'likert':
        // 2 of 7 ("Mala"): the follow-up about what is missing is asked.
        answers[question.id] = 2;
        return [{ kind: 'radio', name, index: 1, values: question.points.map((_, i) => String(i + 1)) }];
      case 'competence': {
        const n = k++;
        if (n === 13) {
          answers[question.id] = 'na';
          return [{ kind: 'tick', name: `${name}_na`, value: '1' }];
        }
        const values = ['1', '2', '3', '4', '5', '6', '7'];
        answers[question.id] = { importance: 7 - (n % 7), proficiency: 1 + ((n * 3) % 7) };
        return [
          { kind: 'radio', name: `${name}_i`, index: 6 - (n % 7), values },
          { kind: 'radio', name: `${name}_p`, index: (n * 3) % 7, values },
        ];
      }
      case 'number':
        answers[question.id] = 40;
        return [{ kind: 'type', name, text: '40' }];
      case 'text': {
        const text = question.id === 'training_missing' ? 'Formación práctica cerca de casa' : 'Salud mental y primeros auxilios psicológicos';
        answers[question.id] = text;
        return [{ kind: 'type', name, text }];
      }
    }
  };
  return { pages: q.pages.map((p) => p.questions.flatMap((question) => (isVisible(question, answers) ? steps(question) : []))), answers };
}

test('when a youth worker answers the 7-point spreadsheet questionnaire in Spanish without JavaScript, then every answer is stored on its 7-point scale', async () => {
  const row = server.db.prepare('SELECT definition FROM questionnaire_versions WHERE questionnaire_id = ?').get(SURVEY) as { definition: string };
  const questionnaire = QuestionnaireSchema.parse(JSON.parse(row.definition));
  const { pages, answers } = plan(questionnaire);

  await page.goto(`${server.url}/s/${SURVEY}?lang=es`);
  expect(await page.textContent('h1')).toBe(questionnaire.title.es);
  await page.check('input[name="consent"]');
  await Promise.all([page.waitForURL(/\/p\/1$/), page.click('button[type="submit"]:not([value])')]);

  for (const [i, steps] of pages.entries()) {
    const number = i + 1;
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect({ page: number, width: Math.max(width, 360) }).toEqual({ page: number, width: 360 });
    if (number === 2) {
      // A competence item offers 7 points on each scale and "not applicable", labelled in Spanish.
      const first = fieldName('participation_1');
      expect(await page.locator(`input[name="${first}_i"]`).count()).toBe(7);
      expect(await page.locator(`input[name="${first}_p"]`).count()).toBe(7);
      expect(await page.textContent('body')).toContain('Extremadamente importante');
    }
    await fillQuickly(page, steps);
    const last = number === pages.length;
    await Promise.all([page.waitForURL(last ? /\/thanks$/ : new RegExp(`/p/${number + 1}$`)), page.click('button[value="next"]')]);
  }

  const rows = server.db.prepare('SELECT survey_id, lang, answers FROM responses').all() as { survey_id: string; lang: string; answers: string }[];
  expect(rows).toEqual([{ survey_id: SURVEY, lang: 'es', answers: expect.any(String) }]);
  expect(JSON.parse(rows[0]!.answers)).toEqual(answers);
  expect(answers.training_missing).toBe('Formación práctica cerca de casa');
});
