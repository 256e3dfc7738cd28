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
