import { localize } from '../i18n';
import type { Questionnaire } from './schema';

function isLocalizedText(value: unknown, languages: readonly string[]): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => languages.includes(k) && typeof (value as Record<string, unknown>)[k] === 'string');
}

/** The definition with every localized text replaced by its text in `lang` (falling back to the default language). */
export function localizeDefinition(q: Questionnaire, lang: string, allLanguages: readonly string[]): unknown {
  const walk = (value: unknown): unknown => {
    if (isLocalizedText(value, allLanguages)) return localize(value, lang, q.defaultLanguage).text;
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(q);
}
