import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGUAGES, type Language } from './languages';
import { fromRoot } from '../shared/paths';
import type { LocalizedText } from '../questionnaires/schema';

export const NAMESPACES = ['respondent', 'errors', 'admin', 'report', 'dashboard', 'cli'] as const;
export type Namespace = (typeof NAMESPACES)[number];
export const LOCALES_DIR = fromRoot('src', 'i18n', 'locales');

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Reads every locales/<lng>/<ns>.json that exists. */
export function readResources(dir = LOCALES_DIR): Resources {
  const resources: Resources = {};
  for (const lng of fs.readdirSync(dir)) {
    for (const file of fs.readdirSync(path.join(dir, lng)).filter((f) => f.endsWith('.json'))) {
      (resources[lng] ??= {})[path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(dir, lng, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

/** One shared i18next instance, initialised synchronously; callers always use a fixed `t` per request. */
export function getI18n(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: readResources(),
    supportedLngs: [...LANGUAGES, 'ar'],
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'respondent',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

export function fixedT(lng: string, ns: Namespace = 'respondent'): TFunction {
  return getI18n().getFixedT(lng, ns);
}

export interface Localized {
  text: string;
  /** The language the text was found in: differs from the one asked for when it fell back. */
  lang: string;
  fallback: boolean;
}

/** Picks a questionnaire text in `lang`, falling back to the default language, then any language; never blank. */
export function localize(text: LocalizedText | undefined, lang: string, defaultLang: string): Localized {
  const entries = (text ?? {}) as Record<string, string | undefined>;
  const direct = entries[lang];
  if (direct) return { text: direct, lang, fallback: false };
  const viaDefault = entries[defaultLang];
  if (viaDefault) return { text: viaDefault, lang: defaultLang, fallback: true };
  const [anyLang, anyText] = Object.entries(entries).find(([, v]) => v) ?? [defaultLang, ''];
  return { text: anyText ?? '', lang: anyLang, fallback: true };
}

export function isSupportedUiLanguage(lng: string): lng is Language {
  return (LANGUAGES as readonly string[]).includes(lng);
}
