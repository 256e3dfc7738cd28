import { localize } from '../../src/i18n';
import { SURVEY, useServerAndBrowser } from './server';
import { fillQuickly, loadDefaultQuestionnaire, planResponse } from './plan';

jest.setTimeout(180_000);

const questionnaire = loadDefaultQuestionnaire();
const plan = planResponse(questionnaire);
const env = useServerAndBrowser();

/** The whole survey in four more languages (Bulgarian is walked by keyboard in respondent-bg-nojs.test.ts). */
test.each(['sl', 'fi', 'pl', 'ro'])('when a youth worker answers in %s, then every page is in that language and the response is stored with it', async (lang) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${env.server.url}/s/${SURVEY}?lang=${lang}`);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await page.textContent('h1')).toBe(localize(questionnaire.title, lang, 'en').text);
  await page.check('#consent');
  await page.click('form.consent-form button[type=submit]');
  for (const [index, pageDef] of questionnaire.pages.entries()) {
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.textContent('h1')).toBe(localize(pageDef.title, lang, 'en').text);
    await fillQuickly(page, plan.pages[index]!.steps);
    await page.click('button[name="_action"][value="next"]');
  }
  await page.waitForURL(/\/thanks$/);
  expect(await page.textContent('.code')).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await context.close();
  const row = env.server.db.prepare('SELECT lang, answers FROM responses ORDER BY id DESC LIMIT 1').get() as { lang: string; answers: string };
  expect(row.lang).toBe(lang);
  expect(JSON.parse(row.answers)).toEqual(plan.answers);
});
