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

/** The namespaces of one language (an empty set when it has no folder). */
function readLanguage(lng: string, dir = LOCALES_DIR): Record<string, Record<string, unknown>> {
  const folder = path.join(dir, lng);
  if (!/^[a-z]{2,3}$/.test(lng) || !fs.existsSync(folder)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [path.basename(f, '.json'), JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as Record<string, unknown>]),
  );
}

let instance: i18n | undefined;

/**
 * One shared i18next instance, initialised synchronously; callers always use a fixed `t` per request. English (the
 * fallback) is read at once, every other language the first time it is asked for: a command that prints a PDF in
 * one language does not read the other 24 (150 files).
 */
export function getI18n(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  const loaded = new Set<string>(['en']);
  const ensure = (lng: unknown) => {
    if (typeof lng !== 'string') return;
    const base = lng.split('-')[0]!;
    if (loaded.has(base)) return;
    loaded.add(base);
    for (const [ns, bundle] of Object.entries(readLanguage(base))) created.addResourceBundle(base, ns, bundle, true, true);
  };
  void created.init({
    resources: { en: readLanguage('en') },
    supportedLngs: [...LANGUAGES, 'ar'],
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'respondent',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  // after init: i18next adds its store's methods (hasResourceBundle, addResourceBundle) there
  const getFixedT = created.getFixedT.bind(created);
  created.getFixedT = ((lng: unknown, ...rest: unknown[]) => {
    (Array.isArray(lng) ? lng : [lng]).forEach(ensure);
    return (getFixedT as (...args: unknown[]) => TFunction)(lng, ...rest);
  }) as typeof created.getFixedT;
  const hasResourceBundle = created.hasResourceBundle.bind(created);
  created.hasResourceBundle = (lng: string, ns: string) => {
    ensure(lng);
    return hasResourceBundle(lng, ns);
  };
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
