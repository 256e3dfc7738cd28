import type { TFunction } from 'i18next';

/** Options i18next reads itself (plural forms, context, look-up): calls using them always go to i18next. */
const SPECIAL = new Set(['count', 'context', 'ordinal', 'defaultValue', 'lng', 'lngs', 'ns', 'replace', 'interpolation', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'keyPrefix', 'skipInterpolation', 'nest']);
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * The report's translate function, answering the calls a PDF makes over and over without going through i18next's
 * whole resolution each time (a long report makes about 1,500 calls, most of them to a few dozen keys):
 * - `t(key)`: the text is kept after the first call;
 * - `t(key, values)` whose text only has plain `{{name}}` placeholders, every one of them given in `values` as a string
 *   or number: the placeholders are replaced in the text i18next resolved for the key (fallback language included),
 *   as i18next's interpolation would (escaping is off for the report, values are not interpolated again);
 * - anything else (plural forms, context, formats, nesting, a missing value) goes to i18next.
 */
export function fastT(t: TFunction): TFunction {
  const call = t as unknown as (...args: unknown[]) => string;
  const plain = new Map<string, string>();
  const raw = new Map<string, { text: string; names: Set<string> } | null>();
  const template = (key: string) => {
    let found = raw.get(key);
    if (found === undefined) {
      const text = call(key, { skipInterpolation: true });
      const simple = typeof text === 'string' && !text.includes('$t(') && !/\{\{(?!\s*\w+\s*\}\})/.test(text);
      found = simple ? { text, names: new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)) } : null;
      raw.set(key, found);
    }
    return found;
  };
  const translate = (...args: unknown[]) => {
    const [key, values] = args;
    if (typeof key !== 'string') return call(...args);
    if (args.length === 1) {
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = call(key)));
      return text;
    }
    if (args.length !== 2 || typeof values !== 'object' || values === null) return call(...args);
    const given = values as Record<string, unknown>;
    const names = Object.keys(given);
    if (names.some((name) => SPECIAL.has(name) || (typeof given[name] !== 'string' && typeof given[name] !== 'number'))) return call(...args);
    const found = template(key);
    if (!found || names.some((name) => !found.names.has(name)) || [...found.names].some((name) => !(name in given))) return call(...args);
    return found.text.replace(PLACEHOLDER, (_, name: string) => String(given[name]));
  };
  return Object.assign(translate, t) as unknown as TFunction;
}
