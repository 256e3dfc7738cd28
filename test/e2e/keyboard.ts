import type { Page } from 'playwright-core';

/**
 * Drives a page with the keyboard only, the way a person without a mouse would: Tab to a field, Space to tick,
 * arrow keys inside a radio group, Enter on a button. Every step checks where the focus really is.
 */

/** The few browser globals the functions passed to page.evaluate use (this project compiles without the DOM lib). */
interface FocusedField {
  tagName: string;
  type?: string;
  name?: string;
  value?: string;
  checked?: boolean;
  id: string;
  textContent: string | null;
}
declare const document: { activeElement: FocusedField | null };

export interface Focused {
  tag: string;
  type: string;
  name: string;
  value: string;
  checked: boolean;
  id: string;
  text: string;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: (el?.tagName ?? '').toLowerCase(),
      type: el?.type ?? '',
      name: el?.name ?? '',
      value: el?.value ?? '',
      checked: Boolean(el?.checked),
      id: el?.id ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 60),
    };
  });
}

const describe = (f: Focused) => `<${f.tag}${f.type ? ` type=${f.type}` : ''}${f.name ? ` name=${f.name}` : ''}${f.value ? ` value=${f.value}` : ''}${f.id ? ` id=${f.id}` : ''}> ${f.text}`;

/** Presses Tab (Shift+Tab when `backwards`) until the focused element matches; fails with the path it took. */
export async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string, { max = 80, backwards = false } = {}): Promise<Focused> {
  const path: string[] = [];
  let current = await focused(page);
  for (let i = 0; i < max && !wanted(current); i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    current = await focused(page);
    path.push(describe(current));
  }
  if (!wanted(current)) throw new Error(`Could not reach ${what} with ${backwards ? 'Shift+' : ''}Tab; focus went through:\n  ${path.join('\n  ')}`);
  return current;
}

export const tabToName = (page: Page, name: string) => tabTo(page, (f) => f.name === name, `the field "${name}"`);

/**
 * Selects option `index` (0-based) of the radio group `name`: Tab lands on the group (its first radio, or the checked
 * one), then ArrowDown/ArrowUp moves and selects; Space selects the first radio, which arrows never do on their own.
 */
export async function chooseRadio(page: Page, name: string, index: number, values: readonly string[]): Promise<void> {
  let f = await tabToName(page, name);
  if (f.type !== 'radio') throw new Error(`"${name}" is a ${f.type || f.tag}, not a radio group`);
  let at = values.indexOf(f.value);
  if (at < 0) throw new Error(`"${name}" has an unexpected value ${f.value}`);
  if (at === index && !f.checked) await page.keyboard.press('Space');
  while (at !== index) {
    await page.keyboard.press(at < index ? 'ArrowDown' : 'ArrowUp');
    at += at < index ? 1 : -1;
  }
  f = await focused(page);
  if (f.name !== name || f.value !== values[index] || !f.checked) throw new Error(`Expected ${name}=${values[index]} to be selected, focus is on ${describe(f)}`);
}

/** Ticks the checkbox `name` with value `value` (Tab to it, Space). */
export async function tick(page: Page, name: string, value: string): Promise<void> {
  const f = await tabTo(page, (x) => x.name === name && x.value === value, `the checkbox ${name}=${value}`);
  if (f.type !== 'checkbox') throw new Error(`${name}=${value} is not a checkbox`);
  if (!f.checked) await page.keyboard.press('Space');
  if (!(await focused(page)).checked) throw new Error(`${name}=${value} did not get ticked`);
}

/** Picks an option of a closed <select> with the arrow keys until its value is `value`. */
export async function selectWithKeys(page: Page, name: string, value: string, { max = 300 } = {}): Promise<void> {
  let f = await tabToName(page, name);
  for (let i = 0; i < max && f.value !== value; i++) {
    await page.keyboard.press('ArrowDown');
    f = await focused(page);
  }
  if (f.value !== value) throw new Error(`Could not select ${value} in "${name}" with the arrow keys (stuck at "${f.value}")`);
}

/** Types into the text field or text area `name`. */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabToName(page, name);
  await page.keyboard.type(text);
}

/** Tabs to the submit button with `name=_action value=action` and presses Enter; resolves once `urlPart` has loaded. */
export async function pressButton(page: Page, action: string, urlPart: RegExp): Promise<void> {
  await tabTo(page, (f) => f.tag === 'button' && f.value === action, `the button ${action}`, { max: 400 });
  await Promise.all([page.waitForURL(urlPart), page.keyboard.press('Enter')]);
}
