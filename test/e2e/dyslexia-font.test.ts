import type { Browser, Page } from 'playwright-core';
import { SURVEY, launchBrowser, startServer, type TestServer } from './server';

jest.setTimeout(120_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The font Chromium actually draws each character with (DevTools' platform fonts), on a real survey page in dyslexia
 * mode. The characters are written into the page's own paragraph text, so they inherit the mode's font stack.
 */
async function fontsDrawing(page: Page, chars: string[]): Promise<Record<string, string[]>> {
  // A string, not a function: the project compiles without the DOM library.
  await page.evaluate(`(async () => {
    const host = document.createElement('div');
    host.id = 'glyph-probe';
    for (const c of ${JSON.stringify(chars)}) {
      const p = document.createElement('p');
      p.textContent = c;
      host.append(p);
    }
    document.querySelector('main').append(host);
    await document.fonts.ready;
    await Promise.all([...document.fonts].map((f) => (f.status === 'unloaded' ? f.load().catch(() => undefined) : undefined)));
  })()`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '#glyph-probe > p' });
  const out: Record<string, string[]> = {};
  for (const [i, nodeId] of nodeIds.entries()) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    out[chars[i]!] = fonts.map((f) => f.familyName);
  }
  return out;
}

// The letters the @fontsource OpenDyslexic build misdraws (š as "Š", ó with a displaced acute, ł like "t", Romanian
// ș ț ş ţ with detached marks) and a sample of the ones it draws well, from Slovene, Polish, Romanian and Czech.
const BROKEN = ['š', 'ó', 'ł', 'ș', 'ț', 'ş', 'ţ'];
const FINE = ['a', 's', 'o', 'Š', 'ž', 'č', 'ą', 'ę', 'ă', 'â', 'î', 'ř', 'ů', 'ě'];

test.each(['sl', 'pl', 'ro'])('in dyslexia mode (%s) each letter is drawn by a font that has it right', async (lang) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const base = `${server.url}/s/${SURVEY}`;
    await page.goto(`${base}?lang=${lang}`);
    await page.check('#consent');
    await Promise.all([page.waitForEvent('load'), page.click('.consent-form button[type=submit]')]);
    await Promise.all([page.waitForEvent('load'), page.click('button[value="dyslexia:1"]')]);
    expect(await page.evaluate('document.documentElement.className')).toContain('mode-dyslexia');

    const drawn = await fontsDrawing(page, [...BROKEN, ...FINE]);
    for (const c of BROKEN) expect([c, drawn[c]]).toEqual([c, ['Atkinson Hyperlegible']]);
    for (const c of FINE) expect([c, drawn[c]]).toEqual([c, ['OpenDyslexic']]);
  } finally {
    await context.close();
  }
});

/** Opens the survey's consent page in `lang` with a display mode switched on (the settings form, no JavaScript needed). */
async function pageInMode(lang: string, mode: 'dyslexia' | 'lowvision'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${server.url}/s/${SURVEY}?lang=${lang}`);
  await page.check('#consent');
  await Promise.all([page.waitForEvent('load'), page.click('.consent-form button[type=submit]')]);
  await Promise.all([page.waitForEvent('load'), page.click(`button[value="${mode}:1"]`)]);
  expect(await page.evaluate('document.documentElement.className')).toContain(`mode-${mode}`);
  return { page, close: () => context.close() };
}

const GREEK = ['α', 'λ', 'ά', 'ώ', 'Φ', 'ς'];
const CYRILLIC = ['ж', 'Ф', 'ї', 'є', 'ъ', 'я'];
// Letters of hu, mt, lv, lt, sk, hr and cs that OpenDyslexic and Atkinson Hyperlegible both draw well.
const LATIN_EXT_A = ['ő', 'ű', 'ċ', 'ġ', 'ħ', 'ż', 'č', 'ė', 'ų', 'ā', 'ī', 'ņ', 'ľ', 'ŕ', 'đ'];

test.each([
  ['el', 'dyslexia', GREEK],
  ['uk', 'dyslexia', CYRILLIC],
  ['bg', 'lowvision', CYRILLIC],
  ['el', 'lowvision', GREEK],
] as const)('in a %s page in %s mode, letters, digits and punctuation share one font that has them', async (lang, mode, letters) => {
  const { page, close } = await pageInMode(lang, mode);
  try {
    expect(await page.evaluate('document.documentElement.className')).not.toContain('script-latn');
    const drawn = await fontsDrawing(page, [...letters, '7', '?']);
    const families = new Set(Object.values(drawn).flat());
    expect([...families]).toHaveLength(1);
    expect(families.has('OpenDyslexic') || families.has('Atkinson Hyperlegible')).toBe(false);
  } finally {
    await close();
  }
});

test('in a Latin page in dyslexia mode, Greek and Cyrillic words (the language list) are never drawn by OpenDyslexic', async () => {
  const { page, close } = await pageInMode('en', 'dyslexia');
  try {
    const drawn = await fontsDrawing(page, [...GREEK, ...CYRILLIC, 'a']);
    for (const c of [...GREEK, ...CYRILLIC]) expect([c, drawn[c]]).not.toEqual([c, ['OpenDyslexic']]);
    expect(drawn.a).toEqual(['OpenDyslexic']);
  } finally {
    await close();
  }
});

test.each([
  ['hu', 'dyslexia', 'OpenDyslexic'],
  ['mt', 'dyslexia', 'OpenDyslexic'],
  ['lv', 'lowvision', 'Atkinson Hyperlegible'],
  ['sk', 'lowvision', 'Atkinson Hyperlegible'],
] as const)('in a %s page in %s mode, Latin Extended-A letters are drawn by %s; ĺ, misdrawn or missing there, by another font', async (lang, mode, family) => {
  const { page, close } = await pageInMode(lang, mode);
  try {
    expect(await page.evaluate('document.documentElement.className')).toContain('script-latn');
    const drawn = await fontsDrawing(page, [...LATIN_EXT_A, 'ĺ']);
    for (const c of LATIN_EXT_A) expect([c, drawn[c]]).toEqual([c, [family]]);
    expect(drawn['ĺ']).not.toContain('OpenDyslexic');
  } finally {
    await close();
  }
});
