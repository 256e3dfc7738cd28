import type { Page } from 'playwright-core';
import { LANGUAGES } from '../../src/i18n/languages';
import { SURVEY, useServerAndBrowser } from './server';
import { seedPartners, signInAsAdmin } from './partnership';

jest.setTimeout(180_000);

const env = useServerAndBrowser();

/** What overflows sideways: the page itself, and any table or table wrapper wider than the room it has. */
async function overflow(page: Page) {
  return page.evaluate(`(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('.table-wrap, table, figure, .top-needs, .control-grid')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => {
        // named by its caption, else by the heading before it
        let heading = el.previousElementSibling;
        while (heading && !/^H[1-4]$/.test(heading.tagName)) heading = heading.previousElementSibling;
        const name = el.querySelector('caption')?.textContent || heading?.textContent || el.className;
        return name.trim().slice(0, 60) + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')';
      });
    return { page: doc.scrollWidth - doc.clientWidth, wide };
  })()`) as Promise<{ page: number; wide: string[] }>;
}

describe('a comparison of 16 partners', () => {
  beforeAll(() => seedPartners(env.server.db, 16, 20));

  test.each([...LANGUAGES])('when the dashboard is opened at 1366 px grouped by partner (%s), then no table, chart or the page overflows sideways', async (lang) => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    try {
      await signInAsAdmin(page, env.server.url, env.server.db);
      await page.goto(`${env.server.url}/admin/surveys/${SURVEY}/report?groupBy=collector&lang=${lang}`);
      await page.waitForSelector('#heatmap');
      // every one of the 16 partners has its row in the heat map
      expect(await page.locator('table.heatmap tbody tr').count()).toBe(16);
      expect(await overflow(page)).toEqual({ page: 0, wide: [] });
    } finally {
      await context.close();
    }
  });

  test.each(['bg', 'fi'])('when the dashboard is opened on a phone (390 px, %s), then the priority chart labels fit the room chart.js gives them', async (lang) => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    try {
      await signInAsAdmin(page, env.server.url, env.server.db);
      await page.goto(`${env.server.url}/admin/surveys/${SURVEY}/report?lang=${lang}`);
      await page.waitForFunction('window.Chart && Chart.getChart(document.querySelector(\'canvas[data-chart="priority"]\'))');
      const fit = (await page.evaluate(`(() => {
        const chart = Chart.getChart(document.querySelector('canvas[data-chart="priority"]'));
        const y = chart.scales.y;
        const ctx = chart.ctx;
        ctx.font = Chart.helpers.toFont(y.options.ticks.font).string;
        const widest = Math.max(...chart.data.labels.flat().map((line) => ctx.measureText(line).width));
        return { widest: Math.ceil(widest), room: Math.floor(y.width), left: y.left, labels: chart.data.labels.length };
      })()`)) as { widest: number; room: number; left: number; labels: number };
      expect(fit.labels).toBe(15);
      expect(fit.left).toBeGreaterThanOrEqual(0);
      expect(fit.widest).toBeLessThanOrEqual(fit.room);
    } finally {
      await context.close();
    }
  });
});
