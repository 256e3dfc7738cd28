import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SURVEY, launchBrowser, startServer, type TestServer } from './server';
import { fillQuickly, loadDefaultQuestionnaire, planResponse, type Step } from './plan';

jest.setTimeout(120_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
const plan = planResponse(loadDefaultQuestionnaire());
const page1 = plan.pages[0]!.steps;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = `${server.url}/s/${SURVEY}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(base);
  await page.check('#consent');
  await go('.consent-form button[type=submit]');
  expect(page.url()).toBe(`${base}/p/1`);
});

afterEach(() => context?.close());

/** Clicks something that loads a new page and waits for it. */
async function go(selector: string) {
  await Promise.all([page.waitForEvent('load'), page.click(selector)]);
}

const useful = () => page.locator('.question[data-show-if="q_training_recent"]');
const trainingRecent = (value: string) => page.check(`input[name="q_training_recent"][value="${value}"]`);

/** What the page's body text looks like once its web fonts have loaded. */
async function typography() {
  return (await page.evaluate(`(async () => {
    await document.fonts.ready;
    const style = getComputedStyle(document.body);
    return {
      htmlClass: document.documentElement.className.trim(),
      size: parseFloat(style.fontSize),
      family: style.fontFamily,
      letterSpacing: style.letterSpacing,
      loadedFonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
    };
  })()`)) as { htmlClass: string; size: number; family: string; letterSpacing: string; loadedFonts: string[] };
}

async function expectAnswersShown(steps: readonly Step[]) {
  for (const step of steps) {
    if (step.kind === 'select') expect(await page.inputValue(`select[name="${step.name}"]`)).toBe(step.value);
    else if (step.kind === 'radio') expect(await page.isChecked(`input[name="${step.name}"][value="${step.values[step.index]}"]`)).toBe(true);
    else if (step.kind === 'tick') expect(await page.isChecked(`input[name="${step.name}"][value="${step.value}"]`)).toBe(true);
    else expect(await page.inputValue(`[name="${step.name}"]`)).toBe(step.text);
  }
}

test('when JavaScript runs, then the usefulness question shows only after "1-2 courses" or "3 or more" and its no-JS note is hidden', async () => {
  expect(await useful().isHidden()).toBe(true);
  await trainingRecent('none');
  expect(await useful().isHidden()).toBe(true);
  await trainingRecent('c1_2');
  expect(await useful().isVisible()).toBe(true);
  expect(await useful().locator('.condition-note').isHidden()).toBe(true);
  await trainingRecent('c3plus');
  expect(await useful().isVisible()).toBe(true);
  await trainingRecent('none');
  expect(await useful().isHidden()).toBe(true);
});

test('when the language is switched mid-page, then every answer given so far is still there, in the new language', async () => {
  await fillQuickly(page, page1);
  await go('button[value="lang:bg"]');
  expect(await page.getAttribute('html', 'lang')).toBe('bg');
  await expectAnswersShown(page1);
  expect(await useful().isVisible()).toBe(true);

  await go('button[value="lang:de"]');
  expect(await page.getAttribute('html', 'lang')).toBe('de');
  await expectAnswersShown(page1);
});

test('when low-vision mode is turned on, then the text is larger in Atkinson Hyperlegible on every later page, until it is turned off', async () => {
  const normal = await typography();
  expect(normal.htmlClass).not.toContain('mode-lowvision');
  expect(normal.family).not.toMatch(/Atkinson/);

  await fillQuickly(page, page1);
  await go('button[value="lowvision:1"]');
  const large = await typography();
  expect(large.htmlClass).toContain('mode-lowvision');
  expect(large.size).toBeGreaterThanOrEqual(normal.size * 1.25);
  expect(large.family).toMatch(/^"?Atkinson Hyperlegible"?,/);
  expect(large.loadedFonts).toContain('Atkinson Hyperlegible');

  await go('button[value=next]');
  expect(page.url()).toBe(`${base}/p/2`);
  expect(await typography()).toMatchObject({ size: large.size, family: large.family });
  await page.goto(`${server.url}/erase`);
  expect(await typography()).toMatchObject({ size: large.size, family: large.family });

  await page.goto(`${base}/p/2`);
  await go('button[value="lowvision:0"]');
  expect(await typography()).toMatchObject({ size: normal.size, family: normal.family });
});

test('when the dyslexia mode is turned on, then OpenDyslexic and wider spacing are used on every later page; Bulgarian keeps one Cyrillic font', async () => {
  const normal = await typography();
  await go('button[value="dyslexia:1"]');
  const easy = await typography();
  expect(easy.htmlClass).toContain('mode-dyslexia');
  expect(easy.family).toMatch(/^"?OpenDyslexic"?,/);
  expect(easy.loadedFonts).toContain('OpenDyslexic');
  expect(parseFloat(easy.letterSpacing)).toBeGreaterThan(0);
  expect(normal.letterSpacing).toBe('normal');

  await page.goto(`${base}/resume`);
  expect(await typography()).toMatchObject({ family: easy.family, letterSpacing: easy.letterSpacing });
  await page.goto(`${server.url}/erase`);
  expect(await typography()).toMatchObject({ family: easy.family, letterSpacing: easy.letterSpacing });

  // OpenDyslexic has no Cyrillic letters: a Bulgarian page keeps the ordinary font, with the wider spacing.
  await page.goto(`${base}/p/1?lang=bg`);
  const bulgarian = await typography();
  expect(bulgarian.htmlClass).toContain('mode-dyslexia');
  expect(bulgarian.family).toBe(normal.family);
  expect(parseFloat(bulgarian.letterSpacing)).toBeGreaterThan(0);
});
