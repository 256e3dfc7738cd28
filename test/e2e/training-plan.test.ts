import { SURVEY, useServerAndBrowser } from './server';
import { seedPartners, signInAsAdmin } from './partnership';
import { createSurveyService } from '../../src/surveys/service';

jest.setTimeout(120_000);

const env = useServerAndBrowser();

/** Set PLAN_SCREENSHOTS=/some/dir to keep a full-page screenshot of each language (for looking at the page). */
const SHOTS = process.env.PLAN_SCREENSHOTS;

describe('the training plan page', () => {
  beforeAll(() => {
    // three partners of 25 (published whatever the noise) and one with nobody yet (publishes nothing)
    seedPartners(env.server.db, 3, 25);
    createSurveyService(env.server.db).saveCollector(SURVEY, { id: 'newcomer', label: 'Newcomer partner' });
  });

  test.each([
    ['en', 'Module 1', 'Fewer than 10 respondents'],
    ['bg', 'Модул 1', 'По-малко от 10 респонденти'],
  ])('when an admin opens the plan grouped by country (%s), then each partner shows its modules of first-priority needs and the empty one shows nothing', async (lang, module, small) => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    try {
      await signInAsAdmin(page, env.server.url, env.server.db);
      await page.goto(`${env.server.url}/admin/surveys/${SURVEY}`);
      await Promise.all([page.waitForEvent('load'), page.click(`a[href="/admin/surveys/${SURVEY}/plan"]`)]);
      await page.goto(`${env.server.url}/admin/surveys/${SURVEY}/plan?groupBy=country&lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const partners = page.locator('section.plan-unit[data-unit^="partner-"]');
      expect(await partners.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        const section = partners.nth(i);
        expect(await section.locator('table.plan-module caption').first().textContent()).toContain(module);
        expect(await section.locator('table.plan-module tbody tr').count()).toBeGreaterThan(0);
        expect(await section.locator('.plan-preferences dt').count()).toBe(4);
      }
      const newcomer = page.locator('section.plan-unit[data-unit="newcomer"]');
      expect(await newcomer.textContent()).toContain(small);
      expect(await newcomer.locator('table').count()).toBe(0);
      // the countries' plans follow the partners'
      expect(await page.locator('#plan-groups').count()).toBe(1);
      const width = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(width).toBe(0);
      if (SHOTS) {
        await page.screenshot({ path: `${SHOTS}/plan-${lang}-top.png` });
        await partners.nth(0).screenshot({ path: `${SHOTS}/plan-${lang}-partner.png` });
        await newcomer.screenshot({ path: `${SHOTS}/plan-${lang}-newcomer.png` });
      }
    } finally {
      await context.close();
    }
  });
});
