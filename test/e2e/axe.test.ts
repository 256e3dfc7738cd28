import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { SURVEY, useServerAndBrowser } from './server';
import { fillQuickly, loadDefaultQuestionnaire, planResponse } from './plan';
import { seedPartners, signInAsAdmin } from './partnership';

jest.setTimeout(180_000);

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const env = useServerAndBrowser();

/** Runs axe on each page it is given and keeps a readable list of violations per page. */
function auditor(page: Page, modeClass: string | null) {
  const problems: Record<string, string[]> = {};
  const audited: string[] = [];
  return {
    problems,
    audited,
    async check(name: string, { modeApplies = true } = {}) {
      await page.waitForLoadState('load');
      const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).options({ resultTypes: ['violations'] }).analyze();
      audited.push(name);
      const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
      const htmlClass = (await page.getAttribute('html', 'class')) ?? '';
      if (modeClass && modeApplies && !htmlClass.includes(modeClass)) found.push(`display mode not applied: html class is "${htmlClass.trim()}"`);
      if (found.length) problems[name] = found;
    },
  };
}

/** Clicks something that submits a form or follows a link, and waits for the next page to load. */
async function go(page: Page, selector: string) {
  await Promise.all([page.waitForEvent('load'), page.click(selector)]);
}

const MODES: [string, string, string | null, string][] = [
  ['normal', '', null, 'en-GB'],
  ['low-vision', 'lowvision=1', 'mode-lowvision', 'bg-BG'],
  ['dyslexia', 'dyslexia=1', 'mode-dyslexia', 'de-DE'],
];

describe.each(MODES)('in %s mode', (_mode, query, modeClass, locale) => {
  test('when every respondent page is checked with axe-core, then none has a WCAG 2.1 A or AA violation', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 800 }, locale });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const axe = auditor(page, modeClass);
    const base = `${env.server.url}/s/${SURVEY}`;
    const plan = planResponse(loadDefaultQuestionnaire());
    try {
      await page.goto(`${base}?${query}`);
      await axe.check('consent');
      await go(page, '.consent-form button[type=submit]');
      await axe.check('consent, not ticked');
      await page.check('#consent');
      await go(page, '.consent-form button[type=submit]');
      await page.goto(base);
      await axe.check('consent, with saved answers');

      for (const [i, { steps }] of plan.pages.entries()) {
        const n = i + 1;
        await page.goto(`${base}/p/${n}`);
        await axe.check(`page ${n}`);
        if (n <= 2) {
          await go(page, 'button[value=next]');
          await axe.check(`page ${n}, with errors`);
        }
        await fillQuickly(page, steps);
        if (n < plan.pages.length) await go(page, 'button[value=next]');
      }

      await go(page, 'button[value=save]');
      await axe.check('saved');
      const resumeCode = (await page.textContent('.code'))!.trim();
      await page.goto(`${base}/resume`);
      await axe.check('resume');
      await page.fill('#code', 'NOPE-NOPE');
      await go(page, 'form button[type=submit]');
      await axe.check('resume, unknown code');
      await page.fill('#code', resumeCode);
      await go(page, 'form button[type=submit]');
      await go(page, 'button[value=next]');
      await axe.check('thank-you');
      const erasureCode = (await page.textContent('.code'))!.trim();

      await page.goto(`${base}/p/1`);
      await axe.check('back after sending');
      await page.goto(`${env.server.url}/erase`);
      await axe.check('erase');
      await go(page, 'form button[type=submit]');
      await axe.check('erase, empty code');
      await page.fill('#code', 'ABCD-EFGH-JKLM-NPQR');
      await go(page, 'form button[type=submit]');
      await axe.check('erase, unknown code');
      await page.fill('#code', erasureCode);
      await go(page, 'form button[type=submit]');
      await axe.check('erase, done');

      env.server.db.prepare("UPDATE surveys SET closes_at = '2000-01-01T00:00:00Z'").run();
      await page.goto(base);
      await axe.check('closed survey');
      env.server.db.prepare("UPDATE surveys SET closes_at = NULL, opens_at = '2999-01-01T00:00:00Z'").run();
      await page.goto(base);
      await axe.check('survey not open yet');
      env.server.db.prepare('UPDATE surveys SET opens_at = NULL').run();

      await page.goto(`${env.server.url}/s/no-such-survey`);
      await axe.check('404 error page', { modeApplies: false });
    } finally {
      env.server.db.prepare('UPDATE surveys SET opens_at = NULL, closes_at = NULL').run();
      await context.close();
    }
    expect(axe.problems).toEqual({});
    expect(axe.audited).toHaveLength(24);
  });
});

