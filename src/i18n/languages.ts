/**
 * One entry per language: the registry. Adding a language is adding its locale files (src/i18n/locales/<code>/)
 * plus one entry here (see README, "Adding a language"); everything else (the switcher, `?lang=`, check:i18n, the
 * questionnaire schema) reads this list. Plural rules are not listed: they come from CLDR through Intl.PluralRules
 * (`pluralCategories`). `scripts` (ISO 15924) tells which fonts a page needs: OpenDyslexic, for instance, covers
 * Latin only, so the dyslexia mode keeps the ordinary font for other scripts (public/css/app.css).
 */
export interface LanguageInfo {
  /** The name of the language in itself, as the language switcher shows it. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  scripts: readonly string[];
}

/** The languages Needsmap ships in (interface and questionnaire), in the order the language switcher lists them. */
const SHIPPED = {
  en: { nativeName: 'English', dir: 'ltr', scripts: ['Latn'] },
  bg: { nativeName: 'Български', dir: 'ltr', scripts: ['Cyrl'] },
  it: { nativeName: 'Italiano', dir: 'ltr', scripts: ['Latn'] },
  es: { nativeName: 'Español', dir: 'ltr', scripts: ['Latn'] },
  sl: { nativeName: 'Slovenščina', dir: 'ltr', scripts: ['Latn'] },
  fi: { nativeName: 'Suomi', dir: 'ltr', scripts: ['Latn'] },
  sv: { nativeName: 'Svenska', dir: 'ltr', scripts: ['Latn'] },
  pt: { nativeName: 'Português', dir: 'ltr', scripts: ['Latn'] },
  pl: { nativeName: 'Polski', dir: 'ltr', scripts: ['Latn'] },
  de: { nativeName: 'Deutsch', dir: 'ltr', scripts: ['Latn'] },
  fr: { nativeName: 'Français', dir: 'ltr', scripts: ['Latn'] },
  ro: { nativeName: 'Română', dir: 'ltr', scripts: ['Latn'] },
  nl: { nativeName: 'Nederlands', dir: 'ltr', scripts: ['Latn'] },
  ga: { nativeName: 'Gaeilge', dir: 'ltr', scripts: ['Latn'] },
  mt: { nativeName: 'Malti', dir: 'ltr', scripts: ['Latn'] },
  hr: { nativeName: 'Hrvatski', dir: 'ltr', scripts: ['Latn'] },
  hu: { nativeName: 'Magyar', dir: 'ltr', scripts: ['Latn'] },
  el: { nativeName: 'Ελληνικά', dir: 'ltr', scripts: ['Grek'] },
  sk: { nativeName: 'Slovenčina', dir: 'ltr', scripts: ['Latn'] },
  lv: { nativeName: 'Latviešu', dir: 'ltr', scripts: ['Latn'] },
  et: { nativeName: 'Eesti', dir: 'ltr', scripts: ['Latn'] },
  lt: { nativeName: 'Lietuvių', dir: 'ltr', scripts: ['Latn'] },
  uk: { nativeName: 'Українська', dir: 'ltr', scripts: ['Cyrl'] },
  cs: { nativeName: 'Čeština', dir: 'ltr', scripts: ['Latn'] },
  da: { nativeName: 'Dansk', dir: 'ltr', scripts: ['Latn'] },
} as const satisfies Record<string, LanguageInfo>;

/** Languages questionnaire texts may be written in before Needsmap's own texts exist in them (right-to-left ones). */
const PREPARED = {
  ar: { nativeName: 'العربية', dir: 'rtl', scripts: ['Arab'] },
} as const satisfies Record<string, LanguageInfo>;

export type Language = keyof typeof SHIPPED;
export type TextLanguage = Language | keyof typeof PREPARED;

/** Every registered language by code. */
export const REGISTRY: Readonly<Record<TextLanguage, LanguageInfo>> = { ...SHIPPED, ...PREPARED };

/** The shipped languages, in the switcher's order. */
export const LANGUAGES = Object.keys(SHIPPED) as [Language, ...Language[]];

/** Languages questionnaire texts may be written in: the shipped ones plus the prepared ones. */
export const TEXT_LANGUAGES = [...LANGUAGES, ...(Object.keys(PREPARED) as (keyof typeof PREPARED)[])] as [TextLanguage, ...TextLanguage[]];

/** Right-to-left languages not (yet) registered, so a questionnaire text in them still gets the right direction. */
const RTL = new Set<string>(['he', 'fa', 'ur']);

/** The plural categories i18next needs in a language (`_one`, `_few`, …), from CLDR through Intl.PluralRules. */
export function pluralCategories(lang: string): string[] {
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isTextLanguage(value: unknown): value is TextLanguage {
  return typeof value === 'string' && (TEXT_LANGUAGES as readonly string[]).includes(value);
}

export function textDirection(lang: string): 'ltr' | 'rtl' {
  const known = (REGISTRY as Readonly<Record<string, LanguageInfo | undefined>>)[lang];
  return known ? known.dir : RTL.has(lang) ? 'rtl' : 'ltr';
}

/** The name of a language in that language itself ("български"), for the language switcher. */
export function nativeLanguageName(lang: string): string {
  const known = (REGISTRY as Readonly<Record<string, LanguageInfo | undefined>>)[lang];
  if (known) return known.nativeName;
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}
