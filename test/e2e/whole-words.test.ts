import type { Browser, Page } from 'playwright-core';
import { SURVEY, launchBrowser, startServer, type TestServer } from './server';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Mode = 'normal' | 'dyslexia' | 'lowvision';

/**
 * Words of the page that the browser split over two lines: a "word" is a run without spaces, and a line break right
 * after a hyphen ("maż-|żgħażagħ", "IP-|адресу") is where the language itself allows one, so it is not counted. Also
 * returns how far the page scrolls sideways and the labels whose text is wider than their box (cut off).
 */
const MEASURE = `(() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, select, option, textarea, .point-sep') || !el.getClientRects().length) continue;
    for (const m of node.textContent.matchAll(/[^\\s\\u002d\\u2010]+[\\u002d\\u2010]?/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0] + ' (' + el.tagName.toLowerCase() + ')');
    }
  }
  const cut = [...document.querySelectorAll('label, legend, h1, h2, p')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent.trim().slice(0, 40));
  return { broken, sideways: document.documentElement.scrollWidth - window.innerWidth, cut };
})()`;

interface Measured {
  broken: string[];
  sideways: number;
  cut: string[];
}

async function openSurvey(lang: string, mode: Mode, width: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/s/${SURVEY}?lang=${lang}${mode === 'normal' ? '' : `&${mode}=1`}`);
  if (mode !== 'normal') expect(await page.evaluate('document.documentElement.className')).toContain(`mode-${mode}`);
  return { page, close: () => context.close() };
}

const measure = async (page: Page) => {
  await page.evaluate('document.fonts.ready');
  return (await page.evaluate(MEASURE)) as Measured;
};

/** The consent page and every questionnaire page, each measured. */
async function measureAllPages(lang: string, mode: Mode, width: number): Promise<Record<string, Measured>> {
  const { page, close } = await openSurvey(lang, mode, width);
  try {
    const out: Record<string, Measured> = { consent: await measure(page) };
    await page.check('#consent');
    await Promise.all([page.waitForEvent('load'), page.click('.consent-form button[type=submit]')]);
    const pages = Number(await page.getAttribute('progress', 'max'));
    for (let p = 1; p <= pages; p++) {
      await page.goto(`${server.url}/s/${SURVEY}/p/${p}`);
      out[`page ${p}`] = await measure(page);
    }
    expect(Object.keys(out).length).toBeGreaterThanOrEqual(7);
    return out;
  } finally {
    await close();
  }
}

const problems = (all: Record<string, Measured>) =>
  Object.entries(all).flatMap(([where, m]) => [...m.broken.map((w) => `${where}: ${w}`), ...(m.sideways > 0 ? [`${where}: scrolls ${m.sideways}px sideways`] : []), ...m.cut.map((c) => `${where}: cut off: ${c}`)]);

// 360: a phone. 700 and 1280: where scales used to stand side by side in five columns too narrow for
// "Надзвичайно" or "Moderatament", which were split inside ("Надзвичайн|о", "Moderatam|ent").
test.each([
  ['uk', 360],
  ['mt', 360],
  ['uk', 700],
  ['mt', 700],
  ['uk', 1280],
  ['mt', 1280],
] as const)('in dyslexia mode, a %s survey at %ipx breaks no word inside, on any page', async (lang, width) => {
  expect(problems(await measureAllPages(lang, 'dyslexia', width))).toEqual([]);
});

test.each([
  ['uk', 'lowvision'],
  ['mt', 'lowvision'],
  ['de', 'normal'],
  ['es', 'normal'],
] as const)('on a wide screen, the competence scales of a %s survey in %s mode keep every word whole', async (lang, mode) => {
  const { page, close } = await openSurvey(lang, mode, 1280);
  try {
    await page.check('#consent');
    await Promise.all([page.waitForEvent('load'), page.click('.consent-form button[type=submit]')]);
    await page.goto(`${server.url}/s/${SURVEY}/p/2`);
    expect(problems({ 'page 2': await measure(page) })).toEqual([]);
  } finally {
    await close();
  }
});

test.each(['uk', 'mt'])('at 320px in dyslexia mode, every point of a %s competence scale can be seen and ticked', async (lang) => {
  const { page, close } = await openSurvey(lang, 'dyslexia', 320);
  try {
    await page.check('#consent');
    await Promise.all([page.waitForEvent('load'), page.click('.consent-form button[type=submit]')]);
    await page.goto(`${server.url}/s/${SURVEY}/p/2`);
    const m = await measure(page);
    expect(m.sideways).toBe(0);
    expect(m.cut).toEqual([]);
    const radios = page.locator('.q-competence').first().locator('.scale-options .radio');
    expect(await radios.count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      const box = (await radios.nth(i).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(box.height).toBeGreaterThanOrEqual(44);
      await radios.nth(i).locator('label').click();
      expect(await radios.nth(i).locator('input').isChecked()).toBe(true);
    }
  } finally {
    await close();
  }
});
