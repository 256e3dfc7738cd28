import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SURVEY, launchBrowser, startServer, type TestServer } from './server';
import { chooseRadio, focused, pressButton, selectWithKeys, tabTo, tick, typeInto } from './keyboard';
import { loadDefaultQuestionnaire, planResponse, type Step } from './plan';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'bg-BG' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every page must fit a 360 px phone screen and be in Bulgarian. */
async function expectPhoneFriendlyBulgarian(where: string) {
  const layout = (await page.evaluate('({ width: document.documentElement.scrollWidth, lang: document.documentElement.lang })')) as { width: number; lang: string };
  expect({ where, lang: layout.lang, scrollWidth: Math.max(layout.width, 360) }).toEqual({ where, lang: 'bg', scrollWidth: 360 });
}

async function replayWithKeyboard(steps: readonly Step[]) {
  for (const step of steps) {
    if (step.kind === 'select') await selectWithKeys(page, step.name, step.value);
    else if (step.kind === 'radio') await chooseRadio(page, step.name, step.index, step.values);
    else if (step.kind === 'tick') await tick(page, step.name, step.value);
    else await typeInto(page, step.name, step.text);
  }
}

test('when a youth worker completes the survey in Bulgarian on a phone with the keyboard only and no JavaScript, then the response is stored in Bulgarian', async () => {
  const questionnaire = loadDefaultQuestionnaire();
  const plan = planResponse(questionnaire);
  const base = `${server.url}/s/${SURVEY}`;

  await page.goto(base);
  await expectPhoneFriendlyBulgarian('consent');
  expect(await page.textContent('h1')).toBe(questionnaire.title.bg);

  // Starting without consent is refused, with the error shown next to the box.
  await pressButton(page, '', /\/start$/);
  expect(await page.isVisible('#consent-error')).toBe(true);
  await expectPhoneFriendlyBulgarian('consent with error');
  await tick(page, 'consent', 'yes');
  await pressButton(page, '', /\/p\/1$/);

  for (const [i, { id, steps }] of plan.pages.entries()) {
    const number = i + 1;
    await expectPhoneFriendlyBulgarian(`page ${number} (${id})`);
    await replayWithKeyboard(steps);
    if (number === 1) {
      // Change one's mind with Shift+Tab: back to the first radio group, and the next option with ArrowDown.
      const first = steps.find((s): s is Extract<Step, { kind: 'radio' }> => s.kind === 'radio')!;
      await tabTo(page, (f) => f.name === first.name && f.checked, `the checked radio of ${first.name}`, { backwards: true, max: 200 });
      await page.keyboard.press('ArrowDown');
      const changed = first.values[(first.index + 1) % first.values.length]!;
      expect(await focused(page)).toMatchObject({ name: first.name, value: changed, checked: true });
      plan.answers[first.name.replace(/^q_/, '')] = changed;
    }
    const last = number === plan.pages.length;
    await pressButton(page, 'next', last ? /\/thanks$/ : new RegExp(`/p/${number + 1}$`));
  }

  await expectPhoneFriendlyBulgarian('thank-you');
  const code = (await page.textContent('.code'))?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

  const rows = server.db.prepare('SELECT survey_id, lang, answers FROM responses').all() as { survey_id: string; lang: string; answers: string }[];
  expect(rows).toHaveLength(1);
  expect(rows[0]!.survey_id).toBe(SURVEY);
  expect(rows[0]!.lang).toBe('bg');
  expect(JSON.parse(rows[0]!.answers)).toEqual(plan.answers);
});