/**
 * Researchers and coordinators use assistive technology too: every admin page and the report dashboard, with data
 * (12 partners), an archived link, a demo survey and the pages of an incomplete consent notice.
 */
describe('admin pages and the dashboard', () => {
  beforeAll(() => {
    seedPartners(env.server.db, 12, 20);
    env.server.db.prepare("UPDATE collectors SET archived_on = date('now') WHERE id = 'partner-12'").run();
  });

  test.each([
    ['en', 'en-GB'],
    ['bg', 'bg-BG'],
  ])('when every admin page and the dashboard are checked with axe-core (%s), then none has a WCAG 2.1 A or AA violation', async (lang, locale) => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const axe = auditor(page, null);
    const survey = `${env.server.url}/admin/surveys/${SURVEY}`;
    try {
      await page.goto(`${env.server.url}/login?lang=${lang}`);
      await axe.check('sign-in');
      await go(page, 'form[action="/login"] button[type=submit]');
      await axe.check('sign-in, error');
      await signInAsAdmin(page, env.server.url, env.server.db);
      const responseId = env.server.db.prepare('SELECT public_id FROM responses LIMIT 1').pluck().get() as string;
      const pages: [string, string][] = [
        ['surveys', `${env.server.url}/admin`],
        ['survey: settings, partners, funnel', survey],
        ['survey after archiving a link', `${survey}?saved=archived`],
        ['questionnaire preview', `${survey}/preview?lang=${lang}`],
        ['raw responses', `${survey}/responses`],
        ['raw responses, direct link', `${survey}/responses?collector=_direct`],
        ['delete a response', `${survey}/responses/${responseId}/delete`],
        ['delete a partner link', `${survey}/collectors/partner-01/delete`],
        ['users', `${env.server.url}/admin/users`],
        ['a user', `${env.server.url}/admin/users/1`],
        ['audit log', `${env.server.url}/admin/audit`],
        ['my password', `${env.server.url}/admin/password`],
        ['import', `${env.server.url}/admin/import`],
        ['translations', `${survey}/translations`],
        ['dashboard', `${survey}/report?lang=${lang}`],
        ['dashboard by partner', `${survey}/report?groupBy=collector&lang=${lang}`],
        ['dashboard by country', `${survey}/report?groupBy=country&lang=${lang}`],
      ];
      await page.goto(`${env.server.url}/admin?lang=${lang}`);
      for (const [name, url] of pages) {
        await page.goto(url);
        await axe.check(name, { modeApplies: false });
      }
      env.server.db.prepare("UPDATE surveys SET controller_contact = '' WHERE id = ?").run(SURVEY);
      await page.goto(survey);
      await axe.check('survey with an incomplete consent notice');
      await page.goto(`${env.server.url}/s/${SURVEY}?lang=${lang}`);
      await axe.check('consent preview for organisers');
      const anonymous = await context.browser()!.newContext({ viewport: { width: 1024, height: 800 }, locale });
      const visitor = await anonymous.newPage();
      const visitorAxe = auditor(visitor, null);
      await visitor.goto(`${env.server.url}/s/${SURVEY}?lang=${lang}`);
      await visitorAxe.check('survey not ready (respondent)');
      env.server.db.prepare("UPDATE surveys SET controller_contact = 'privacy@example.org' WHERE id = ?").run(SURVEY);
      await visitor.goto(`${env.server.url}/s/${SURVEY}/c/partner-12?lang=${lang}`);
      await visitorAxe.check('archived link (respondent)');
      // "not applicable" ticked together with a rating: the error at the item
      const plan = planResponse(loadDefaultQuestionnaire());
      await visitor.goto(`${env.server.url}/s/${SURVEY}?lang=${lang}`);
      await visitor.check('#consent');
      await go(visitor, '.consent-form button[type=submit]');
      await fillQuickly(visitor, plan.pages[0]!.steps);
      await go(visitor, 'button[value=next]');
      await visitor.locator('input[type=checkbox][name$="_na"]').first().check();
      await visitor.locator('input[type=radio][name$="_i"]').first().check();
      await go(visitor, 'button[value=next]');
      expect(await visitor.locator('.field-error').count()).toBeGreaterThan(0);
      await visitorAxe.check('not applicable with ratings (respondent)');
      await anonymous.close();
      expect({ ...axe.problems, ...visitorAxe.problems }).toEqual({});
      expect(axe.audited.length + visitorAxe.audited.length).toBe(pages.length + 7);
    } finally {
      env.server.db.prepare("UPDATE surveys SET controller_contact = 'privacy@example.org' WHERE id = ?").run(SURVEY);
      await context.close();
    }
  });
});
