import { fixedT, localize } from '../../src/i18n';
import { LANGUAGES } from '../../src/i18n/languages';
import { SURVEY, useServerAndBrowser } from './server';
import { fillQuickly, loadDefaultQuestionnaire, planResponse } from './plan';

jest.setTimeout(240_000);

/**
 * Issue 13's proof for four of the languages it added: Greek (its own script, accented capitals), Ukrainian
 * (Cyrillic, a plural "one" that covers 21, 31, …), Hungarian and Maltese (Latin Extended-A: ő ű, ċ ġ ħ ż). The
 * whole survey is answered with JavaScript switched off, as in respondent-languages.test.ts for sl, fi, pl and ro.
 */
const NEW = ['el', 'uk', 'hu', 'mt'] as const;
const questionnaire = loadDefaultQuestionnaire();
const plan = planResponse(questionnaire);
const env = useServerAndBrowser();

test('when the test runs, then the four languages are shipped and the questionnaire offers them', () => {
  for (const lang of NEW) {
    expect(LANGUAGES).toContain(lang);
    expect(questionnaire.languages).toContain(lang);
  }
});

test.each(NEW.filter((l) => (LANGUAGES as readonly string[]).includes(l)))(
  'when a youth worker answers in %s without JavaScript, then every page, button and the thanks page are in that language and the response is stored with it',
  async (lang) => {
    const t = fixedT(lang, 'respondent');
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
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
      const isLast = index === questionnaire.pages.length - 1;
      expect((await page.textContent('button[name="_action"][value="next"]'))?.trim()).toBe(t(isLast ? 'submit' : 'next'));
      expect(await page.locator(`main [lang]:not([lang="${lang}"])`).count()).toBe(0);
      await fillQuickly(page, plan.pages[index]!.steps);
      await page.click('button[name="_action"][value="next"]');
    }
    await page.waitForURL(/\/thanks$/);
    expect(await page.textContent('h1')).toBe(t('thanksTitle'));
    expect(await page.textContent('.code')).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await context.close();
    const row = env.server.db.prepare('SELECT lang, answers FROM responses ORDER BY id DESC LIMIT 1').get() as { lang: string; answers: string };
    expect(row.lang).toBe(lang);
    expect(JSON.parse(row.answers)).toEqual(plan.answers);
  },
);
