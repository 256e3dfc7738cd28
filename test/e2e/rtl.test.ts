import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { launchBrowser, startServer, type TestServer } from './server';

jest.setTimeout(120_000);

const SURVEY = 'rtl-test';
const FIXTURE = path.resolve(__dirname, '../fixtures/questionnaire-ar.json');

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const imported = createQuestionnaireService(server.db).importFile(FIXTURE);
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  server.db.prepare('UPDATE surveys SET controller_name = ?, controller_contact = ? WHERE id = ?').run('شبكة العمل مع الشباب', 'privacy@example.org', SURVEY);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ar' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Box {
  x: number;
  width: number;
}
const right = (b: Box) => b.x + b.width;

async function box(selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not visible`);
  return found;
}

/** The box of the text inside an element (not of the element, which fills the column). */
async function textBox(selector: string): Promise<Box> {
  const script = `(() => { const range = document.createRange(); range.selectNodeContents(document.querySelector(${JSON.stringify(selector)}));
    const r = range.getBoundingClientRect(); return { x: r.x, width: r.width }; })()`;
  return (await page.evaluate(script)) as Box;
}

/** The document is Arabic, right to left, and fits a 360 px phone without scrolling sideways. */
async function expectRtlPhonePage(where: string) {
  const doc = (await page.evaluate('({ dir: document.documentElement.dir, lang: document.documentElement.lang, width: document.documentElement.scrollWidth, direction: getComputedStyle(document.querySelector("main")).direction })')) as Record<string, unknown>;
  expect({ where, ...doc }).toEqual({ where, dir: 'rtl', lang: 'ar', width: expect.any(Number), direction: 'rtl' });
  if ((doc.width as number) > 360) throw new Error(`${where} scrolls horizontally at 360 px: scrollWidth ${doc.width}`);
}

test('when the Arabic questionnaire is opened with ?lang=ar, then the pages are laid out right to left on a phone', async () => {
  await page.goto(`${server.url}/s/${SURVEY}?lang=ar`);
  await expectRtlPhonePage('consent');
  expect(await page.textContent('h1')).toBe('احتياجات التدريب لدى العاملين مع الشباب');

  // A checkbox comes first in reading order, so it sits to the right of its label.
  const consent = await box('#consent');
  const consentLabel = await box('label[for="consent"]');
  expect(consent.x).toBeGreaterThan(consentLabel.x);
  expect(right(consent)).toBeGreaterThanOrEqual(right(consentLabel) - 1);

  await page.check('#consent');
  await Promise.all([page.waitForURL(/\/p\/1$/), page.click('button[type="submit"].primary')]);
  await expectRtlPhonePage('page 1');
  expect(await page.textContent('legend')).toContain('ما دورك في العمل مع الشباب؟');

  // Each radio button is to the right of its label: the first option's label box starts left of the radio.
  const radio = await box('#q_role');
  const label = await box('label[for="q_role"]');
  expect(await page.textContent('label[for="q_role"]')).toBe('عامل بأجر');
  expect(radio.x).toBeGreaterThan(label.x);
  expect(right(radio)).toBeGreaterThan(right(label));
  // A short label's words start at the right edge of its box, the way Arabic is read.
  const words = await textBox('label[for="q_role-2"]');
  const volunteer = await box('label[for="q_role-2"]');
  expect(Math.abs(right(words) - right(volunteer))).toBeLessThan(2);
  expect(words.x - volunteer.x).toBeGreaterThan(20);

  await page.check('#q_role');
  await Promise.all([page.waitForURL(/\/p\/2$/), page.click('button[name="_action"][value="next"]')]);
  await expectRtlPhonePage('page 2 (competences)');
  expect(await page.textContent('h2.area-heading')).toBe('الإدماج والتنوع');
  // Competence scale points are stacked on a phone; side by side on a wider screen, point 1 is the rightmost.
  await page.setViewportSize({ width: 1024, height: 740 });
  const first = await box('#q_inc_1');
  const second = await box('#q_inc_1-2');
  expect(first.x).toBeGreaterThan(second.x);
  await page.setViewportSize({ width: 360, height: 740 });
});

test('when the same questionnaire is shown in English, then it is left to right again', async () => {
  await page.goto(`${server.url}/s/${SURVEY}?lang=en`);
  const doc = (await page.evaluate('({ dir: document.documentElement.dir, lang: document.documentElement.lang })')) as Record<string, unknown>;
  expect(doc).toEqual({ dir: 'ltr', lang: 'en' });
  const consent = await box('#consent');
  const consentLabel = await box('label[for="consent"]');
  expect(consent.x).toBeLessThan(consentLabel.x);
});
